namespace SkypeDissect.Model.Versions;

using static SkypeDissect.Model.Provenance;

/// <summary>
/// The signature sets of the paper's two clients. The paper gives one description for both, so both
/// sets hold the same rules; they differ only in the version they name. With both enabled, a client's frames
/// go to the version its traffic names (a feedback name or update request of 5.6.0.106 or 6.3.0.197), else to
/// the first in model order (docs/tagging.md 2.1).
/// </summary>
public static class PaperVersions
{
    private static ClientVersion Build(string version) => new(
        version,
        $"Skype {version} for Windows as described by the paper (about 2013)",
        PaperFacts.Steps,
        PaperFacts.Groups,
        PaperFacts.Procedure,
        Rules,
        PaperFacts.Inconsistencies,
        FromPaper("Section III", $"experiments with clients 5.6.0.106 and 6.3.0.197; the paper does not tell them apart"));

    private static readonly Endpoint[] LoginAttemptEndpoints =
        [PaperFacts.LoginUdp, PaperFacts.LoginTcp33033, PaperFacts.LoginTcp80, PaperFacts.LoginTcp443, PaperFacts.LoginChannel];

    /// <summary>
    /// Order matters: DNS names first (they are the strongest evidence), then presence, which must win over
    /// the login rules for a further channel once a login is complete, then the login rules, then the Skype
    /// server (after them, so that a late SYN or a reconnect to a login server on 33033 stays step 1), the
    /// other servers, and last the client-port rules that catch super nodes and peers.
    /// </summary>
    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new DnsNameRule("login-dns", 1, GroupIds.LoginServer, Gate.None,
            new(PaperFacts.LoginServerDomain, FromPaper("Section III.B.1, Figs. 2 and 3")),
            "DNS query or answer for one of the 18 login server names", FromPaper("Section III.B.1, Figs. 2 and 3")),
        new DnsNameRule("feedback-dns", 6, GroupIds.Feedback, Gate.None,
            new(PaperFacts.FeedbackDomain, FromPaper("Section III.B.6, Fig. 6")),
            "DNS query or answer for one of the 14 feedback names of a build", FromPaper("Section III.B.6, Fig. 6")),
        new DnsNameRule("update-dns", 5, GroupIds.VersionUpdate, Gate.None,
            new(PaperFacts.UpdateDomain, FromPaper("Section III.B.5, Fig. 5")),
            "DNS query or answer for the version update server", FromPaper("Section III.B.5, Fig. 5")),
        new DnsNameRule("echo-dns", 3, GroupIds.NatEcho, Gate.LoginSeen,
            new(PaperFacts.EchoDomain, FromPaper("Section III.B.3, Fig. 4")),
            "DNS query or answer for the MSN echo server, during a login (the name serves Messenger too)",
            FromPaper("Section III.B.3, Fig. 4", "gated: the name is Microsoft's, not Skype's alone")),
        new DnsNameRule("facebook-dns", 7, GroupIds.Facebook, Gate.LoginSeen,
            new(PaperFacts.FacebookDomain, FromPaper("Section III.B.7")),
            "DNS query or answer for Facebook's connect server, during a login",
            FromPaper("Section III.B.7", "gated: Facebook is step 7 only inside a login")),
        new LearnedAddressRule("presence-learned", 4, GroupIds.Presence, Gate.ChannelSeen, "login-dns", [PaperFacts.LoginChannel],
            "A further channel connection to a login server learned from DNS, after the login completed",
            FromPaper("Section III.B.4", "presence and buddy list go through the login servers")),
        new AddressRangeRule("presence-range", 4, GroupIds.Presence, Gate.ChannelSeen, PaperFacts.LoginServers, [PaperFacts.LoginChannel],
            "A further channel connection to a Table I login server, after the login completed",
            FromPaper("Section III.B.4, Table I")),
        new LearnedAddressRule("login-learned", 1, GroupIds.LoginServer, Gate.None, "login-dns", LoginAttemptEndpoints,
            "A login attempt or the channel to an address answered for a login server name",
            FromPaper("Section III.B.1, Figs. 2 and 3")),
        new AddressRangeRule("login-range", 1, GroupIds.LoginServer, Gate.None, PaperFacts.LoginServers, LoginAttemptEndpoints,
            "A login attempt or the channel to a Table I login server (also without DNS, from the host cache)",
            FromPaper("Section III.B.1, Tables I and II")),
        new AfterLoginRule("skype-server", 2, GroupIds.SkypeServer, Gate.LoginComplete, [PaperFacts.SkypeServerTcp],
            "A TCP connection to port 33033 by a client whose login completed",
            FromPaper("Section III.B.2", "the paper gives no addresses for the Skype server, so the completed login is the evidence")),
        new LearnedAddressRule("echo-learned", 3, GroupIds.NatEcho, Gate.LoginSeen, "echo-dns", [PaperFacts.EchoTcp],
            "TCP 443 to the address answered for the MSN echo server", FromPaper("Section III.B.3, Fig. 4")),
        new HttpRequestRule("update-http", 5, GroupIds.VersionUpdate, Gate.LoginSeen, "GET", "getlatestversion", [PaperFacts.UpdateHttp],
            "The HTTP/1.1 GET asking for the latest version, during a login of the same host",
            FromPaper("Section III.B.5", "'get the latest version', see inconsistency update-request-text; gated: the paper's GET is sent 'during the login process', and a request line alone is also what other programs' updaters send")),
        new LearnedAddressRule("update-learned", 5, GroupIds.VersionUpdate, Gate.None, "update-dns", [PaperFacts.UpdateHttp],
            "HTTP to the address answered for ui.skype.com", FromPaper("Section III.B.5, Fig. 5")),
        new LearnedAddressRule("feedback-learned", 6, GroupIds.Feedback, Gate.None, "feedback-dns", [PaperFacts.FeedbackTcp],
            "TCP 12350 to an address answered for a feedback name", FromPaper("Section III.B.6, Fig. 6")),
        new LearnedAddressRule("facebook-learned", 7, GroupIds.Facebook, Gate.LoginSeen, "facebook-dns", [PaperFacts.FacebookTcp],
            "TCP to an address answered for connect.facebook.com, during a login", FromPaper("Section III.B.7")),
        new ClientPortRule("supernode-udp", 2, GroupIds.Supernode, Gate.LoginComplete, 4,
            "UDP on the client's Skype port with one of the first four hosts outside the model",
            FromPaper("Section III.B.2", "four super nodes from the host cache; the client's UDP port is the one of its login probe")),
        new ClientPortRule("peer-udp", 8, GroupIds.Peer, Gate.LoginComplete, null,
            "UDP on the client's Skype port with further hosts, once four super nodes are known",
            FromPaper("Section III.B.8", "another client reached after the super nodes")),
    ];

    // Declared after Rules: static initialisers run in text order.
    public static ClientVersion Skype6_3 { get; } = Build("6.3.0.197");

    /// <summary>The rules of 6.3.0.197 under another name (<see cref="ClientVersion.RulesOf"/>).</summary>
    public static ClientVersion Skype5_6 { get; } = Build("5.6.0.106") with { RulesOf = "6.3.0.197" };
}
