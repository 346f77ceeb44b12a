namespace SkypeDissect.Model;

/// <summary>What must already be known about the client before a rule may tag its traffic.</summary>
public enum Gate
{
    /// <summary>No condition: the rule's own evidence is Skype-specific.</summary>
    None,

    /// <summary>The client sent login traffic (step 1) no longer than the login window ago.</summary>
    LoginSeen,

    /// <summary>The client's login is complete (a login server answered on a TCP rung or the channel), within the login window.</summary>
    LoginComplete,

    /// <summary>
    /// The client's login channel is established (a login server answered on a channel port), within the
    /// login window: a further channel connection after it is presence, not the login's own channel.
    /// </summary>
    ChannelSeen,
}

/// <summary>
/// One signature: evidence that ties a frame to a step of the login. Rules are tried in the order the
/// version lists them; the first that matches tags the frame. What every rule has sits here (identity,
/// step and group, gate, server endpoints, description, provenance); what its kind adds is in
/// <see cref="Parameters"/>, described by the kind's <see cref="RuleKind"/>. Each kind is one record in
/// <c>Rules/</c>, one evaluator (SkypeDissect.Analyzer) and one emitter with its Lua fragment
/// (SkypeDissect.Generator); everything else works from the descriptor and this base.
/// </summary>
/// <param name="Endpoints">Server endpoints the rule looks at; empty for kinds that take none (or, where the kind allows, any port).</param>
public abstract record Rule(
    string Id, int Step, string Group, Gate Gate, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
{
    /// <summary>The kind of evidence this rule is.</summary>
    public abstract RuleKind Kind { get; }

    /// <summary>The kind's parameters with this rule's values, in the order of <see cref="RuleKind.Parameters"/>.</summary>
    public abstract IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>The evidence in a few words, for people (the <c>signatures</c> table).</summary>
    public abstract string Evidence { get; }

    /// <summary>Checks of the kind's own parameters beyond what its descriptor declares; <paramref name="path"/> is the rule's path.</summary>
    public virtual IEnumerable<ModelProblem> CheckParameters(string path) => [];

    /// <summary>The common part, as a kind's <see cref="RuleKind.Create"/> takes it.</summary>
    public RuleHead Head => new(Id, Step, Group, Gate, Endpoints, Description, Provenance);

    /// <summary>The rule's endpoints as text, <c>tcp/443, udp/33033</c>.</summary>
    protected string EndpointText => string.Join(", ", Endpoints.Select(e => e.ToString()));
}

/// <summary>The part of a rule that does not depend on its kind.</summary>
public sealed record RuleHead(
    string Id, int Step, string Group, Gate Gate, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance);
