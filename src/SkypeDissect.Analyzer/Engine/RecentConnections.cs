using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// A client's two latest connections to one server address and port: the time of each one's first SYN and its
/// client port (<see cref="PreviousPort"/> is -1 while there was only one).
/// </summary>
internal readonly record struct RecentConnection(double LatestTime, int LatestPort, double PreviousTime, int PreviousPort)
{
    public bool HasPrevious => PreviousPort >= 0;

    /// <summary>Whether a SYN from <paramref name="clientPort"/> belongs to one of the two connections (a retransmission).</summary>
    public bool Holds(int clientPort) => clientPort == LatestPort || clientPort == PreviousPort;
}

/// <summary>
/// State of the timed-retry kind (docs/tagging.md 3.6), in a bounded table with idle expiry: per client with login
/// state, server address and server port, the first SYNs of the client's two latest connections there.
/// </summary>
internal sealed class RecentConnections(StateBounds bounds)
{
    public BoundedTable<(IpAddress Client, IpAddress Server, int ServerPort), RecentConnection> Table { get; } =
        new(bounds.RecentConnections, idleSeconds: bounds.IdleSeconds);

    /// <summary>
    /// Called for every TCP SYN without ACK whose source has login state, before flow memory and the rules: a SYN of
    /// one of the two connections remembered for (source, destination, destination port) uses the entry (a
    /// retransmission keeps the first SYN's time); any other SYN is a new connection, which becomes the latest and
    /// makes the latest the previous.
    /// </summary>
    public void Observe(in FrameFacts f)
    {
        var key = (f.Source, f.Destination, f.DestinationPort);
        var known = Table.TryUse(key, f.Time, out var entry);
        if (known && entry.Holds(f.SourcePort))
        {
            return;
        }

        Table.Set(key, known
            ? new RecentConnection(f.Time, f.SourcePort, entry.LatestTime, entry.LatestPort)
            : new RecentConnection(f.Time, f.SourcePort, 0, -1), f.Time);
    }
}
