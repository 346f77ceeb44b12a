using SkypeDissect.Learning;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// The key proposals for Skype 7.7.3 (tests/data/real, nDPI's skype_no_unknown.pcap) against 6.3.0.197, with
/// their evidence frames exactly as docs/skype-7.7.3.md establishes them with tshark.
/// </summary>
public sealed class LearnerRealCaptureTests
{
    private static LearnReport R => Learned.Real;

    [Fact]
    public void Learn_RealCapture_FindsTheClientItsSkypePortAndItsBuild()
    {
        var c = R.Captures.Single();
        c.Name.Should().Be("skype-7.7.3-login-macos-2015.pcap");
        c.Client.Should().Be("192.168.1.34");
        c.SkypePort.Should().Be(13021);
        c.SkypePortFrames.Should().Equal(517);
        c.Build.Should().Be("335.0.7.7.3");
        c.Frames.Should().Be(2146);
        c.Error.Should().BeNull();
    }

    [Fact]
    public void Learn_FeedbackNames_AreTheRstFamilyWithAFivePartBuild()
    {
        var rst = R.Dns.Single(d => d.Group == GroupIds.Feedback);
        rst.Status.Should().Be(ProposalStatus.Changed);
        rst.AssignedBy.Should().Be("same-shape");
        rst.BasePattern.Should().Be("{build}.rst{0-13}.r.skype.net");
        rst.Pattern.Should().Be("{0-99999}.{build}.rst{0-13}.r.skype.net");
        rst.Names.Select(n => n.Name).Should().Equal("335.0.7.7.3.rst0.r.skype.net", "335.0.7.7.3.rst11.r.skype.net");
        rst.Names.Should().OnlyContain(n => !n.Answered && n.Queries == 14);
        rst.SeenIn.Single().Frames.Should().Equal(17, 18, 67, 68, 151, 152, 467, 468, 495, 496, 695, 696, 829, 830, 1179, 1180, 1187, 1188, 1198, 1199, 1289, 1290, 1441, 1442, 1840, 1841, 2103, 2104);
        rst.Note.Should().Contain("has 5 parts, {build} holds 2-4");
    }

    [Fact]
    public void Learn_LoginNames_AreUnchanged_AndTheMessengerGatewayIsAddedToNatEcho()
    {
        var dsn = R.Dns.Single(d => d.Pattern == "dsn{0-17}.d.skype.net");
        dsn.Status.Should().Be(ProposalStatus.Unchanged);
        dsn.SeenIn.Single().Frames.Should().Equal(14, 15, 65, 66, 149, 150, 465, 466, 493, 494, 693, 694, 827, 828);

        var gateway = R.Dns.Single(d => d.AssignedBy == "same-parent");
        gateway.Group.Should().Be(GroupIds.NatEcho);
        gateway.Status.Should().Be(ProposalStatus.Added);
        gateway.Names.Single().Should().Match<DnsNameSeen>(n => n.Name == "db3msgr5011709.gateway.messenger.live.com" && n.Answered && n.Addresses.Count == 0);
        gateway.SeenIn.Single().Frames.Should().Equal(11, 12);
        R.Dns.Single(d => d.Pattern == "s.gateway.messenger.live.com").Status.Should().Be(ProposalStatus.NotSeen);
    }

    [Fact]
    public void Learn_VendorNamesWithoutGroup_AreListedForReview_NotProposed()
    {
        R.Dns.Should().OnlyContain(d => d.Group != null, "a family is proposed only with a group");
        R.OtherNames.Select(n => n.Name).Should().Equal(
            "a.config.skype.com", "api.skype.com", "apps.skypeassets.com", "b.config.skype.com", "conn.skype.akadns.net", "e4593.g.akamaiedge.net",
            "pipe.prd.skypedata.akadns.net");
        R.OtherNames.Where(n => n.Name.Contains("skype", StringComparison.Ordinal)).Should()
            .OnlyContain(n => n.Note.StartsWith("a label starts with 'skype', the vendor's word in the base's login names", StringComparison.Ordinal));
        R.OtherNames.Single(n => n.Name == "e4593.g.akamaiedge.net").Note.Should().Be(
            "answer reached: 23.206.33.166: TLS name apps.skype.com (frame 54); 23.206.33.166: TLS name apps.skype.com (frame 1579)");
    }

