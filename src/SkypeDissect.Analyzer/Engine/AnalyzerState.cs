using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>Which end of a frame is meant: its source or its destination.</summary>
internal enum Side
{
    Source,
    Destination,
}

/// <summary>The two ends of a TCP connection in a fixed order, so both directions find the same entry.</summary>
internal readonly record struct FlowKey(IpAddress LowAddress, int LowPort, IpAddress HighAddress, int HighPort)
{
    public static FlowKey Of(IpAddress a, int aPort, IpAddress b, int bPort)
    {
        var aFirst = a != b ? a < b : aPort <= bPort;
        return aFirst ? new FlowKey(a, aPort, b, bPort) : new FlowKey(b, bPort, a, aPort);
    }
}

/// <summary>
/// The tag a connection carries (by the index of the rule that tagged it) and its client; for a login-server
/// connection, the marks its exchange has left (docs/tagging.md 4).
/// </summary>
internal readonly record struct FlowEntry(int Matcher, IpAddress Client, ExchangeMarks? Marks = null);

/// <summary>
/// What a login-server connection has exchanged so far (docs/tagging.md 4): the ACK number of the server's first
/// answer, and whether the client closed the connection. Mutable: the flow entry holds it by reference.
/// </summary>
internal sealed class ExchangeMarks
{
    /// <summary>The ACK number of the first frame from the server with payload; null before it.</summary>
    public uint? Answer { get; set; }

    /// <summary>The client sent FIN or RST on the connection.</summary>
    public bool Closed { get; set; }
}

/// <summary>A server end of a login: address, port, transport.</summary>
/// <remarks>
/// A class, not a struct: a client's login holds up to three per version, mostly the same one, and a nullable struct
/// of an address would make each reading 120 bytes larger (60,000 clients, three versions: 20 MB).
/// </remarks>
internal sealed record LoginEnd(IpAddress Address, int Port, bool Tcp);

/// <summary>An address a client learned from a tagged DNS answer: which rule taught it, and where it stood in the answer.</summary>
internal readonly record struct LearnedEntry(string Version, string Rule, int Position, int Count);

/// <summary>A client's login as docs/tagging.md section 4 tracks it, as one version's procedure reads it.</summary>
internal sealed class ClientState(double time)
{
    public double Start { get; set; } = time;

    public double Anchor { get; set; } = time;

    public int Round { get; set; }

    /// <summary>When the current round began (its first attempt).</summary>
    public double RoundStart { get; set; } = time;

    /// <summary>Index of the ladder rung reached; -1 before the first attempt.</summary>
    public int Stage { get; set; } = -1;

    public double? LastAttempt { get; set; }

    public double? Complete { get; set; }

    /// <summary>When a login server first answered on a channel port (the <c>channel-seen</c> gate).</summary>
    public double? Channel { get; set; }

    /// <summary>The client's Skype port, learned from its UDP login attempt.</summary>
    public int? Port { get; set; }

    /// <summary>The login server: the server of the connection that completed the login, then of the channel (Fig. 2).</summary>
    public LoginEnd? Server { get; set; }

    /// <summary>Whether <see cref="Server"/> is a channel's end (a completion on a rung gives way to a later channel).</summary>
    public bool ServerIsChannel { get; set; }

    /// <summary>The ladder rung that got the client through, and the server that answered on it; -1 for none.</summary>
    public int ThroughRung { get; set; } = -1;

    public LoginEnd? ThroughServer { get; set; }

    /// <summary>Before completion: the last rung a login server answered on (a UDP answer, a TCP frame), and its server.</summary>
    public int AnsweredRung { get; set; } = -1;

    public LoginEnd? AnsweredServer { get; set; }
}

/// <summary>
/// Everything learned from earlier frames, in bounded tables. The capacities are far above what a login
/// needs (a few flows, eight learned addresses, one client); past them the oldest entries are dropped.
/// </summary>
internal sealed class AnalyzerState
{
    private const int FilterMask = (1 << 16) - 1;

    private readonly Dictionary<IpAddress, int> learnedPerClient = [];

    // Bit sets over hashes of the hosts and connections ever entered: most frames of a big capture belong to
    // neither, and one bit answers that before any dictionary lookup. Stale bits only cost a lookup.
    private readonly bool[] hostSeen = new bool[FilterMask + 1];
    private readonly bool[] flowSeen = new bool[FilterMask + 1];

    // The learned-address rules (six per version) all ask for the same two (client, server) pairs of a frame:
    // each pair is looked up once and remembered until the learned table changes.
    private readonly object?[] kindStates = new object?[RuleKinds.All.Count];

    private LearnedLookup lookup0;
    private LearnedLookup lookup1;
    private bool lookupNext;

