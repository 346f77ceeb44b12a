using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The domain pattern as a token list for <c>tokens_match</c>, and the endpoints (the TLS server ports).</summary>
public sealed class TlsNameEmitter : LuaRuleEmitter<TlsNameRule>
{
    public override RuleKind Kind => TlsNameRule.Descriptor;

    // observe_tls_name: the names a frame of a followed connection's handshake makes known (section 3.5), as f.tls.
    public override bool Observes => true;

    public override IReadOnlyList<string> ObservedFacts => ["tls"];

    protected override RuleView Emit(TlsNameRule rule, RuleView common) => WithEndpoints(WithDomain(common, rule.Domain), rule.Endpoints);
}
