namespace SkypeDissect.Model;

/// <summary>
/// learned-address: traffic with an address learned from an answer tagged by <paramref name="LearnedFrom"/> (a
/// rule of the same version whose kind learns addresses), on one of the endpoints.
/// </summary>
public sealed record LearnedAddressRule(
    string Id, int Step, string Group, Gate Gate, string LearnedFrom, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    public static RuleKind Descriptor { get; } = new()
    {
        Name = "learned-address",
        Needs = FrameNeeds.LearnedAddress,
        TagsAtSyn = true,
        Parameters =
        [
            new("learnedFrom", ParameterType.RuleRef, Target: r => r.Kind.Keeps.HasFlag(KindState.LearnedAddresses)
                ? null
                : $"is not a {RuleKinds.Names(k => k.Keeps.HasFlag(KindState.LearnedAddresses))} rule"),
        ],
        Create = (h, p) => new LearnedAddressRule(h.Id, h.Step, h.Group, h.Gate, (string)p[0]!, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], LearnedFrom)];

    public override string Evidence => $"answer of {LearnedFrom} on {EndpointText}";
}
