namespace SkypeDissect.Learning;

/// <summary>How an observed fact compares with the base version's model.</summary>
public enum ProposalStatus
{
    /// <summary>The base has nothing of the kind for this group: a new signature.</summary>
    Added,

    /// <summary>The base has a signature of the same shape that does not cover what the capture shows.</summary>
    Changed,

    /// <summary>The base already covers what the capture shows.</summary>
    Unchanged,

    /// <summary>The base has the signature; the capture shows nothing of it.</summary>
    NotSeen,
}

/// <summary>
/// What <c>skypedissect learn</c> proposes for a new client version, compared with a base version, from one or
/// more captures of that version. Plain data in model terms (domain patterns, /24 networks with host ranges,
/// transports and port ranges, opener bytes, delays) so a person can review it and a draft can be made of it.
/// Every item names the captures and frames it rests on (<see cref="SeenIn"/>) and the assignment rule that put
/// it in its group.
/// </summary>
/// <param name="Captures">The captures learned from, in the order given.</param>
public sealed record LearnReport(
    string AsVersion,
    string BaseVersion,
    IReadOnlyList<CaptureSummary> Captures,
    IReadOnlyList<DnsFamilyItem> Dns,
    IReadOnlyList<OtherName> OtherNames,
    IReadOnlyList<NetworkItem> Networks,
    IReadOnlyList<EndpointItem> Endpoints,
    IReadOnlyList<OpenerItem> Openers,
    IReadOnlyList<TimingItem> Timing,
    IReadOnlyList<RuleItem> Rules,
    IReadOnlyList<GroupCount> Groups,
    IReadOnlyList<FlowFamily> Unassigned)
{
    /// <summary>Every flow of the clients with the group the learner gave it: what a draft is checked against (not rendered).</summary>
    internal IReadOnlyList<FlowGroup> FlowGroups { get; init; } = [];
}

/// <summary>One capture learned from.</summary>
/// <param name="Client">The address judged to be the Skype client (most evidence), or null when none was found.</param>
/// <param name="SkypePort">The client's own UDP port: the source port of its UDP login traffic.</param>
/// <param name="Build">The dotted build the client put into DNS names (for example 335.0.7.7.3), if any.</param>
/// <param name="Error">Why reading stopped early (a damaged file); the report holds what was read before.</param>
public sealed record CaptureSummary(
    string Name, long Frames, double StartTime, double Duration, string? Client, int? SkypePort, IReadOnlyList<long> SkypePortFrames, string? Build, string? Error)
{
    /// <summary>What the learner's bounds kept out of the capture (it read on and learned from the rest), or null.</summary>
    public string? Dropped { get; init; }
}

/// <summary>One flow of a client (client: the sender of the SYN or first datagram) and its group, null when none.</summary>
internal sealed record FlowGroup(int Capture, string Transport, string Client, int ClientPort, string Server, int ServerPort, long FirstFrame, long LastFrame, string? Group);

/// <summary>One name the client looked up, with what came back.</summary>
/// <param name="Answered">A response came back for it (whatever it held).</param>
/// <param name="Rcodes">Response codes seen, for example <c>no-error</c> or <c>nxdomain</c>.</param>
public sealed record DnsNameSeen(string Name, int Queries, int Responses, bool Answered, IReadOnlyList<string> Rcodes, IReadOnlyList<string> Addresses, IReadOnlyList<SeenIn> SeenIn);

/// <summary>A family of DNS names generalised into a domain pattern of the model's grammar.</summary>
/// <param name="Pattern">The proposed pattern (docs/tagging.md 3.1 grammar).</param>
/// <param name="Group">The server group the family belongs to, or null when no rule could say.</param>
/// <param name="AssignedBy">The assignment rule: <c>base-pattern</c>, <c>same-shape</c>, <c>same-parent</c>.</param>
/// <param name="BasePattern">The base pattern it was compared with, if any.</param>
public sealed record DnsFamilyItem(
    string Pattern, string? Group, string AssignedBy, ProposalStatus Status, string? BasePattern, string Note, IReadOnlyList<DnsNameSeen> Names, IReadOnlyList<SeenIn> SeenIn);

