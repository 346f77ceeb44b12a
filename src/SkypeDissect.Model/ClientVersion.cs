namespace SkypeDissect.Model;

/// <summary>The fixed vocabulary of server group ids (docs/tagging.md, section 5: the tag a frame gets).</summary>
public static class GroupIds
{
    public const string LoginServer = "login-server";
    public const string SkypeServer = "skype-server";
    public const string Supernode = "supernode";
    public const string NatEcho = "nat-echo";
    public const string Presence = "presence";
    public const string VersionUpdate = "version-update";
    public const string Feedback = "feedback";
    public const string Facebook = "facebook";
    public const string Peer = "peer";

    public static IReadOnlyList<string> All { get; } =
        [LoginServer, SkypeServer, Supernode, NatEcho, Presence, VersionUpdate, Feedback, Facebook, Peer];
}

/// <summary>One of the eight steps of Fig. 1, and the server groups involved in it.</summary>
public sealed record LoginStep(int Number, string Title, IReadOnlyList<string> Groups, Provenance Provenance);

/// <summary>Features of the servers of a group as the paper's Table II lists them.</summary>
public sealed record ServerFeatures(
    string OperatingSystem,
    string DeviceType,
    IReadOnlyList<PortRange> OpenTcpPorts,
    string Service,
    string ServiceVersion,
    Provenance Provenance);

/// <summary>A set of servers that provide the same function (Fig. 1), with what identifies them.</summary>
public sealed record ServerGroup(
    string Id,
    string Name,
    string Function,
    IReadOnlyList<DomainPattern> Domains,
    int? AnswerAddresses,
    IReadOnlyList<AddressRange> Ranges,
    IReadOnlyList<Endpoint> Endpoints,
    ServerFeatures? Features,
    IReadOnlyList<ExampleAddress> Examples,
    Provenance Provenance);

/// <summary>One rung of the fall-back ladder: what the client tries, in order, until a server answers.</summary>
/// <param name="Stage">Stable name used in output: <c>udp-33033</c>, <c>tcp-33033</c>, ...</param>
/// <param name="Attempts">How many packets the client sends to each address on this rung.</param>
/// <param name="PacketBytes">Frame size of each attempt when the paper gives it.</param>
public sealed record FallbackRung(string Stage, Transport Transport, int Port, int Attempts, int? PacketBytes, Provenance Provenance);

/// <summary>When a version's login counts as complete (docs/tagging.md 4).</summary>
public enum CompletionKind
{
    /// <summary>
    /// A login server answers on a TCP connection of a TCP rung or the channel (its SYN-ACK): the paper's Fig. 3,
    /// "Connected" then "Success".
    /// </summary>
    Connected,

    /// <summary>
    /// The client and a login server exchange on such a connection: the server acknowledges data the client sent
    /// after the server's first answer (more than the handshake and one request), before the client closed it.
    /// </summary>
    Exchange,
}

/// <summary>What starts a new round of login attempts (docs/tagging.md 4).</summary>
public enum RoundKind
{
    /// <summary>A ladder attempt after a pause: the paper's whole ladder repeated after 15 s (Fig. 3).</summary>
    LadderAttempts,

    /// <summary>
    /// A new channel connection after a pause: the client opens its channel attempts in rounds (7.7.3), and its
    /// ladder attempts run beside them.
    /// </summary>
    ChannelOpenings,
}

/// <summary>How a version's login completes, with the evidence for it.</summary>
public sealed record LoginCompletion(CompletionKind Kind, Provenance Provenance);

/// <summary>What a version's rounds of login attempts are made of, with the evidence for it.</summary>
public sealed record LoginRounds(RoundKind Kind, Provenance Provenance);

/// <summary>The login procedure with the login server (Fig. 3) and the windows the detectors use.</summary>
/// <param name="Ladder">Rungs in the order the client tries them.</param>
/// <param name="ChannelPorts">The ports of the channel kept with the login server once logged in.</param>
/// <param name="RetryIntervalSeconds">The paper's pause before the whole round is repeated.</param>
/// <param name="NewRoundGapSeconds">A round attempt (see <paramref name="Rounds"/>) this long after the previous one, before the login completed, starts a new round.</param>
/// <param name="LoginWindowSeconds">How long after its start a login gates the rules that need one.</param>
/// <param name="Completion">When the login counts as complete.</param>
/// <param name="Rounds">Which attempts make the rounds.</param>
public sealed record LoginProcedure(
    IReadOnlyList<FallbackRung> Ladder,
    PortRange ChannelPorts,
    double RetryIntervalSeconds,
    double NewRoundGapSeconds,
    double LoginWindowSeconds,
    LoginCompletion Completion,
    LoginRounds Rounds,
    IReadOnlyList<Provenance> Provenance);

/// <summary>One reading of a contradictory fact, with where it is found.</summary>
public sealed record Reading(string Text, Provenance Provenance);

/// <summary>A place where the sources disagree with each other: all readings, the one the model uses, and why.</summary>
public sealed record Inconsistency(string Id, string Subject, IReadOnlyList<Reading> Readings, string ModelUses, string Why);

/// <summary>The complete signature set of one client version.</summary>
public sealed record ClientVersion(
    string Id,
    string Description,
    IReadOnlyList<LoginStep> Steps,
    IReadOnlyList<ServerGroup> Groups,
    LoginProcedure Procedure,
    IReadOnlyList<Rule> Rules,
    IReadOnlyList<Inconsistency> Inconsistencies,
    Provenance Provenance)
{
    public ServerGroup? Group(string id) => Groups.FirstOrDefault(g => g.Id == id);
}

/// <summary>
/// Every client version side by side, in model order: rules are tried in it, and it breaks ties when a client's
/// traffic is attributed to a version (docs/tagging.md 2.1).
/// </summary>
public sealed record SignatureModel(IReadOnlyList<ClientVersion> Versions)
{
    public ClientVersion? Version(string id) => Versions.FirstOrDefault(v => v.Id == id);
}
