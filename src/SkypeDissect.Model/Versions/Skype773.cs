// Skype 7.7.3: a REVIEWED client version. People own this file: edit it by hand.
// It began as the draft that
//     skypedissect learn skype-7.7.3-login-macos-2015.pcap --as 7.7.3 --base 6.3.0.197 --emit
// wrote; the review (docs/skype-7.7.3.md, sections 5 and 8) made its decisions here, each with its reason in the
// provenance of the fact it changed. learn --emit does not overwrite this file unless given --force; to weigh a new
// capture, learn it against this version (--base 7.7.3) and carry over what a review accepts.
namespace SkypeDissect.Model.Versions;

using static SkypeDissect.Model.Provenance;

/// <summary>The signature set of Skype 7.7.3, learned from a capture and reviewed.</summary>
public static class Skype773
{
    private const string CaptureSource = "capture:skype-7.7.3-login-macos-2015.pcap";

    private static readonly Endpoint LoginServerUdp443 = new Endpoint("udp-443", Transport.Udp, new PortRange(443, 443), Capture("frames 1439, 1458"));

    private static readonly Endpoint LoginServerUdp33033 = new Endpoint("udp-33033", Transport.Udp, new PortRange(33033, 33033), Capture("frames 566, 605, 680, 731, 771, 855, 939, 1079, 1191", "as the base"));

    private static readonly Endpoint LoginServerUdpChannel = new Endpoint("udp-channel", Transport.Udp, new PortRange(40001, 40047), Capture("frames 517-522, 543-547, 562-565, 589-593, 604, 606-608, 645-649, 681-684, 707-711, 722-726, 730, 732-734, ... (130 in all)"));

    private static readonly Endpoint LoginServerTcp443 = new Endpoint("tcp-443", Transport.Tcp, new PortRange(443, 443), Capture("frames 94, 658-660, 699, 764, 791, 831, 952-955, 1052, 1087, 1138, 1260-1263", "as the base"));

    private static readonly Endpoint LoginServerTcp33033 = new Endpoint("tcp-33033", Transport.Tcp, new PortRange(33033, 33033), FromPaper("Section III.B.1, Fig. 3"));

    private static readonly Endpoint LoginServerTcpChannel = new Endpoint("tcp-channel", Transport.Tcp, new PortRange(40001, 40047), Capture("frames 13, 601-603, 644, 740, 768, 792, 899-902, 1026, 1058, 1095, 1213-1216", "as the base"));

