namespace SkypeDissect.Model;

/// <summary>
/// dns-name: a DNS query or answer whose first question's name matches <paramref name="Domain"/>; the addresses
/// of an answer are learned for the client that asked (docs/tagging.md 3, 4).
/// </summary>
public sealed record DnsNameRule(
    string Id, int Step, string Group, Gate Gate, DomainPattern Domain, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, [], Description, Provenance)
{
    public static RuleKind Descriptor { get; } = new()
    {
        Name = "dns-name",
        Needs = FrameNeeds.Dns,
        Keeps = KindState.LearnedAddresses,
        Endpoints = EndpointUse.None,
        Lookup = true,
        Parameters = [new("domain", ParameterType.Domain)],
        Create = (h, p) => new DnsNameRule(h.Id, h.Step, h.Group, h.Gate, (DomainPattern)p[0]!, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], Domain)];

    public override string Evidence => Domain.Pattern;
}
