using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Learning;

/// <summary>A network the learner cannot bound from one capture, widened by what is known about its owner.</summary>
/// <param name="Networks">The /24 networks (<c>a.b.c</c>) it stands for.</param>
internal sealed record KnownNetwork(string Prefix, IReadOnlyList<string> Networks, string Organisation, string Country, string Why);

/// <summary>
/// The decisions of the person who reviewed the learner's proposal for 7.7.3 (docs/skype-7.7.3.md, sections 5
/// and 8), kept in code so that <c>learn --emit</c> produces the committed version byte for byte: the file is
/// never edited by hand. Each decision says why; the reason is copied into the emitted provenance.
/// They are rules of generalisation (whole networks, port ranges, name parents), not facts of one session.
/// </summary>
internal static class ReviewDecisions
{
    /// <summary>A fall-back timer is matched up to this long after its measured maximum: timer slack and one lost SYN (1 s on macOS).</summary>
    public const double FallbackMarginSeconds = 1;

    public const string WholeNetworks =
        "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), "
        + "and another session picks others; the ports are Skype's own, so a whole /24 costs little precision";

    public const string NameParent =
        "the family's host label varies by data centre (s in the paper, db3msgr5011709 here; the certificate names by2 and sn1 too): "
        + "its parent domain is the signature, one {label} the host";

    public const string WebPortsGated =
        "443 is every web server's port: on whole /24 networks of Microsoft it is evidence only while a login of the client is under way";

    public const string Http80Dropped =
        "tcp 80 (the paper's second rung) is not used by 7.7.3; on whole /24 networks of Microsoft it would tag plain web traffic";

    public const string LadderKept =
        "not used by 7.7.3, kept: a client's login state is shared by the versions of the model (docs/tagging.md 4) and holds a rung index, so every version keeps the same ladder";

    /// <summary>
    /// When 7.7.3's login completes (docs/skype-7.7.3.md 3, B1/B2). Its first channel connection is answered at once
    /// (SYN-ACK 25, 0.2 s after the SYN) and the client still tries 10 more rounds for 48 s: an answered handshake is
    /// no login. Every channel connection carries one exchange (client request, server answer) and then the
    /// client's 8-byte second message; in 18 of 19 the server never acknowledges it (its ACK stays at the end of
    /// the first request until the client gives up), on 111.221.74.48:40008 it does, 40 ms after its own 8 bytes
    /// (1281, acknowledging 1259), and that connection carries the login to the end (23.9 kB up, 53.5 kB down).
    /// </summary>
    public const string ExchangeCompletion =
        "complete when the server acknowledges data the client sent after the server's first answer, before the client closed the connection: "
        + "SYN-ACK 25 came 0.2 s after the first attempt and 10 more rounds followed; in 18 of 19 channel connections the server never acknowledges "
        + "the client's second message, on 111.221.74.48:40008 it does (1281 acknowledges 1259) and the login runs on it to the end";

    /// <summary>The frames of that evidence: the first answered handshake, then the exchange that completes the login.</summary>
    public static IReadOnlyList<long> ExchangeFrames { get; } = [25, 1252, 1254, 1257, 1259, 1277, 1281];

    /// <summary>
    /// 7.7.3's rounds: channel connections opened together on the client's 1.01-s clock (601-603, 899-902, 1213-1216
    /// within 0.6 ms), rounds at least 1.008 s apart; its 443 fall-backs (1.6 s after each) and UDP probes (every
    /// 1.01 s) run beside them. Half a tick of the clock tells two rounds apart.
    /// </summary>
    public const double ChannelRoundGapSeconds = 0.5;

    public const string ChannelRounds =
        "a round is the channel connections the client opens together (within 0.6 ms), rounds 1.008 s apart or more on its 1.01-s clock; "
        + "its tcp/443 fall-backs and udp probes run beside the rounds";

    public const string ChannelRoundGap =
        "a channel connection opened 0.5 s or more after the previous one, before the login completed, starts a new round: half a tick of the client's 1.01-s clock";

    /// <summary>Base rules the review drops, with why.</summary>
    public static IReadOnlyDictionary<string, string> Dropped { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["presence-learned"] = "in 7.7.3 a further channel connection after the first is a new login attempt (19 channel attempts, frames 13-1216), and presence travels inside the channel",
        ["presence-range"] = "in 7.7.3 a further channel connection after the first is a new login attempt (19 channel attempts, frames 13-1216), and presence travels inside the channel",
    };

    /// <summary>
    /// Groups whose servers the learner found but that get no address rule, with why. The Messenger gateway (flow C,
    /// 157.56.126.211:443, found by its certificate name) is known by name only: a TLS name rule kind does not exist,
    /// and an address rule would describe this one session's data centre, not the client.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NotByAddress { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GroupIds.NatEcho] = "the Messenger gateway is one server of a family spread over data centres in other networks (the certificate names db3, by2, sn1); "
            + "a /24 of TCP 443 to Microsoft would tag other Microsoft services during every login, a single address only this session: left to echo-dns and echo-learned",
    };

    /// <summary>Networks whose owner is known to hold more than the /24s one capture shows.</summary>
    public static IReadOnlyList<KnownNetwork> KnownNetworks { get; } =
    [
        new("91.190.216.0/21",
            ["91.190.216", "91.190.217", "91.190.218", "91.190.219", "91.190.220", "91.190.221", "91.190.222", "91.190.223"],
            "Skype (Microsoft)", "-",
            "Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others"),
    ];

    /// <summary>
    /// Client openers that name a group the learner could not assign. <c>16 03 01 00 00</c> (a TLS handshake record
    /// of length 0, which no TLS client sends) opens the TCP connections to Skype-run nodes on 13392 after the login
    /// (flow F: 149.13.32.15, 212.161.8.36), answered <c>17 03 01 00 00</c>; the feedback servers use it too, but
    /// their rules come first. The nodes' port varies, so any port, gated on a completed login.
    /// </summary>
    public static IReadOnlyList<(string Prefix, string Id, int Step, string Group, Gate Gate, string Why)> Openers { get; } =
    [
        ("16 03 01 00 00", "supernode-opener", 2, GroupIds.Supernode, Gate.LoginComplete,
            "a TLS handshake record of length 0, which no TLS client sends, opens TCP to Skype-run nodes after the login; their port varies, so any port, gated on a completed login; "
            + "super node is the nearest group of the vocabulary (Skype-run nodes, reached after the login)"),
    ];

    /// <summary>Gates of new address rules of a group: feedback servers are contacted during a login, and their network carries other Skype services.</summary>
    public static Gate RangeGate(string group) => group == GroupIds.LoginServer ? Gate.None : Gate.LoginSeen;
}
