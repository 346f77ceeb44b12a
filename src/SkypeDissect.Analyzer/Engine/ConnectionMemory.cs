using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>One direction of a TCP connection: the sender's address and port, then the receiver's.</summary>
internal readonly record struct DirectedFlow(IpAddress Source, int SourcePort, IpAddress Destination, int DestinationPort);

/// <summary>The first SYN of a client's latest connection to a server address tagged by a rule (docs/tagging.md 4).</summary>
internal readonly record struct Opening(double Time, int ClientPort, int ServerPort);

/// <summary>
/// State of the payload-prefix and timed-fallback kinds (docs/tagging.md 3.3 and 3.4), in bounded tables:
/// which directions of TCP connections already carried payload, and when a client opened its latest
/// connection to a server address under each rule that a timed-fallback rule follows.
/// </summary>
internal sealed class ConnectionMemory(StateBounds bounds)
{
    public BoundedTable<DirectedFlow, bool> PayloadSeen { get; } = new(bounds.PayloadSeen, idleSeconds: bounds.IdleSeconds);

    private const int FilterMask = (1 << 16) - 1;

    // A bit per hash of the clients that ever opened a connection a fall-back follows: the SYNs of every other
    // host skip the rules at once. Stale bits (evicted openings) only cost the rules' own lookup.
    private readonly bool[] openers = new bool[FilterMask + 1];

    public BoundedTable<(IpAddress Client, IpAddress Server, int Matcher), Opening> Openings { get; } = new(bounds.Openings);

    /// <summary>False when <paramref name="client"/> has certainly no opening a timed fall-back could follow.</summary>
    public bool MayHaveOpenings(IpAddress client) => openers[client.GetHashCode() & FilterMask];

    /// <summary>Whether the frame being judged is the first payload-carrying frame of its direction (set per TCP frame).</summary>
    public bool FirstPayload { get; private set; }

    /// <summary>
    /// Called for every TCP frame when some payload-prefix rule is enabled, before flow memory and rules: a SYN
    /// without ACK starts a new connection (both directions forget their payload); a direction still
    /// remembered is used by the frame (docs/tagging.md 4: it stays while frames keep coming); otherwise a
    /// non-empty payload is the direction's first, whatever happens to the frame afterwards.
    /// </summary>
    public void Observe(in FrameFacts f)
    {
        var own = new DirectedFlow(f.Source, f.SourcePort, f.Destination, f.DestinationPort);
        if (f.Syn && !f.Ack)
        {
            PayloadSeen.Remove(own);
            PayloadSeen.Remove(new DirectedFlow(f.Destination, f.DestinationPort, f.Source, f.SourcePort));
        }

        FirstPayload = !PayloadSeen.TryUse(own, f.Time, out _) && !f.Payload.IsEmpty;
        if (FirstPayload)
        {
            PayloadSeen.Set(own, true, f.Time);
        }
    }

    /// <summary>No frame is a first payload while no payload-prefix rule is enabled.</summary>
    public void Skip() => FirstPayload = false;

    /// <summary>
    /// After a SYN without ACK from the client tagged by a rule a timed fall-back follows: the latest connection
    /// of (client, server, rule) opened now, unless it is the same connection (same ports: a retransmitted SYN).
    /// </summary>
    public void Open(IpAddress client, IpAddress server, int matcher, double time, int clientPort, int serverPort)
    {
        var key = (client, server, matcher);
        if (Openings.TryGetValue(key, out var o) && o.ClientPort == clientPort && o.ServerPort == serverPort)
        {
            return;
        }

        openers[client.GetHashCode() & FilterMask] = true;
        Openings.Set(key, new Opening(time, clientPort, serverPort));
    }
}
