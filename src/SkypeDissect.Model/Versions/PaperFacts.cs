namespace SkypeDissect.Model.Versions;

using static SkypeDissect.Model.Provenance;

/// <summary>
/// Facts of the paper "Skype login secrets" (Section III, Tables I and II, Figs. 1-6). The paper describes
/// clients 5.6.0.106 and 6.3.0.197 together and gives no fact that tells them apart, so both versions are
/// built from these facts (see <see cref="PaperVersions"/>).
/// </summary>
public static class PaperFacts
{
    public const string LoginServerDomain = "dsn{0-17}.d.skype.net";
    public const string FeedbackDomain = "{build}.rst{0-13}.r.skype.net";
    public const string UpdateDomain = "ui.skype.com";
    public const string EchoDomain = "s.gateway.messenger.live.com";
    public const string FacebookDomain = "connect.facebook.com";

    public static IReadOnlyList<LoginStep> Steps { get; } =
    [
        new(1, "Check user name and password with the login server", [GroupIds.LoginServer], FromPaper("Section III.A step 1, Fig. 1")),
        new(2, "Connect to a Skype server and to four super nodes", [GroupIds.SkypeServer, GroupIds.Supernode], FromPaper("Section III.A step 2, Fig. 1")),
        new(3, "Determine NAT and firewall type with the MSN echo server", [GroupIds.NatEcho], FromPaper("Section III.A step 3, Fig. 1")),
        new(4, "Advertise presence to peers and buddies through the login server", [GroupIds.Presence], FromPaper("Section III.A step 4, Section III.B.4")),
        new(5, "Get the latest Skype version", [GroupIds.VersionUpdate], FromPaper("Section III.A step 5, Fig. 1")),
        new(6, "Keep communication with the user feedback server", [GroupIds.Feedback], FromPaper("Section III.A step 6, Fig. 1")),
        new(7, "Connect to Facebook to share friends", [GroupIds.Facebook], FromPaper("Section III.A step 7, Fig. 1")),
        new(8, "Reach another client through a super node", [GroupIds.Peer], FromPaper("Section III.A step 8, Fig. 1")),
    ];

    // Table I: nine /24 networks of 25 login servers each. Two host-range shapes occur.
    private static AddressRange[] Hosts(string network, string organisation, string country, bool low, string? note = null)
    {
        var where = "Table I, row " + network;
        return low
            ? [new(network, 12, 34, organisation, country, FromPaper(where, note)), new(network, 37, 38, organisation, country, FromPaper(where, note))]
            : [new(network, 140, 162, organisation, country, FromPaper(where, note)), new(network, 165, 166, organisation, country, FromPaper(where, note))];
    }

    /// <summary>The 225 login servers of Table I as host ranges.</summary>
    public static IReadOnlyList<AddressRange> LoginServers { get; } =
    [
        .. Hosts("111.221.74", "Microsoft Hosting", "Singapore", low: true, note: "printed \"12-34,37-28\"; read as 37-38, see inconsistency table1-37-28"),
        .. Hosts("111.221.77", "Microsoft Hosting", "Singapore", low: false),
        .. Hosts("157.55.130", "Microsoft Corp", "United States", low: false),
        .. Hosts("157.55.235", "Microsoft Corp", "United States", low: false),
        .. Hosts("157.55.56", "Microsoft Corp", "United States", low: false),
        .. Hosts("157.56.52", "Microsoft Corp", "United States", low: true),
        .. Hosts("213.199.179", "Microsoft Data Center", "Ireland", low: false),
        .. Hosts("64.4.23", "Microsoft Hotmail", "United States", low: false),
        .. Hosts("65.55.223", "Microsoft Hosting", "United States", low: true),
    ];

    public static Endpoint LoginUdp { get; } = new("udp-33033", Transport.Udp, PortRange.Single(33033), FromPaper("Section III.B.1, Figs. 2 and 3"));
    public static Endpoint LoginTcp33033 { get; } = new("tcp-33033", Transport.Tcp, PortRange.Single(33033), FromPaper("Section III.B.1, Fig. 3"));
    public static Endpoint LoginTcp80 { get; } = new("tcp-80", Transport.Tcp, PortRange.Single(80), FromPaper("Section III.B.1, Fig. 3"));
    public static Endpoint LoginTcp443 { get; } = new("tcp-443", Transport.Tcp, PortRange.Single(443), FromPaper("Section III.B.1, Fig. 3"));

