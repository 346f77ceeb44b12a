namespace SkypeDissect.Model;

/// <summary>after-login: traffic from a gated client to any host on one of the endpoints; the gate is the evidence.</summary>
public sealed record AfterLoginRule(
    string Id, int Step, string Group, Gate Gate, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    public static RuleKind Descriptor { get; } = new()
    {
        Name = "after-login",
        Needs = FrameNeeds.KnownClient,
        TagsAtSyn = true,
        GateNeeded = "an after-login rule needs a gate: the login is its only evidence besides the port",
        Create = (h, _) => new AfterLoginRule(h.Id, h.Step, h.Group, h.Gate, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [];

    public override string Evidence => $"login from the host, then {EndpointText}";
}