/// <summary>A name the client looked up that nothing ties to Skype; listed for review, proposed for nothing.</summary>
public sealed record OtherName(string Name, int Queries, bool Answered, IReadOnlyList<string> Addresses, string Note, IReadOnlyList<SeenIn> SeenIn);

/// <summary>A /24 network of servers: the hosts the client reached in it and the host range proposed.</summary>
/// <param name="BaseHosts">The base's host ranges in this network (for example <c>12-34,37-38</c>), or empty.</param>
/// <param name="HostsOutsideBase">Hosts reached that the base's ranges do not hold.</param>
public sealed record NetworkItem(
    string Network,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> BaseGroups,
    string AssignedBy,
    ProposalStatus Status,
    IReadOnlyList<int> Hosts,
    IReadOnlyList<int> HostsOutsideBase,
    string BaseHosts,
    int ProposedFirstHost,
    int ProposedLastHost,
    string Note,
    IReadOnlyList<SeenIn> SeenIn);

/// <summary>A server port range of a group on one transport.</summary>
/// <param name="Ports">The distinct server ports seen.</param>
/// <param name="BaseEndpoint">The base endpoint compared with (<c>tcp/40001-40047</c>), if any.</param>
/// <param name="AssignedBy">The assignment rules of the flows behind the item (comma-separated), as in <see cref="DnsFamilyItem"/>.</param>
public sealed record EndpointItem(
    string Group,
    string Transport,
    int FirstPort,
    int LastPort,
    IReadOnlyList<int> Ports,
    int Flows,
    int AnsweredFlows,
    ProposalStatus Status,
    string? BaseEndpoint,
    string AssignedBy,
    string Note,
    IReadOnlyList<SeenIn> SeenIn);

/// <summary>The first payload of a family of flows: bytes every sample agrees on, and the sizes.</summary>
/// <param name="Direction"><c>client</c> (the client's first payload) or <c>server</c>.</param>
/// <param name="Pattern">Hex bytes, <c>??</c> where the samples differ, for example <c>?? ?? 02</c>.</param>
/// <param name="FixedBytes">How many bytes of the pattern are the same in every sample.</param>
public sealed record OpenerItem(
    string Group,
    string Transport,
    string Ports,
    string Direction,
    string Pattern,
    int FixedBytes,
    int Samples,
    int MinLength,
    int MaxLength,
    ProposalStatus Status,
    string AssignedBy,
    string Note,
    IReadOnlyList<SeenIn> SeenIn);

/// <summary>A fact of order or timing: a first attempt, a fall-back and its delay, rounds, keepalives.</summary>
/// <param name="Kind"><c>first-attempt</c>, <c>fallback</c>, <c>reconnect</c>, <c>rounds</c>, <c>keepalive</c> or <c>resolver-retry</c>.</param>
/// <param name="Seconds">The median delay or interval, when the fact has one.</param>
public sealed record TimingItem(
    string Group,
    string Kind,
    string What,
    double? Seconds,
    double? MinSeconds,
    double? MaxSeconds,
    int Count,
    ProposalStatus Status,
    string? Base,
    string AssignedBy,
    string Note,
    IReadOnlyList<SeenIn> SeenIn);

/// <summary>What one rule of the base did on the client's traffic, compared with the groups the learner found.</summary>
/// <param name="Flows">Flows of the client the rule tagged (at least one frame of each).</param>
/// <param name="Messages">DNS messages of the client the rule tagged.</param>
/// <param name="SeenIn">The first frames of the flows it tagged in another group when there are any, else of all it tagged.</param>
public sealed record RuleItem(string Rule, string Kind, string Group, ProposalStatus Status, int Flows, int Messages, string Note, IReadOnlyList<SeenIn> SeenIn);

/// <summary>How many frames of the capture the learner put in a group, and how (the per-group check of a signature set).</summary>
public sealed record GroupCount(string Group, int Flows, int FlowFrames, int DnsFrames, IReadOnlyList<string> AssignedBy);

/// <summary>Flows of the client that no assignment rule placed, grouped by server and transport.</summary>
/// <param name="FirstSeconds">When the first of them began, in seconds from the start of the capture.</param>
public sealed record FlowFamily(string Server, string Transport, string Ports, int Flows, int FrameCount, double FirstSeconds, string Note, IReadOnlyList<SeenIn> SeenIn);
