using System.Globalization;

namespace SkypeDissect.Model;

/// <summary>
/// timed-fallback: a TCP SYN without ACK from a client to a server address, on one of the endpoints, at most
/// <paramref name="MaxDelaySeconds"/> after the first SYN of the client's latest connection to the same
/// address that the rule <paramref name="After"/> (same version, listed before) tagged: a fall-back the
/// client's timer starts. The rest of the connection follows by flow memory.
/// </summary>
public sealed record TimedFallbackRule(
    string Id, int Step, string Group, Gate Gate, string After, double MaxDelaySeconds, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    /// <summary>Longest delay a fall-back may have: a client timer, not a later session.</summary>
    public const double MaxDelayLimitSeconds = 60;

    public static RuleKind Descriptor { get; } = new()
    {
        Name = "timed-fallback",
        Needs = FrameNeeds.Tcp | FrameNeeds.Opening,
        Keeps = KindState.Openings,
        TagsAtSyn = true,
        TcpOnly = "a timed fall-back is a TCP connection",
        Parameters =
        [
            new("after", ParameterType.RuleRef, Target: AfterFits),
            new("maxDelaySeconds", ParameterType.Seconds),
        ],
        Create = (h, p) => new TimedFallbackRule(h.Id, h.Step, h.Group, h.Gate, (string)p[0]!, (double)p[1]!, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], After), new(Descriptor.Parameters[1], MaxDelaySeconds)];

    public override string Evidence =>
        $"SYN within {MaxDelaySeconds.ToString(CultureInfo.InvariantCulture)} s of {After} to the same address, on {EndpointText}";

    public override IEnumerable<ModelProblem> CheckParameters(string path)
    {
        if (!(MaxDelaySeconds > 0 && MaxDelaySeconds <= MaxDelayLimitSeconds))
        {
            yield return new($"{path}.maxDelaySeconds", "must be above 0 and at most 60");
        }
    }

    // A fall-back follows a connection its first rule tagged at its SYN, over TCP.
    private static string? AfterFits(Rule first)
    {
        if (!first.Kind.TagsAtSyn)
        {
            return $"is a {first.Kind.Name} rule: a fall-back follows a connection tagged at its SYN ({RuleKinds.Names(k => k.TagsAtSyn)})";
        }

        return first.Kind.TcpOnly is null && !first.Endpoints.Any(e => e.Transport == Transport.Tcp)
            ? "has no TCP endpoint, so it never tags a TCP connection"
            : null;
    }
}
