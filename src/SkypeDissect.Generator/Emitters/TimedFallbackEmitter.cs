using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The rule whose connections the fall-back follows, the longest delay, and the fall-back's endpoints.</summary>
public sealed class TimedFallbackEmitter : LuaRuleEmitter<TimedFallbackRule>
{
    public override RuleKind Kind => TimedFallbackRule.Descriptor;

    public override bool Prepares => true;

    /// <summary>The rule the fall-back follows remembers its clients' SYNs as openings.</summary>
    public override IEnumerable<(string RuleId, SettingView Setting)> Marks(Rule rule) =>
        [(((TimedFallbackRule)rule).After, new("opens_fallback", "true", "a timed-fallback rule follows this rule's connections: their SYNs are remembered"))];

    protected override RuleView Emit(TimedFallbackRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints) with
    {
        Settings =
        [
            new("after", LuaText.Quote(rule.After), "a connection to the same address tagged by this rule of the same version came first"),
            new("max_delay", LuaText.Number(rule.MaxDelaySeconds), "seconds from that connection's first SYN, at most"),
        ],
    };
}
