using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The delays between the first SYNs of the two connections, and the server endpoints.</summary>
public sealed class TimedRetryEmitter : LuaRuleEmitter<TimedRetryRule>
{
    public override RuleKind Kind => TimedRetryRule.Descriptor;

    // tagged_timed_retry names the other connection of the two, which the tag covers too.
    public override bool KeepsState => true;

    // observe_timed_retry: the first SYNs of a client's two latest connections per server address and port (section 3.6),
    // and whether the frame's source has any (f.recent_client, which the RecentConnection need reads).
    public override bool Observes => true;

    public override IReadOnlyList<string> ObservedFacts => ["recent_client"];

    protected override RuleView Emit(TimedRetryRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints) with
    {
        Settings =
        [
            new("min_delay", LuaText.Number(rule.MinDelaySeconds), "seconds between the first SYNs of the client's two latest connections there, at least"),
            new("max_delay", LuaText.Number(rule.MaxDelaySeconds), "and at most"),
        ],
    };
}
