using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>A domain pattern becomes a token list (literal, number range, build, label) that <c>match_dns_name</c> walks.</summary>
public sealed class DnsNameEmitter : LuaRuleEmitter<DnsNameRule>
{
    public override RuleKind Kind => DnsNameRule.Descriptor;

    public override bool KeepsState => true;

    protected override RuleView Emit(DnsNameRule rule, RuleView common) => WithDomain(common, rule.Domain);
}