    [Fact]
    public void Learn_UdpProbes_GoToTheChannelPortsOfTheLoginNetworks()
    {
        var udp = R.Endpoints.Single(e => e.Group == GroupIds.LoginServer && e.Transport == "udp" && e.FirstPort == 40001);
        udp.Status.Should().Be(ProposalStatus.Added);
        (udp.LastPort, udp.Flows, udp.AnsweredFlows).Should().Be((40047, 130, 0));
        udp.Ports.Should().Equal(Enumerable.Range(40001, 33));
        udp.SeenIn.Single().Frames.Take(8).Should().Equal(517, 518, 519, 520, 521, 522, 543, 544);
        udp.AssignedBy.Should().Be("base-network", "6.3.0.197's rules take no UDP to 40001-40047: every host comes in by its /24 network");
        R.Endpoints.Single(e => e.Group == GroupIds.LoginServer && e is { Transport: "udp", FirstPort: 33033 }).SeenIn.Single().Frames
            .Should().Equal(566, 605, 680, 731, 771, 855, 939, 1079, 1191);
        R.Endpoints.Single(e => e.Group == GroupIds.LoginServer && e is { Transport: "udp", FirstPort: 443 }).SeenIn.Single().Frames.Should().Equal(1439, 1458);
        R.Endpoints.Where(e => e.Group == GroupIds.LoginServer && e.Status == ProposalStatus.NotSeen).Select(e => $"{e.Transport}/{e.FirstPort}")
            .Should().Equal("tcp/33033", "tcp/80");
    }

    [Fact]
    public void Learn_LoginNetworks_HoldHostsOutsideTableI()
    {
        var net = R.Networks.Single(n => n.Network == "111.221.74");
        net.Status.Should().Be(ProposalStatus.Changed);
        net.HostsOutsideBase.Should().Equal(40, 42, 43, 44, 45, 46, 48);
        (net.ProposedFirstHost, net.ProposedLastHost).Should().Be((12, 65), "65.55.223.65 (frame 605) widens every network of the low shape");
        var high = R.Networks.Single(n => n.Network == "157.55.235");
        high.HostsOutsideBase.Should().Equal(167, 168, 170, 171, 172, 174, 175, 176);
        (high.ProposedFirstHost, high.ProposedLastHost).Should().Be((140, 176));
        R.Networks.Where(n => n.Status == ProposalStatus.Added).Select(n => n.Network).Should().Equal(["91.190.216", "91.190.218"],
            "the Messenger gateway (157.56.126.211) is known by its TLS names, which follow it across networks better than an address");
    }

    [Fact]
    public void Learn_TcpFallback_To443_OfTheSameHost_AfterAbout1600Ms_WithTheSslv2Opener()
    {
        var fallback = R.Timing.Single(t => t.Group == GroupIds.LoginServer && t.Kind == "fallback");
        fallback.What.Should().Be("tcp/40001-40047 then tcp/443 to the same host");
        fallback.Count.Should().Be(19);
        fallback.Status.Should().Be(ProposalStatus.Added);
        fallback.MinSeconds.Should().BeApproximately(1.602857, 1e-6);
        fallback.MaxSeconds.Should().BeApproximately(1.612797, 1e-6);
        fallback.Seconds.Should().BeApproximately(1.611926, 1e-6);
        fallback.SeenIn.Single().Frames.Should().Equal(13, 94, 601, 658, 602, 659, 603, 660, 644, 699, 740, 764, 768, 791, 792, 831, 899, 953, 900, 952,
            901, 954, 902, 955, 1026, 1052, 1058, 1087, 1095, 1138, 1213, 1260, 1214, 1261, 1215, 1262, 1216, 1263);

        var opener = R.Openers.Single(o => o.Group == GroupIds.LoginServer && o is { Transport: "tcp", Ports: "443", Direction: "client" });
        opener.Pattern.Should().Be("80 46 01 03 01 00 2d 00 00 00 10 00 00 05 00 00");
        (opener.FixedBytes, opener.Samples, opener.MinLength, opener.MaxLength).Should().Be((56, 18, 72, 72));
        opener.Status.Should().Be(ProposalStatus.Added);
        opener.SeenIn.Single().Frames.Should().Equal(126, 664, 669, 675, 703, 767, 800, 835, 959, 962, 968, 975, 1057, 1091, 1141, 1268, 1269, 1276);

        // Twelve servers answer with the same canned 79-byte ServerHello (its random starts 40 1b e4 86).
        var hello = R.Openers.Single(o => o is { Group: GroupIds.LoginServer, Direction: "server", Samples: 12 });
        hello.Pattern.Should().Be("16 03 01 00 4a 02 00 00 46 03 01 40 1b e4 86 02");
        (hello.MinLength, hello.MaxLength).Should().Be((79, 79));
        hello.SeenIn.Single().Frames.Should().Equal(735, 1175, 1350, 1541, 1687, 1763, 1779, 1796, 1831, 2000, 2002, 2049);
    }

