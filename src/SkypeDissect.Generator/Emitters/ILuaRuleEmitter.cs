using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>
/// Turns one rule of a single kind into its flat view-model row. Exactly one implementation exists per
/// <see cref="RuleKind"/>; the template holds the matching Lua function <c>match_&lt;kind&gt;</c>.
/// </summary>
public interface ILuaRuleEmitter
{
    RuleKind Kind { get; }

    RuleView Emit(Rule rule);
}

/// <summary>The part of an emitter every kind shares: the rule's identity, gate and provenance, and its cast.</summary>
public abstract class LuaRuleEmitter<TRule> : ILuaRuleEmitter
    where TRule : Rule
{
    public abstract RuleKind Kind { get; }

    public RuleView Emit(Rule rule)
    {
        if (rule is not TRule typed)
        {
            throw new ArgumentException($"rule '{rule.Id}' is a {rule.Kind} rule, not a {Kind} rule", nameof(rule));
        }

        return Emit(typed, Common(rule));
    }

    /// <summary>Fills in what this kind needs on top of the common row.</summary>
    protected abstract RuleView Emit(TRule rule, RuleView common);

    protected static IReadOnlyList<EndpointView> Endpoints(IEnumerable<Endpoint> endpoints) =>
        [.. endpoints.Select(e => new EndpointView(
            e.Id, LuaText.Quote(LuaText.Transport(e.Transport)), e.Ports.First, e.Ports.Last,
            LuaText.Comment(e.Provenance.ToString())))];

    private static RuleView Common(Rule rule) => new(
        LuaText.Comment(rule.Id),
        LuaText.Quote(rule.Id),
        LuaText.Snake(rule.Kind),
        LuaText.Quote(LuaText.Snake(rule.Kind)),
        rule.Step,
        LuaText.Quote(rule.Group),
        LuaText.Quote(LuaText.Snake(rule.Gate)),
        LuaText.Comment(rule.Description),
        LuaText.Comment(rule.Provenance.ToString()),
        Settings: [],
        HasTokens: false,
        DomainComment: "",
        Tokens: [],
        HasEndpoints: false,
        Endpoints: [],
        HasRanges: false,
        Ranges: []);
}
