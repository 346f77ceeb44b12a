namespace SkypeDissect.Model;

/// <summary>Whether a kind's rules name server endpoints.</summary>
public enum EndpointUse
{
    /// <summary>The kind takes no endpoints (its evidence is elsewhere: a name, a learned port).</summary>
    None,

    /// <summary>At least one endpoint: a port alone never tags, nor does no port.</summary>
    Required,

    /// <summary>Endpoints restrict the server port; without any, any port (then a gate is needed).</summary>
    Optional,
}

/// <summary>What a frame must carry, or what must be known about one of its hosts, for a kind to apply.</summary>
[Flags]
public enum FrameNeeds
{
    None = 0,

    /// <summary>A DNS message (UDP port 53) with its first question.</summary>
    Dns = 1,

    /// <summary>UDP.</summary>
    Udp = 2,

    /// <summary>TCP.</summary>
    Tcp = 4,

    /// <summary>One end's port fits one of the rule's endpoints: evidence without any state (the prefilter admits such frames).</summary>
    EndpointPort = 8,

    /// <summary>The destination port fits one of the rule's endpoints (the client speaks to the server): evidence without state.</summary>
    DestinationPort = 16,

    /// <summary>The first payload of its TCP direction (docs/tagging.md 3.3).</summary>
    FirstPayload = 32,

    /// <summary>One end has login state.</summary>
    KnownClient = 64,

    /// <summary>One end learned addresses from a tagged DNS answer.</summary>
    LearnedAddress = 128,

    /// <summary>The source opened a connection a timed fall-back may follow (docs/tagging.md 3.4).</summary>
    Opening = 256,

    /// <summary>
    /// The frame makes TLS names known (docs/tagging.md 3.5): it completes a ClientHello sent to, or a server
    /// certificate sent from, a port of the kind's endpoints, on a connection whose handshake is followed.
    /// </summary>
    TlsNames = 512,

    /// <summary>The source is a client whose recent connections are kept (docs/tagging.md 3.6).</summary>
    RecentConnection = 1024,
}

/// <summary>State a kind writes after it tagged a frame (docs/tagging.md 4), beyond flow memory and login state.</summary>
[Flags]
public enum KindState
{
    None = 0,

    /// <summary>The addresses of a tagged DNS answer, per client.</summary>
    LearnedAddresses = 1,

    /// <summary>The remote hosts a rule with a limit has tagged, per client.</summary>
    RemoteSets = 2,

    /// <summary>The TCP directions that carried payload (read for every TCP frame).</summary>
    PayloadSeen = 4,

    /// <summary>The latest connection an earlier rule tagged at its SYN, per client, server and rule.</summary>
    Openings = 8,

    /// <summary>The TCP connections to the kind's ports whose TLS handshake is followed (read for every TCP frame on those ports).</summary>
    TlsHandshakes = 16,

    /// <summary>
    /// The first SYNs of a client's two latest connections per server address and port, observed for every TCP SYN
    /// from a client with login state, before flow memory and the rules (docs/tagging.md 3.6).
    /// </summary>
    RecentConnections = 32,
}

/// <summary>The value type of a kind's parameter: how it is checked, written as JSON and as C#.</summary>
public enum ParameterType
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A duration in seconds.</summary>
    Seconds,

    /// <summary>A <see cref="DomainPattern"/>.</summary>
    Domain,

    /// <summary>A list of <see cref="AddressRange"/>s.</summary>
    Ranges,

    /// <summary>The id of a rule of the same version listed before this one.</summary>
    RuleRef,
}

/// <summary>
/// One parameter of a kind. <paramref name="Target"/>, for a <see cref="ParameterType.RuleRef"/>, says why the
/// referenced rule does not fit (null when it does).
/// </summary>
public sealed record ParameterSpec(string Name, ParameterType Type, bool Optional = false, Func<Rule, string?>? Target = null);

/// <summary>A parameter with one rule's value (null when an optional parameter is not given).</summary>
public sealed record RuleParameter(ParameterSpec Spec, object? Value);

/// <summary>
/// The descriptor of a rule kind: its name, what a frame must carry for it to apply, what state it keeps, its
/// parameters and the checks every rule of the kind needs. The validator, the renderers, the C# writer, the
/// view model of the plugin and the learner loop over descriptors; only the kind's record, evaluator and
/// emitter know what it means.
/// </summary>
public sealed class RuleKind
{
    /// <summary>Stable name, as in output and JSON: <c>address-range</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What a frame must carry for the kind to apply (necessary, not sufficient).</summary>
    public required FrameNeeds Needs { get; init; }

    /// <summary>The kind's own state.</summary>
    public KindState Keeps { get; init; }

    public EndpointUse Endpoints { get; init; } = EndpointUse.Required;

    /// <summary>Why its endpoints must be TCP; null when any transport will do.</summary>
    public string? TcpOnly { get; init; }

    /// <summary>Why its gate must not be <see cref="Gate.None"/>; null when it may be.</summary>
    public string? GateNeeded { get; init; }

    /// <summary>With <see cref="EndpointUse.Optional"/>: why a rule without endpoints needs a gate.</summary>
    public string? AnyPortGateNeeded { get; init; }

    /// <summary>Frames of the kind are name lookups: they start a client's login state but are no attempt on the ladder.</summary>
    public bool Lookup { get; init; }

    /// <summary>The kind tags a TCP connection at its SYN (a timed fall-back can follow such a rule).</summary>
    public bool TagsAtSyn { get; init; }

    /// <summary>
    /// A frame the kind's rule tags by the rules may name another connection of the same client that the tag covers
    /// too: flow memory is installed for it unless it holds a tag already (docs/tagging.md 4).
    /// </summary>
    public bool TagsCompanion { get; init; }

    /// <summary>The kind's parameters in the order of the record's constructor (after the gate, before the endpoints).</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; init; } = [];

    /// <summary>Makes a rule of the kind from its common part and its parameter values (in <see cref="Parameters"/> order).</summary>
    public required Func<RuleHead, IReadOnlyList<object?>, Rule> Create { get; init; }

    /// <summary>The name as a Lua identifier: <c>address_range</c>.</summary>
    public string LuaName => Name.Replace('-', '_');

    public override string ToString() => Name;
}

/// <summary>The closed set of rule kinds, in a fixed order (the order of the plugin's kind bits).</summary>
public static class RuleKinds
{
    public static IReadOnlyList<RuleKind> All { get; } =
    [
        DnsNameRule.Descriptor,
        LearnedAddressRule.Descriptor,
        AddressRangeRule.Descriptor,
        HttpRequestRule.Descriptor,
        ClientPortRule.Descriptor,
        AfterLoginRule.Descriptor,
        PayloadPrefixRule.Descriptor,
        TimedFallbackRule.Descriptor,
        TlsNameRule.Descriptor,
        TimedRetryRule.Descriptor,
    ];

    public static RuleKind? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind's position in <see cref="All"/> (-1 for a kind not in it).</summary>
    public static int Position(RuleKind kind)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], kind))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The names of the kinds that fit, as an English list: <c>a, b or c</c>.</summary>
    public static string Names(Func<RuleKind, bool> which)
    {
        var names = All.Where(which).Select(k => k.Name).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }
}