    public static Endpoint LoginChannel { get; } = new(
        "tcp-channel", Transport.Tcp, new PortRange(40001, 40047),
        FromPaper("Table II open ports; Fig. 2 (40035)", "text says 40041-40047, see inconsistency channel-ports"));

    public static IReadOnlyList<Endpoint> LoginEndpoints { get; } = [LoginUdp, LoginTcp33033, LoginTcp80, LoginTcp443, LoginChannel];

    public static ServerFeatures LoginServerFeatures { get; } = new(
        "Linux 2.6.23",
        "PBX | WAP",
        [PortRange.Single(80), PortRange.Single(443), PortRange.Single(33033), new PortRange(40001, 40047)],
        "Skype",
        "Skype2",
        FromPaper("Table II"));

    public static Endpoint SkypeServerTcp { get; } = new("tcp-33033", Transport.Tcp, PortRange.Single(33033), FromPaper("Section III.B.2"));
    public static Endpoint EchoTcp { get; } = new("tcp-443", Transport.Tcp, PortRange.Single(443), FromPaper("Section III.B.3, Fig. 4"));
    public static Endpoint UpdateHttp { get; } = new("tcp-80", Transport.Tcp, PortRange.Single(80), FromPaper("Section III.B.5, Fig. 5", "HTTP/1.1 GET; port 80 is HTTP's, the paper names the protocol only"));
    public static Endpoint FeedbackTcp { get; } = new("tcp-12350", Transport.Tcp, PortRange.Single(12350), FromPaper("Section III.B.6, Fig. 6"));
    public static Endpoint FacebookTcp { get; } = new("tcp-any", Transport.Tcp, PortRange.All, FromPaper("Section III.B.7", "the paper says \"TCP\" and names no port"));

    public static IReadOnlyList<ServerGroup> Groups { get; } =
    [
        new(GroupIds.LoginServer, "Login server", "Authenticates user name and password; keeps the login channel; holds the buddy list.",
            [new(LoginServerDomain, FromPaper("Section III.B.1, Figs. 2 and 3", "18 names; printed dsn0.d.skype.ent, see inconsistency dsn0-ent"))],
            8, LoginServers, LoginEndpoints, LoginServerFeatures,
            [new("111.221.74.38", "last of eight addresses answered for dsn1.d.skype.net; the client uses it", FromPaper("Fig. 2"))],
            FromPaper("Section III.B.1, Tables I and II, Figs. 2 and 3")),
        new(GroupIds.SkypeServer, "Skype server", "Reached over TCP 33033 once the login is checked; its addresses are not given.",
            [], null, [], [SkypeServerTcp], null, [], FromPaper("Section III.A step 2, Section III.B.2")),
        new(GroupIds.Supernode, "Super node", "Four super nodes picked at random from the host cache, reached over UDP.",
            [], null, [], [], null, [], FromPaper("Section III.B.2", "host cache under HKCU/Software/Skype/Protected Storage")),
        new(GroupIds.NatEcho, "MSN echo server", "Tells the client the type of NAT and firewall it is behind.",
            [new(EchoDomain, FromPaper("Section III.B.3, Fig. 4"))], 1, [], [EchoTcp], null,
            [new("65.55.121.231", "address answered for s.gateway.messenger.live.com", FromPaper("Fig. 4", "text prints 65.5.121.231, see inconsistency echo-address"))],
            FromPaper("Section III.B.3, Fig. 4")),
        new(GroupIds.Presence, "Presence (login server)", "The client advertises its presence and fetches its buddy list through the login server.",
            [], null, LoginServers, [LoginChannel], null, [], FromPaper("Section III.B.4")),
        new(GroupIds.VersionUpdate, "Version update server", "Answers an HTTP/1.1 GET asking for the latest version.",
            [new(UpdateDomain, FromPaper("Section III.B.5, Fig. 5"))], null, [], [UpdateHttp], null,
            [new("204.9.163.247", "address answered for ui.skype.com", FromPaper("Fig. 5"))],
            FromPaper("Section III.B.5, Fig. 5")),
        new(GroupIds.Feedback, "User feedback server", "Collects usage feedback over TCP 12350.",
            [new(FeedbackDomain, FromPaper("Section III.B.6, Fig. 6", "14 names prefixed with the client build, example 166.0.10.5"))], 8, [], [FeedbackTcp], null,
            [new("193.120.199.18", "last of eight addresses answered for 166.0.10.5.rst0.r.skype.net", FromPaper("Fig. 6"))],
            FromPaper("Section III.B.6, Fig. 6")),
        new(GroupIds.Facebook, "Facebook", "Shares the Facebook friend list; Skype traffic only inside a login.",
            [new(FacebookDomain, FromPaper("Section III.B.7"))], null, [], [FacebookTcp], null, [], FromPaper("Section III.B.7")),
        new(GroupIds.Peer, "Peer client", "Another client, reached directly after a super node.",
            [], null, [], [], null, [], FromPaper("Section III.A step 8, Section III.B.8")),
    ];

