using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Sessions;

/// <summary>
/// Groups tagged frames into logins per client, as they arrive. A client's session ends when its login
/// state starts afresh (a new login), when it is silent for longer than the login window (closed as soon as
/// a frame of any client shows that much time has passed), or when the table of open sessions is full (the
/// least recently active one is closed: memory stays bounded). Closed sessions are handed to the callback;
/// <see cref="Flush"/> closes the rest.
/// </summary>
public sealed class SessionBuilder
{
    public const int DefaultCapacity = 1 << 16;

    private readonly Dictionary<string, SessionState> open = new(StringComparer.Ordinal);
    private const int ServerCacheCapacity = 1 << 16;

    private readonly LinkedList<SessionState> byActivity = new();

    // Open sessions by start; closed ones are dropped from the top when they surface (lazy removal).
    private readonly PriorityQueue<SessionState, double> byStart = new();
    private readonly Dictionary<ServerSeen, ServerSeen> servers = [];
    private readonly Action<LoginSession> onClosed;
    private readonly Func<LoginEndpoint, ServerSeen> seen;
    private readonly int capacity;
    private readonly double window;
    private readonly string lastRung;
    // As numbers: AddressRange.Contains parses its network text on every call, once per tagged frame and range.
    private readonly (uint First, uint Last, AddressRange Range)[] ranges;

    public SessionBuilder(SignatureModel model, Action<LoginSession> onClosed, int capacity = DefaultCapacity)
    {
        seen = e => Server(e.Address, e.Port, e.Transport);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.onClosed = onClosed;
        this.capacity = capacity;
        var first = model.Versions[0];
        window = first.Procedure.LoginWindowSeconds;
        lastRung = first.Procedure.Ladder[^1].Stage;
        ranges = model.Versions.SelectMany(v => v.Groups).SelectMany(g => g.Ranges).Distinct()
            .Where(r => r.FirstAddress is not null && r.LastAddress is not null)
            .Select(r => (r.FirstAddress!.Value, r.LastAddress!.Value, r))
            .ToArray();
    }

    /// <summary>Sessions open now (at most the capacity).</summary>
    public int Open => open.Count;

    /// <summary>Sessions closed because the table was full.</summary>
    public long Evictions { get; private set; }

    /// <summary>The start of the earliest session still open (+infinity when none): no session that closes later starts before it.</summary>
    public double EarliestOpenStart
    {
        get
        {
            while (byStart.TryPeek(out var s, out _) && !(open.TryGetValue(s.Client, out var current) && ReferenceEquals(current, s)))
            {
                byStart.Dequeue();
            }

            return byStart.TryPeek(out var first, out _) ? first.Start : double.PositiveInfinity;
        }
    }

    public void Add(TaggedFrame f)
    {
        // Sessions silent for longer than the window are over: any later frame of their client starts a new one.
        // Closing them now, least recently active first, lets them out while the file is still being read.
        while (byActivity.First is { } idle && f.Time - idle.Value.End > window)
        {
            Close(idle.Value);
        }

        if (open.TryGetValue(f.Client, out var s) && StartsNewSession(s, f))
        {
            Close(s);
            s = null;
        }

        if (s is null)
        {
            if (open.Count >= capacity)
            {
                Evictions++;
                Close(byActivity.First!.Value);
            }

            s = new SessionState(f.Client, f.Tag.Frame, f.Time);
            s.Node = byActivity.AddLast(s);
            open[f.Client] = s;
            byStart.Enqueue(s, s.Start);
        }
        else
        {
            byActivity.Remove(s.Node!);
            byActivity.AddLast(s.Node!);
        }

        s.Add(f, Server(f), seen);
    }

    /// <summary>
    /// Closes every open session, oldest start first. With <paramref name="order"/>, each closed session that no
    /// remaining one can come before is released at once, so the end of a file with many sessions open does not
    /// hold them all twice (open and closed).
    /// </summary>
    public void Flush(SessionOrder? order = null)
    {
        var remaining = open.Values.OrderBy(x => x.Start).ThenBy(x => x.Client, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < remaining.Length; i++)
        {
            Close(remaining[i]);
            remaining[i] = null!;
            order?.Release(i + 1 < remaining.Length ? remaining[i + 1].Start : double.PositiveInfinity);
        }
    }

    private bool StartsNewSession(SessionState s, TaggedFrame f) =>
        f.Time - s.End > window || (f.Login is { } l && s.LoginStart is { } start && l.Start != start);

    private void Close(SessionState s)
    {
        open.Remove(s.Client);
        byActivity.Remove(s.Node!);
        onClosed(s.ToSession(lastRung));
    }

    // Every session of a busy network names the same few servers: one shared record per server keeps the
    // open and the closed sessions small. The cache is emptied when full, so it stays bounded too.
    private ServerSeen Server(TaggedFrame f) => Server(f.Server, f.ServerPort, f.Transport);

    private ServerSeen Server(string address, int port, string transport)
    {
        var owner = Owner(address);
        var server = new ServerSeen(address, port, transport, owner?.Organisation, owner?.Country);
        if (servers.TryGetValue(server, out var shared))
        {
            return shared;
        }

        if (servers.Count >= ServerCacheCapacity)
        {
            servers.Clear();
        }

        servers[server] = server;
        return server;
    }

    private AddressRange? Owner(string address)
    {
        if (!Ipv4.TryParse(address, out var a))
        {
            return null;
        }

        foreach (var (first, last, range) in ranges)
        {
            if (a >= first && a <= last)
            {
                return range;
            }
        }

        return null;
    }
}
