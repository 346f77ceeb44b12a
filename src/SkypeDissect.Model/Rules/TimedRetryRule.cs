using System.Globalization;

namespace SkypeDissect.Model;

/// <summary>
/// timed-retry: a client connects again to the same address and port, from another client port, on its own timer.
/// A TCP SYN without ACK from the client to a server port that fits one of the endpoints matches when its connection
/// is one of the client's two latest connections to that address and port, and their first SYNs lie
/// <paramref name="MinDelaySeconds"/> to <paramref name="MaxDelaySeconds"/> apart (docs/tagging.md 3.6). The tag
/// also covers the other of the two connections from then on (flow memory installed for it), and the rest of each
/// connection follows by flow memory. The client's recent connections are kept only while it has login state, and
/// the gate must not be <see cref="Gate.None"/>: per flow, nothing but the timer and the login is evidence.
/// </summary>
public sealed record TimedRetryRule(
    string Id, int Step, string Group, Gate Gate, double MinDelaySeconds, double MaxDelaySeconds, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    /// <summary>Longest delay between the two connections: a client timer, not a later session.</summary>
    public const double MaxDelayLimitSeconds = 60;

    public static RuleKind Descriptor { get; } = new()
    {
        Name = "timed-retry",
        Needs = FrameNeeds.Tcp | FrameNeeds.RecentConnection,
        Keeps = KindState.RecentConnections,
        TagsAtSyn = true,
        TagsCompanion = true,
        TcpOnly = "a timed retry is a TCP connection",
        GateNeeded = "a timed-retry rule needs a gate: besides the client's timer, the login is its only evidence",
        Parameters =
        [
            new("minDelaySeconds", ParameterType.Seconds),
            new("maxDelaySeconds", ParameterType.Seconds),
        ],
        Create = (h, p) => new TimedRetryRule(h.Id, h.Step, h.Group, h.Gate, (double)p[0]!, (double)p[1]!, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters =>
        [new(Descriptor.Parameters[0], MinDelaySeconds), new(Descriptor.Parameters[1], MaxDelaySeconds)];

    public override string Evidence =>
        $"second SYN to the same address and port from another client port {N(MinDelaySeconds)}-{N(MaxDelaySeconds)} s after the first, on {EndpointText}";

    public override IEnumerable<ModelProblem> CheckParameters(string path)
    {
        if (!(MinDelaySeconds > 0 && MinDelaySeconds <= MaxDelayLimitSeconds))
        {
            yield return new($"{path}.minDelaySeconds", "must be above 0 and at most 60");
        }

        var minValid = MinDelaySeconds > 0 && MinDelaySeconds <= MaxDelayLimitSeconds;
        if (!(MaxDelaySeconds > 0 && MaxDelaySeconds <= MaxDelayLimitSeconds && (MaxDelaySeconds >= MinDelaySeconds || !minValid)))
        {
            yield return new($"{path}.maxDelaySeconds", "must be above 0, at least minDelaySeconds and at most 60");
        }
    }

    private static string N(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
