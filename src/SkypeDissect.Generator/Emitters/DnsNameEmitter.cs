using System.Globalization;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>A domain pattern becomes a token list (literal, number range, build, label) that <c>match_dns_name</c> walks.</summary>
public sealed class DnsNameEmitter : LuaRuleEmitter<DnsNameRule>
{
    public override RuleKind Kind => DnsNameRule.Descriptor;

    public override bool Prepares => true;

    public override bool KeepsState => true;

    protected override RuleView Emit(DnsNameRule rule, RuleView common) => common with
    {
        HasTokens = true,
        DomainComment = LuaText.Comment($"{rule.Domain.Pattern} -- {rule.Domain.Provenance}"),
        Tokens = [.. rule.Domain.Tokens.Select(Token)],
    };

    private static TokenView Token(DomainToken token) => token switch
    {
        DomainToken.Literal l => new(LuaText.Quote("lit"), ", " + LuaText.Quote(l.Text)),
        DomainToken.Number n => new(LuaText.Quote("num"), string.Create(CultureInfo.InvariantCulture, $", {n.Min}, {n.Max}")),
        DomainToken.Build => new(LuaText.Quote("build"), ""),
        DomainToken.Label => new(LuaText.Quote("label"), ""),
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, "unknown domain token"),
    };
}
