using System.Globalization;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>
/// The Lua side of one <see cref="RuleKind"/>: it turns a rule of the kind into its flat view-model row, and
/// names the kind's Lua fragment, <c>templates/kinds/&lt;kind&gt;.sbn</c>, which defines
/// <c>match_&lt;kind&gt;(rule, f)</c>, and optionally <c>prepare_&lt;kind&gt;(rule, by_id)</c> (load time: only what Lua alone can do,
/// linking the rule to another rule table of its version; every value that depends only on the model is in the row) and
/// <c>tagged_&lt;kind&gt;(f, rule, side, client)</c> (the kind's state, after a frame it tagged by the rules; a kind
/// whose tag covers another connection too, <see cref="RuleKind.TagsCompanion"/>, returns that connection's ends
/// <c>a, a_port, b, b_port</c> and the core installs flow memory for it). Exactly one implementation exists per kind.
/// </summary>
public interface ILuaRuleEmitter
{
    RuleKind Kind { get; }

    /// <summary>The kind's Lua fragment, an embedded template: <c>kinds/&lt;kind&gt;.sbn</c>.</summary>
    string Fragment => $"kinds/{Kind.LuaName}.sbn";

    /// <summary>The fragment defines <c>prepare_&lt;kind&gt;</c> (it links the rule to another rule of its version).</summary>
    bool Prepares { get; }

    /// <summary>The fragment defines <c>tagged_&lt;kind&gt;</c> (state after a tag, or the connection the tag also covers).</summary>
    bool KeepsState { get; }

    /// <summary>
    /// The fragment defines <c>observe_&lt;kind&gt;(f)</c>: what the kind watches on frames whatever then happens to them, before
    /// flow memory and the rules (the analyzer's <c>IRuleEvaluator.Observer</c>); it may add <see cref="ObservedFacts"/> to
    /// the frame.
    /// </summary>
    bool Observes { get; }

    /// <summary>
    /// The observer watches every valid TCP frame, before the prefilter (otherwise every valid frame past it, where a host
    /// with state or a port of the model is one end).
    /// </summary>
    bool ObservesEveryTcpFrame { get; }

    /// <summary>The frame facts the observer sets (<c>f.&lt;name&gt;</c>); nil on every frame before the observers run.</summary>
    IReadOnlyList<string> ObservedFacts { get; }

    RuleView Emit(Rule rule);

    /// <summary>Settings a rule of the kind puts on another rule of its version (by id), e.g. that a fall-back follows it.</summary>
    IEnumerable<(string RuleId, SettingView Setting)> Marks(Rule rule);

    /// <summary>
    /// What any frame a rule of the kind matches must have, known from the model's rules of the kind alone: a Lua
    /// declaration rendered before the kind's fragment and a condition on the frame facts <c>f</c> that
    /// <c>possible_kinds</c> adds to the kind's needs; null when the needs say all.
    /// </summary>
    KindFilterView? Filter(IReadOnlyList<Rule> rules);
}

/// <summary>The part of an emitter every kind shares: the rule's identity, gate and provenance, and its cast.</summary>
public abstract class LuaRuleEmitter<TRule> : ILuaRuleEmitter
    where TRule : Rule
{
    public abstract RuleKind Kind { get; }

    public virtual bool Prepares => false;

    public virtual bool KeepsState => false;

    public virtual bool Observes => false;

    public virtual bool ObservesEveryTcpFrame => false;

    public virtual IReadOnlyList<string> ObservedFacts => [];

    public virtual KindFilterView? Filter(IReadOnlyList<Rule> rules) => null;

    public virtual IEnumerable<(string RuleId, SettingView Setting)> Marks(Rule rule) => [];

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

    /// <summary>
    /// The row with a domain pattern as the token list (literal, number range, build, label) that <c>tokens_match</c>
    /// walks, and the pattern's last literal as <c>suffix</c>, checked first (most names end otherwise).
    /// </summary>
    protected static RuleView WithDomain(RuleView row, DomainPattern domain) => row with
    {
        Settings = domain.Tokens[^1] is DomainToken.Literal last
            ? [.. row.Settings, new("suffix", LuaText.Quote(last.Text), "the pattern's last literal, checked first")]
            : row.Settings,
        HasTokens = true,
        DomainComment = LuaText.Comment($"{domain.Pattern} -- {domain.Provenance}"),
        Tokens = [.. domain.Tokens.Select(Token)],
    };

    /// <summary>The row with the rule's endpoints as comment lines and as the sets <c>port_fits</c> looks up (<c>ports</c>, <c>wide</c>).</summary>
    protected static RuleView WithEndpoints(RuleView row, IReadOnlyList<Endpoint> endpoints)
    {
        List<PortSpan> spans = [.. endpoints.Select(e => new PortSpan(e.Transport, e.Ports.First, e.Ports.Last))];
        return row with
        {
            HasEndpoints = endpoints.Count > 0,
            Endpoints = [.. endpoints.Select(e => new EndpointView(
                LuaText.Comment(e.Id), LuaText.Transport(e.Transport), e.Ports.First, e.Ports.Last, LuaText.Comment(e.Provenance.ToString())))],
            PortsLua = LuaText.PortSet(spans),
            WideLua = LuaText.WideSpans(spans),
        };
    }

    private static TokenView Token(DomainToken token) => token switch
    {
        DomainToken.Literal l => new(LuaText.Quote("lit"), ", " + LuaText.Quote(l.Text)),
        DomainToken.Number n => new(LuaText.Quote("num"), string.Create(CultureInfo.InvariantCulture, $", {n.Min}, {n.Max}")),
        DomainToken.Build => new(LuaText.Quote("build"), ""),
        DomainToken.Label => new(LuaText.Quote("label"), ""),
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, "unknown domain token"),
    };

    private static RuleView Common(Rule rule) => new(
        LuaText.Comment(rule.Id),
        LuaText.Quote(rule.Id),
        rule.Kind.LuaName,
        LuaText.Quote(rule.Kind.LuaName),
        rule.Step,
        LuaText.Quote(rule.Group),
        LuaText.Quote(LuaText.Snake(rule.Gate)),
        LuaText.Quote(string.Create(CultureInfo.InvariantCulture, $" [Skype login step {rule.Step}: {rule.Group}]")),
        rule.Kind.Lookup,
        LuaText.Comment(rule.Description),
        LuaText.Comment(rule.Provenance.ToString()),
        Settings: [],
        HasTokens: false,
        DomainComment: "",
        Tokens: [],
        HasEndpoints: false,
        Endpoints: [],
        PortsLua: "nil",
        WideLua: "nil",
        HasRanges: false,
        Ranges: [],
        Index: []);
}