    public static LoginProcedure Procedure { get; } = new(
        [
            new("udp-33033", Transport.Udp, 33033, 1, null, FromPaper("Section III.B.1, Fig. 3", "one UDP packet to each of the eight addresses")),
            new("tcp-33033", Transport.Tcp, 33033, 3, 62, FromPaper("Section III.B.1, Fig. 3", "three 62-byte packets: a SYN and two retransmissions (14+20+28 bytes)")),
            new("tcp-80", Transport.Tcp, 80, 3, 62, FromPaper("Section III.B.1, Fig. 3")),
            new("tcp-443", Transport.Tcp, 443, 3, 62, FromPaper("Section III.B.1, Fig. 3")),
        ],
        new PortRange(40001, 40047),
        15,
        10,
        120,
        new(CompletionKind.Connected, FromPaper("Section III.B.1, Fig. 3", "each rung ends in \"Connected? yes: Success\"; \"if any one of the above actions is successful, Login is passed\": the answer on the connection is the login")),
        new(RoundKind.LadderAttempts, FromPaper("Section III.B.1, Fig. 3", "\"it will repeat the whole process after 15 seconds\": a round is one climb of the ladder")),
        [
            FromPaper("Section III.B.1, Fig. 3", "retry of the whole round after 15 s"),
            Decision("a new round is recognised when a login attempt follows the previous one by 10 s or more before the login completed: the paper's 15 s less a margin for timer slack"),
            Decision("rules gated on a login apply for 120 s after the login started or completed; the paper gives no figure, its steps follow each other within the start-up"),
        ]);

    public static IReadOnlyList<Inconsistency> Inconsistencies { get; } =
    [
        new("dsn0-ent", "Top-level domain of the first login server name",
            [
                new("dsn0.d.skype.ent-dsn17.d.skype.net", FromPaper("Section III.B.1, text under Fig. 2 and text under Table II")),
                new("dsn1.d.skype.net", FromPaper("Fig. 2")),
            ],
            "dsn{0-17}.d.skype.net",
            ".ent is not a top-level domain and the other end of the same range ends in .net; read as a typo"),
        new("channel-ports", "Ports of the channel kept with the login server",
            [
                new("one of 47 ports (40041-40047)", FromPaper("Section III.B.1, text under Fig. 2")),
                new("40001-40047 open", FromPaper("Table II")),
                new("TCP 40035", FromPaper("Fig. 2")),
            ],
            "TCP 40001-40047",
            "47 ports are 40001-40047; 40041-40047 are only 7 and exclude Fig. 2's own 40035"),
        new("table1-37-28", "Host range of 111.221.74 in Table I",
            [
                new("111.221.74.12-34,37-28 (count 25)", FromPaper("Table I")),
                new("111.221.74.38 is a login server", FromPaper("Fig. 2")),
            ],
            "111.221.74.12-34 and 111.221.74.37-38",
            "37-28 is empty; 37-38 gives the stated count of 25, matches the rows 157.56.52 and 65.55.223, and contains Fig. 2's address"),
        new("echo-address", "Address answered for s.gateway.messenger.live.com",
            [
                new("65.5.121.231", FromPaper("Section III.B.3, text")),
                new("65.55.121.231", FromPaper("Fig. 4")),
            ],
            "65.55.121.231 (example only, not a signature)",
            "65.55.0.0/16 is Microsoft's, as are Table I's 65.55.223 servers; the text drops a digit"),
        new("update-request-text", "What the version request line contains",
            [
                new("the string 'get the latest version'", FromPaper("Section III.B.5")),
            ],
            "a GET request line containing \"getlatestversion\"",
            "a request URI cannot contain spaces, so the phrase is read as one word; to be confirmed against a capture of the request"),
        new("last-or-each", "Which of the eight answered addresses the client contacts",
            [
                new("the client selects the last address as the login server", FromPaper("Section III.B.1, Fig. 2")),
                new("the client sends a UDP packet to each of the eight addresses, then TCP to each", FromPaper("Section III.B.1, Fig. 3 and its text")),
            ],
            "all eight answered addresses are learned; the analyzer reports the position of the one settled on",
            "the two readings describe different moments: probing all, settling on one"),
    ];
}