    private static readonly AddressRange[] LoginRangeRanges = [
        new AddressRange("64.4.23", 0, 255, "Microsoft Hotmail", "United States", Capture("frames 520, 564, 648, 683, 726, 730-731, 744, 792, 865, 871, 882, 1027, ... (18 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("65.55.223", 0, 255, "Microsoft Hosting", "United States", Capture("frames 519, 565-566, 589, 592, 602, 605, 645, 647, 710, 742, 980, 1029, ... (17 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("111.221.74", 0, 255, "Microsoft Hosting", "Singapore", Capture("frames 518, 543, 547, 590, 603, 707-708, 754, 770, 790, 819, 854, 904, ... (19 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("111.221.77", 0, 255, "Microsoft Hosting", "Singapore", Capture("frames 546, 711, 725, 733, 768, 796, 820, 881, 893, 900, 903, 939, ... (14 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("157.55.56", 0, 255, "Microsoft Corp", "United States", Capture("frames 517, 563, 591, 743, 757, 894, 1061, 1081, 1096, 1132", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("157.55.130", 0, 255, "Microsoft Corp", "United States", Capture("frames 521, 604, 644, 646, 722, 732, 741, 772, 793, 797, 856, 872, ... (20 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("157.55.235", 0, 255, "Microsoft Corp", "United States", Capture("frames 544-545, 601, 709, 724, 755-756, 771, 788, 795, 873, 895, 901, 978, ... (21 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("157.56.52", 0, 255, "Microsoft Corp", "United States", Capture("frames 13, 522, 593, 607-608, 682, 723, 740, 745, 769, 773, 786, 789, ... (20 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
        new AddressRange("213.199.179", 0, 255, "Microsoft Data Center", "Ireland", Capture("frames 562, 606, 649, 680-681, 684, 734, 758, 787, 864, 902, 979, 1058, ... (16 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")),
    ];

    private static readonly Endpoint SkypeServerTcp33033 = new Endpoint("tcp-33033", Transport.Tcp, new PortRange(33033, 33033), FromPaper("Section III.B.2"));

    private static readonly Endpoint NatEchoTcp443 = new Endpoint("tcp-443", Transport.Tcp, new PortRange(443, 443), Capture("frame 16", "as the base"));

    private static readonly Endpoint VersionUpdateTcp80 = new Endpoint("tcp-80", Transport.Tcp, new PortRange(80, 80), FromPaper("Section III.B.5, Fig. 5", "HTTP/1.1 GET; port 80 is HTTP's, the paper names the protocol only"));

    private static readonly Endpoint FeedbackTcp443 = new Endpoint("tcp-443", Transport.Tcp, new PortRange(443, 443), Capture("frames 1372, 1753"));

    private static readonly Endpoint FeedbackTcp12350 = new Endpoint("tcp-12350", Transport.Tcp, new PortRange(12350, 12350), Capture("frames 1323, 1349, 1611-1612, 1642", "as the base"));

    private static readonly AddressRange[] FeedbackRangeRanges = [
        new AddressRange("91.190.216", 0, 255, "Skype (Microsoft)", "-", Capture("frames 1611-1612", "91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.217", 0, 255, "Skype (Microsoft)", "-", Capture("learn report", "no host of it reached; 91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.218", 0, 255, "Skype (Microsoft)", "-", Capture("frame 1323", "91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.219", 0, 255, "Skype (Microsoft)", "-", Capture("learn report", "no host of it reached; 91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.220", 0, 255, "Skype (Microsoft)", "-", Capture("learn report", "no host of it reached; 91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.221", 0, 255, "Skype (Microsoft)", "-", Capture("learn report", "no host of it reached; 91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.222", 0, 255, "Skype (Microsoft)", "-", Capture("learn report", "no host of it reached; 91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
        new AddressRange("91.190.223", 0, 255, "Skype (Microsoft)", "-", Capture("learn report", "no host of it reached; 91.190.216.0/21: Skype's own /21 (in Microsoft's published prefix list); the client reached hosts of two of its /24s, another session others")),
    ];

    private static readonly Endpoint FacebookTcpAny = new Endpoint("tcp-any", Transport.Tcp, new PortRange(1, 65535), FromPaper("Section III.B.7", "the paper says \"TCP\" and names no port"));

    private static readonly LoginStep[] Steps =
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

    private static readonly ServerGroup[] Groups =
    [
        new(
            GroupIds.LoginServer,
            "Login server",
            "Authenticates user name and password; keeps the login channel; holds the buddy list.",
            [new DomainPattern("dsn{0-17}.d.skype.net", Capture("frames 14-15, 65-66, 149-150, 465-466, 493-494, 693-694, 827-828"))],
            8,
            LoginRangeRanges,
            [LoginServerUdp443, LoginServerUdp33033, LoginServerUdpChannel, LoginServerTcp443, LoginServerTcp33033, LoginServerTcpChannel],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.SkypeServer,
            "Skype server",
            "Reached over TCP 33033 once the login is checked; its addresses are not given.",
            [],
            null,
            [],
            [SkypeServerTcp33033],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.Supernode,
            "Super node",
            "Four super nodes picked at random from the host cache, reached over UDP.",
            [],
            null,
            [],
            [],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.NatEcho,
            "MSN echo server",
            "Tells the client the type of NAT and firewall it is behind.",
            [new DomainPattern("{label}.gateway.messenger.live.com", Capture("frames 11-12", "the family's host label varies by data centre (s in the paper, db3msgr5011709 here; the certificate names by2 and sn1 too): its parent domain is the signature, one {label} the host"))],
            1,
            [],
            [NatEchoTcp443],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.Presence,
            "Presence (login server)",
            "The client advertises its presence and fetches its buddy list through the login server.",
            [],
            null,
            [],
            [],
            null,
            [],
            FromPaper("Section III.B.4")
        ),
        new(
            GroupIds.VersionUpdate,
            "Version update server",
            "Answers an HTTP/1.1 GET asking for the latest version.",
            [new DomainPattern("ui.skype.com", Capture("frames 38, 105, 273, 472, 497, 706, 850, 1494"))],
            null,
            [],
            [VersionUpdateTcp80],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.Feedback,
            "User feedback server",
            "Collects usage feedback over TCP 12350.",
            [new DomainPattern("{0-99999}.{build}.rst{0-13}.r.skype.net", Capture("frames 17-18, 67-68, 151-152, 467-468, 495-496, 695-696, 829-830, 1179-1180, 1187-1188, 1198-1199, 1289-1290, 1441-1442, ... (28 in all)", "rule feedback-dns misses: 335.0.7.7.3.rst0.r.skype.net: the build 335.0.7.7.3 has 5 parts, {build} holds 2-4 (written {0-99999}.{build} to stay in the grammar); 335.0.7.7.3.rst11.r.skype.net: the build 335.0.7.7.3 has 5 parts, {build} holds 2-4 (written {0-99999}.{build} to stay in the grammar)"))],
            8,
            FeedbackRangeRanges,
            [FeedbackTcp443, FeedbackTcp12350],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.Facebook,
            "Facebook",
            "Shares the Facebook friend list; Skype traffic only inside a login.",
            [new DomainPattern("connect.facebook.com", FromPaper("Section III.B.7"))],
            null,
            [],
            [FacebookTcpAny],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
        new(
            GroupIds.Peer,
            "Peer client",
            "Another client, reached directly after a super node.",
            [],
            null,
            [],
            [],
            null,
            [],
            Capture("learn report", "the group's facts are those of its rules")
        ),
    ];

    private static readonly LoginProcedure Procedure = new(
        [new("udp-33033", Transport.Udp, 33033, 1, null, Capture("frame 566", "one SYN or datagram per host")), new("tcp-33033", Transport.Tcp, 33033, 3, 62, FromPaper("Section III.B.1, Fig. 3", "not used by 7.7.3, kept: a client's login state is shared by the versions of the model (docs/tagging.md 4) and holds a rung index, so every version keeps the same ladder")), new("tcp-80", Transport.Tcp, 80, 3, 62, FromPaper("Section III.B.1, Fig. 3", "not used by 7.7.3, kept: a client's login state is shared by the versions of the model (docs/tagging.md 4) and holds a rung index, so every version keeps the same ladder")), new("tcp-443", Transport.Tcp, 443, 1, null, Capture("frame 94", "one SYN or datagram per host"))],
        new PortRange(40001, 40047),
        15,
        10,
        120,
        [Capture("frames 13, 601", "tcp attempts in 11 rounds of 1-4 hosts; intervals between rounds: 15.049 s (the base's 15 s), later rounds sooner"), Decision("a new round is recognised when a login attempt follows the previous one by 10 s or more before the login completed: the paper's 15 s less a margin for timer slack"), Decision("rules gated on a login apply for 120 s after the login started or completed; the paper gives no figure, its steps follow each other within the start-up")]
    );

    /// <summary>The rules in the order they are tried (docs/tagging.md section 2).</summary>
    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new DnsNameRule(
            "login-dns",
            1,
            GroupIds.LoginServer,
            Gate.None,
            new DomainPattern("dsn{0-17}.d.skype.net", Capture("frames 14-15, 65-66, 149-150, 465-466, 493-494, 693-694, 827-828")),
            "DNS query or answer for one of the 18 login server names",
            Capture("frames 14-15, 65-66, 149-150, 465-466, 493-494, 693-694, 827-828")
        ),
        new DnsNameRule(
            "feedback-dns",
            6,
            GroupIds.Feedback,
            Gate.None,
            new DomainPattern("{0-99999}.{build}.rst{0-13}.r.skype.net", Capture("frames 17-18, 67-68, 151-152, 467-468, 495-496, 695-696, 829-830, 1179-1180, 1187-1188, 1198-1199, 1289-1290, 1441-1442, ... (28 in all)", "rule feedback-dns misses: 335.0.7.7.3.rst0.r.skype.net: the build 335.0.7.7.3 has 5 parts, {build} holds 2-4 (written {0-99999}.{build} to stay in the grammar); 335.0.7.7.3.rst11.r.skype.net: the build 335.0.7.7.3 has 5 parts, {build} holds 2-4 (written {0-99999}.{build} to stay in the grammar)")),
            "DNS query or answer for one of the 14 feedback names of a build",
            Capture("frames 17-18, 67-68, 151-152, 467-468, 495-496, 695-696, 829-830, 1179-1180, 1187-1188, 1198-1199, 1289-1290, 1441-1442, ... (28 in all)", "rule feedback-dns misses: 335.0.7.7.3.rst0.r.skype.net: the build 335.0.7.7.3 has 5 parts, {build} holds 2-4 (written {0-99999}.{build} to stay in the grammar); 335.0.7.7.3.rst11.r.skype.net: the build 335.0.7.7.3 has 5 parts, {build} holds 2-4 (written {0-99999}.{build} to stay in the grammar)")
        ),
        new DnsNameRule(
            "update-dns",
            5,
            GroupIds.VersionUpdate,
            Gate.None,
            new DomainPattern("ui.skype.com", Capture("frames 38, 105, 273, 472, 497, 706, 850, 1494")),
            "DNS query or answer for the version update server",
            Capture("frames 38, 105, 273, 472, 497, 706, 850, 1494")
        ),
        new DnsNameRule(
            "echo-dns",
            3,
            GroupIds.NatEcho,
            Gate.LoginSeen,
            new DomainPattern("{label}.gateway.messenger.live.com", Capture("frames 11-12", "the family's host label varies by data centre (s in the paper, db3msgr5011709 here; the certificate names by2 and sn1 too): its parent domain is the signature, one {label} the host")),
            "DNS query or answer for the MSN echo server, during a login (the name serves Messenger too)",
            Capture("frames 11-12", "the family's host label varies by data centre (s in the paper, db3msgr5011709 here; the certificate names by2 and sn1 too): its parent domain is the signature, one {label} the host")
        ),
        new DnsNameRule(
            "facebook-dns",
            7,
            GroupIds.Facebook,
            Gate.LoginSeen,
            new DomainPattern("connect.facebook.com", FromPaper("Section III.B.7")),
            "DNS query or answer for Facebook's connect server, during a login",
            FromPaper("Section III.B.7", "gated: Facebook is step 7 only inside a login")
        ),
        new LearnedAddressRule(
            "login-learned",
            1,
            GroupIds.LoginServer,
            Gate.None,
            "login-dns",
            [LoginServerUdp443, LoginServerUdp33033, LoginServerUdpChannel, LoginServerTcp443, LoginServerTcp33033, LoginServerTcpChannel],
            "Traffic with an address answered for a login-dns name, on udp/443, udp/33033, udp/40001-40047, tcp/443, tcp/33033, tcp/40001-40047",
            Capture("frames 13, 94, 517-522, 543-547, 562-566, 589-593, 601-608, 644-649, 658-660, 680-684, 699, 707-711, ... (179 in all)", "the endpoints the capture shows for the group; the base's rule otherwise")
        ),
        new AddressRangeRule(
            "login-range",
            1,
            GroupIds.LoginServer,
            Gate.None,
            LoginRangeRanges,
            [LoginServerUdp33033, LoginServerUdpChannel, LoginServerTcp33033, LoginServerTcpChannel],
            "Traffic with a host of the group's networks (whole /24s) on udp/33033, udp/40001-40047, tcp/33033, tcp/40001-40047",
            Capture("frames 13, 517-522, 543-547, 562-566, 589-593, 601-608, 644-649, 680-684, 707-711, 722-726, 730-734, 740-745, ... (155 in all)", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")
        ),
        new TimedFallbackRule(
            "login-fallback",
            1,
            GroupIds.LoginServer,
            Gate.None,
            "login-range",
            3,
            [LoginServerTcp443],
            "A connection to tcp/443 of the same host, the client's timer after a login-range connection",
            Capture("frames 13, 94, 601-603, 644, 658-660, 699, 740, 764, 768, 791-792, 831, 899-902, ... (38 in all)", "tcp/40001-40047 then tcp/443 to the same host after 1.603-1.613 s in 19 of 19; matched up to 1 s later")
        ),
        new AddressRangeRule(
            "login-range-web",
            1,
            GroupIds.LoginServer,
            Gate.LoginSeen,
            LoginRangeRanges,
            [LoginServerUdp443],
            "Traffic with a host of the group's networks on udp/443, during a login",
            Capture("frames 1439, 1458", "443 is every web server's port: on whole /24 networks of Microsoft it is evidence only while a login of the client is under way")
        ),
        new AfterLoginRule(
            "skype-server",
            2,
            GroupIds.SkypeServer,
            Gate.LoginComplete,
            [SkypeServerTcp33033],
            "A TCP connection to port 33033 by a client whose login completed",
            FromPaper("Section III.B.2", "the paper gives no addresses for the Skype server, so the completed login is the evidence")
        ),
        new LearnedAddressRule(
            "echo-learned",
            3,
            GroupIds.NatEcho,
            Gate.LoginSeen,
            "echo-dns",
            [NatEchoTcp443],
            "Traffic with an address answered for a echo-dns name, on tcp/443",
            Capture("frame 16", "the endpoints the capture shows for the group; the base's rule otherwise")
        ),
        new HttpRequestRule(
            "update-http",
            5,
            GroupIds.VersionUpdate,
            Gate.None,
            "GET",
            "getlatestversion",
            [VersionUpdateTcp80],
            "The HTTP/1.1 GET asking for the latest version",
            FromPaper("Section III.B.5", "'get the latest version', see inconsistency update-request-text")
        ),
        new LearnedAddressRule(
            "update-learned",
            5,
            GroupIds.VersionUpdate,
            Gate.None,
            "update-dns",
            [VersionUpdateTcp80],
            "HTTP to the address answered for ui.skype.com",
            FromPaper("Section III.B.5, Fig. 5")
        ),
        new LearnedAddressRule(
            "feedback-learned",
            6,
            GroupIds.Feedback,
            Gate.None,
            "feedback-dns",
            [FeedbackTcp443, FeedbackTcp12350],
            "Traffic with an address answered for a feedback-dns name, on tcp/443, tcp/12350",
            Capture("frames 1323, 1349, 1372, 1611-1612, 1642, 1753", "the endpoints the capture shows for the group; the base's rule otherwise")
        ),
        new AddressRangeRule(
            "feedback-range",
            6,
            GroupIds.Feedback,
            Gate.LoginSeen,
            FeedbackRangeRanges,
            [FeedbackTcp12350],
            "Traffic with a host of the group's networks (whole /24s) on tcp/12350",
            Capture("frames 1323, 1611-1612", "every host of the /24: one session reaches a sample of a network's servers (30 % of the hosts reached lie outside Table I's ranges), and another session picks others; the ports are Skype's own, so a whole /24 costs little precision")
        ),
        new TimedFallbackRule(
            "feedback-fallback",
            6,
            GroupIds.Feedback,
            Gate.LoginSeen,
            "feedback-range",
            3,
            [FeedbackTcp443],
            "A connection to tcp/443 of the same host, the client's timer after a feedback-range connection",
            Capture("frames 1349, 1372, 1642, 1753", "tcp/12350 then tcp/443 to the same host after 0.525-1.612 s in 2 of 2; matched up to 1 s later")
        ),
        new LearnedAddressRule(
            "facebook-learned",
            7,
            GroupIds.Facebook,
            Gate.LoginSeen,
            "facebook-dns",
            [FacebookTcpAny],
            "TCP to an address answered for connect.facebook.com, during a login",
            FromPaper("Section III.B.7")
        ),
        new PayloadPrefixRule(
            "supernode-opener",
            2,
            GroupIds.Supernode,
            Gate.LoginComplete,
            "16 03 01 00 00",
            5,
            [],
            "The client's first payload on a TCP connection is exactly 16 03 01 00 00, after a completed login",
            Capture("frames 1354, 1375, 1648, 1756, 1851, 1922, 2019, 2084", "a TLS handshake record of length 0, which no TLS client sends, opens TCP to Skype-run nodes after the login; their port varies, so any port, gated on a completed login; super node is the nearest group of the vocabulary (Skype-run nodes, reached after the login)")
        ),
        new ClientPortRule(
            "supernode-udp",
            2,
            GroupIds.Supernode,
            Gate.LoginComplete,
            4,
            "UDP on the client's Skype port with one of the first four hosts outside the model",
            FromPaper("Section III.B.2", "four super nodes from the host cache; the client's UDP port is the one of its login probe")
        ),
        new ClientPortRule(
            "peer-udp",
            8,
            GroupIds.Peer,
            Gate.LoginComplete,
            null,
            "UDP on the client's Skype port with further hosts, once four super nodes are known",
            FromPaper("Section III.B.8", "another client reached after the super nodes")
        ),
    ];

    // Declared after the fields above: static initialisers run in text order.
    public static ClientVersion Version { get; } = new(
        "7.7.3",
        "Skype 7.7.3 as learned from skype-7.7.3-login-macos-2015.pcap (client 192.168.1.34, build 335.0.7.7.3) and reviewed",
        Steps,
        Groups,
        Procedure,
        Rules,
        [],
        Capture("frames 1-2146", "drafted against 6.3.0.197 by skypedissect learn --emit and reviewed (docs/skype-7.7.3.md section 5): the review's decisions are in the provenance of the facts they changed"));

    private static Provenance Capture(string where, string? note = null) => new(CaptureSource, where, note);
}
