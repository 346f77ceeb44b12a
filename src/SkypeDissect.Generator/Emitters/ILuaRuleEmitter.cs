using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>
/// The Lua side of one <see cref="RuleKind"/>: it turns a rule of the kind into its flat view-model row, and
/// names the kind's Lua fragment, <c>templates/kinds/&lt;kind&gt;.sbn</c>, which defines
/// <c>match_&lt;kind&gt;(rule, f)</c>, and optionally <c>prepare_&lt;kind&gt;(rule, by_id)</c> (load time) and
/// <c>tagged_&lt;kind&gt;(f, rule, side, client)</c> (the kind's state, after a frame it tagged by the rules).
/// Exactly one implementation exists per kind.
/// </summary>
public interface ILuaRuleEmitter
{
    RuleKind Kind { get; }

    /// <summary>The kind's Lua fragment, an embedded template: <c>kinds/&lt;kind&gt;.sbn</c>.</summary>
    string Fragment => $"kinds/{Kind.LuaName}.sbn";

    /// <summary>The fragment defines <c>prepare_&lt;kind&gt;</c>.</summary>
    bool Prepares { get; }

    /// <summary>The fragment defines <c>tagged_&lt;kind&gt;</c>.</summary>
    bool KeepsState { get; }

    RuleView Emit(Rule rule);
}

/// <summary>The part of an emitter every kind shares: the rule's identity, gate and provenance, and its cast.</summary>
public abstract class LuaRuleEmitter<TRule> : ILuaRuleEmitter
    where TRule : Rule
{
    public abstract RuleKind Kind { get; }

    public virtual bool Prepares => false;

    public virtual bool KeepsState => false;

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
        rule.Kind.LuaName,
        LuaText.Quote(rule.Kind.LuaName),
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
