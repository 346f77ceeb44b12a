using System.Globalization;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The prefix as a string of its bytes, the optional exact length, and the endpoints (none: any port).</summary>
public sealed class PayloadPrefixEmitter : LuaRuleEmitter<PayloadPrefixRule>
{
    public override RuleKind Kind => PayloadPrefixRule.Descriptor;

    // observe_payload_prefix: whether each valid TCP frame is the first of its direction to carry payload (section 3.3).
    public override bool Observes => true;

    public override bool ObservesEveryTcpFrame => true;

    public override IReadOnlyList<string> ObservedFacts => ["first_payload", "payload"];

    protected override RuleView Emit(PayloadPrefixRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints) with
    {
        Settings =
        [
            new("prefix_raw", LuaText.QuoteBytes(rule.PrefixBytes),
                $"{rule.Prefix}: the first bytes of the client's first payload on the connection"),
            rule.ExactLength is { } n
                ? new("exact_length", n.ToString(CultureInfo.InvariantCulture), "the first payload has exactly this many bytes")
                : new("exact_length", "nil", "a first payload of any length"),
            new("any_port", rule.Endpoints.Count == 0 ? "true" : "false", rule.Endpoints.Count == 0 ? "no endpoints: any server port (the gate is needed)" : "the server port fits an endpoint"),
        ],
    };
}
