namespace SkypeDissect.Model;

/// <summary>address-range: traffic with an IPv4 address in one of the ranges, on one of the endpoints.</summary>
public sealed record AddressRangeRule(
    string Id, int Step, string Group, Gate Gate, IReadOnlyList<AddressRange> Ranges, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    public static RuleKind Descriptor { get; } = new()
    {
        Name = "address-range",
        Needs = FrameNeeds.EndpointPort,
        TagsAtSyn = true,
        Parameters = [new("ranges", ParameterType.Ranges)],
        Create = (h, p) => new AddressRangeRule(h.Id, h.Step, h.Group, h.Gate, (IReadOnlyList<AddressRange>)p[0]!, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], Ranges)];

    public override string Evidence => $"{Ranges.Sum(x => x.Count)} addresses on {EndpointText}";
}
