using SkypeDissect.Model;
using SkypeDissect.Generator.View;

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
            e.Id, Rendering.LuaText.Quote(Rendering.LuaText.Transport(e.Transport)), e.Ports.First, e.Ports.Last,
            Rendering.LuaText.Comment(e.Provenance.ToString())))];

    private static RuleView Common(Rule rule) => new(
        Rendering.LuaText.Comment(rule.Id),
        Rendering.LuaText.Quote(rule.Id),
        Rendering.LuaText.Snake(rule.Kind),
        Rendering.LuaText.Quote(Rendering.LuaText.Snake(rule.Kind)),
        rule.Step,
        Rendering.LuaText.Quote(rule.Group),
        Rendering.LuaText.Quote(Rendering.LuaText.Snake(rule.Gate)),
        Rendering.LuaText.Comment(rule.Description),
        Rendering.LuaText.Comment(rule.Provenance.ToString()),
        Settings: [],
        HasTokens: false,
        DomainComment: "",
        Tokens: [],
        HasEndpoints: false,
        Endpoints: [],
        HasRanges: false,
        Ranges: []);
}
