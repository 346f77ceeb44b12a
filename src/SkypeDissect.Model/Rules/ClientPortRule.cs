namespace SkypeDissect.Model;

/// <summary>
/// client-port: UDP traffic between the client's Skype port (the source port of its UDP login probe) and a remote
/// host. With <paramref name="MaxRemotes"/> only the first so many distinct remote hosts of a client match.
/// </summary>
public sealed record ClientPortRule(
    string Id, int Step, string Group, Gate Gate, int? MaxRemotes, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, [], Description, Provenance)
{
    public static RuleKind Descriptor { get; } = new()
    {
        Name = "client-port",
        Needs = FrameNeeds.Udp | FrameNeeds.KnownClient,
        Keeps = KindState.RemoteSets,
        Endpoints = EndpointUse.None,
        GateNeeded = "a client-port rule needs a login gate: the port is learned from a login",
        Parameters = [new("maxRemotes", ParameterType.Integer, Optional: true)],
        Create = (h, p) => new ClientPortRule(h.Id, h.Step, h.Group, h.Gate, (int?)p[0], h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], MaxRemotes)];

    public override string Evidence => MaxRemotes is { } m
        ? $"client's UDP port, first {m.ToString(System.Globalization.CultureInfo.InvariantCulture)} remote hosts"
        : "client's UDP port, further remote hosts";

    public override IEnumerable<ModelProblem> CheckParameters(string path)
    {
        if (MaxRemotes is < 1)
        {
            yield return new($"{path}.maxRemotes", "must be at least 1 when given");
        }
    }
}