    /// <summary>Tables bounded as <paramref name="bounds"/> says (the contract's, <see cref="TaggingContract.Bounds"/>, unless a test shrinks them).</summary>
    public AnalyzerState(StateBounds? bounds = null)
    {
        Bounds = bounds ?? TaggingContract.Bounds;
        Flows = new(Bounds.Flows, idleSeconds: Bounds.IdleSeconds);
        Learned = new(Bounds.LearnedAddresses, (key, _) => Forget(key.Client));
        Clients = new(Bounds.Clients);
        Attributions = new(Bounds.Attributions);
        Connections = new(Bounds);
    }

    public StateBounds Bounds { get; }

    public BoundedTable<FlowKey, FlowEntry> Flows { get; }

    public BoundedTable<(IpAddress Client, IpAddress Server), LearnedEntry> Learned { get; }

    /// <summary>Each client's login, one reading per enabled version (by <see cref="CompiledVersion.Ordinal"/>).</summary>
    public BoundedTable<IpAddress, ClientState[]> Clients { get; }

    /// <summary>Each client's version attribution (docs/tagging.md 2.1); only used with several versions enabled.</summary>
    public BoundedTable<IpAddress, Attribution> Attributions { get; }

    /// <summary>First payloads and fall-back openings (payload-prefix and timed-fallback kinds).</summary>
    public ConnectionMemory Connections { get; }

    /// <summary>
    /// The state a rule kind keeps for itself (docs/tagging.md 4), by the kind's position in <see cref="RuleKinds.All"/>:
    /// made by <paramref name="create"/>, with these bounds, the first time the kind's evaluator asks for it. The core
    /// names no kind's table; a kind's evaluator owns its own (client-port's remote sets, tls-name's followed
    /// handshakes, timed-retry's recent connections).
    /// </summary>
    public object KindState(int kind, Func<StateBounds, object> create) => kindStates[kind] ??= create(Bounds);

    /// <summary>True when some rule state exists for the host, so rules beyond ports and DNS may match its frames.</summary>
    public bool IsKnownHost(IpAddress address) =>
        hostSeen[address.GetHashCode() & FilterMask]
        && (Clients.ContainsKey(address) || learnedPerClient.ContainsKey(address));

    /// <summary>The connection's remembered tag, if any, used by a frame at capture time <paramref name="time"/>.</summary>
    public bool TryUseFlow(in FlowKey key, double time, out FlowEntry flow)
    {
        flow = default;
        return flowSeen[key.GetHashCode() & FilterMask] && Flows.TryUse(key, time, out flow);
    }

    public void SetFlow(in FlowKey key, FlowEntry flow, double time)
    {
        flowSeen[key.GetHashCode() & FilterMask] = true;
        Flows.Set(key, flow, time);
    }

    /// <summary>
    /// Flow memory for another connection a tag also covers (<see cref="SkypeDissect.Model.RuleKind.TagsCompanion"/>), written at
    /// capture time <paramref name="time"/>, unless that connection is remembered already (docs/tagging.md 4).
    /// </summary>
    public void InstallFlow(in FlowKey key, FlowEntry flow, double time)
    {
        if (!Flows.ContainsKey(key))
        {
            SetFlow(key, flow, time);
        }
    }

    public void SetClient(IpAddress client, ClientState[] state)
    {
        hostSeen[client.GetHashCode() & FilterMask] = true;
        Clients.Set(client, state);
    }

    /// <summary>The learned entry of (client, server), as <c>Learned.TryGetValue</c> gives it.</summary>
    public bool TryGetLearned(IpAddress client, IpAddress server, out LearnedEntry entry)
    {
        if (lookup0.Matches(client, server))
        {
            entry = lookup0.Entry;
            return lookup0.Found;
        }

        if (lookup1.Matches(client, server))
        {
            entry = lookup1.Entry;
            return lookup1.Found;
        }

        var found = Learned.TryGetValue((client, server), out entry);
        var remembered = new LearnedLookup(true, client, server, found, entry);
        if (lookupNext)
        {
            lookup1 = remembered;
        }
        else
        {
            lookup0 = remembered;
        }

        lookupNext = !lookupNext;
        return found;
    }

    public void Learn(IpAddress client, IpAddress server, LearnedEntry entry)
    {
        hostSeen[client.GetHashCode() & FilterMask] = true;
        lookup0 = default;
        lookup1 = default;
        if (!Learned.ContainsKey((client, server)))
        {
            learnedPerClient[client] = learnedPerClient.GetValueOrDefault(client) + 1;
        }

        Learned.Set((client, server), entry);
    }

    private void Forget(IpAddress client)
    {
        var left = learnedPerClient.GetValueOrDefault(client) - 1;
        if (left > 0)
        {
            learnedPerClient[client] = left;
        }
        else
        {
            learnedPerClient.Remove(client);
        }
    }

    private readonly record struct LearnedLookup(bool Valid, IpAddress Client, IpAddress Server, bool Found, LearnedEntry Entry)
    {
        public bool Matches(IpAddress client, IpAddress server) => Valid && Client == client && Server == server;
    }
}
