using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The domain pattern as a token list for <c>tokens_match</c>, and the endpoints (the TLS server ports).</summary>
public sealed class TlsNameEmitter : LuaRuleEmitter<TlsNameRule>
{
    public override RuleKind Kind => TlsNameRule.Descriptor;

    public override bool Prepares => true;

    protected override RuleView Emit(TlsNameRule rule, RuleView common) => WithDomain(common, rule.Domain) with
    {
        HasEndpoints = true,
        Endpoints = Endpoints(rule.Endpoints),
    };
}