    [Fact]
    public void Learn_FirstAttemptIsTcpToAChannelPort_AndUdpProbesComeEverySecond()
    {
        var first = R.Timing.Single(t => t.Kind == "first-attempt");
        (first.What, first.Status, first.SeenIn.Single().Frames.Single()).Should().Be(("tcp/40009 to 157.56.52.28", ProposalStatus.Unchanged, 13L), "6.3.0.197's login-range takes it");
        first.Note.Should().EndWith("the first login flow is tcp/40009, not the base ladder's first rung; the base's rules take it");
        var udp = R.Timing.Single(t => t.Kind == "rounds" && t.What.StartsWith("udp", StringComparison.Ordinal));
        udp.Count.Should().Be(42);
        udp.Seconds.Should().BeApproximately(1.010, 0.001);
        var opener = R.Openers.Single(o => o.Group == GroupIds.LoginServer && o is { Transport: "udp", Ports: "40001-40047" });
        opener.Pattern.Should().StartWith("?? ?? 02 ??", "Skype's UDP header: two bytes of id, then the function byte 0x02");
        opener.Samples.Should().Be(130);
    }

    [Fact]
    public void Learn_FeedbackServers_AreReachedWithoutDns_On12350_ThenFallBackTo443()
    {
        R.Endpoints.Single(e => e.Group == GroupIds.Feedback && e.FirstPort == 12350).SeenIn.Single().Frames.Should().Equal(1323, 1349, 1611, 1612, 1642);
        R.Endpoints.Single(e => e.Group == GroupIds.Feedback && e.FirstPort == 443).SeenIn.Single().Frames.Should().Equal(1372, 1753);
        var fallback = R.Timing.Single(t => t.Group == GroupIds.Feedback && t.Kind == "fallback");
        fallback.SeenIn.Single().Frames.Should().Equal(1349, 1372, 1642, 1753);
        var fakeTls = R.Openers.Single(o => o.Pattern == "16 03 01 00 00" && o.Group == "feedback,unassigned");
        fakeTls.SeenIn.Single().Frames.Should().Equal(1354, 1375, 1648, 1756, 1851, 1922, 2019, 2084);
        R.Openers.Single(o => o.Pattern == "17 03 01 00 00" && o.Group == "feedback,unassigned").SeenIn.Single().Frames.Should().Equal(1853, 1924, 2024, 2027, 2086, 2105);
    }

    [Fact]
    public void Learn_SuperNodes_AreTheFirstFourHostsOfTheSkypePort_KeptAliveEveryFiveSeconds()
    {
        R.Endpoints.Single(e => e.Group == GroupIds.Supernode).SeenIn.Single().Frames.Should().Equal(1384, 1385, 1386, 1387);
        R.Endpoints.Single(e => e.Group == GroupIds.Peer).SeenIn.Single().Frames.Should().Equal(2131);
        var keepalive = R.Timing.Single(t => t.Kind == "keepalive");
        keepalive.Seconds.Should().BeApproximately(5.036, 0.001);
        keepalive.SeenIn.Single().Frames.Should().Equal(1384, 1385, 1696, 1697, 1844, 1845, 2005, 2006, 2124, 2125);
    }

    [Fact]
    public void Learn_GroupCounts_MatchTheTsharkCountsOfTheAnalysis()
    {
        // docs/skype-7.7.3.md: ip.addr in the nine /24 networks gives 907 frames, 14 dsn13 queries;
        // 60 frames with 91.190.216.0/21 and 28 rst queries; 348 frames with 157.56.126.211.
        var counts = R.Groups.ToDictionary(g => g.Group, g => (g.FlowFrames, g.DnsFrames));
        counts[GroupIds.LoginServer].Should().Be((907, 14));
        counts[GroupIds.Feedback].Should().Be((60, 28));
        counts[GroupIds.NatEcho].Should().Be((348, 2));
        counts[GroupIds.VersionUpdate].Should().Be((0, 8));
        counts[GroupIds.Supernode].Should().Be((12, 0));
        counts[GroupIds.Peer].Should().Be((1, 0));
    }
}
