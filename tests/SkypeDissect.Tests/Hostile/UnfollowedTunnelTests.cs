using SkypeDissect.Tests.Analyzer;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// The UDP tunnels the analyzer does not follow (docs/tagging.md 1.4 and 6), each after a complete login
/// (frames 1-3) from the client's Skype port, so a tag is possible: what the plugin tags and what the analyzer
/// tags are both asserted, so the test fails when either implementation changes.
/// </summary>
public sealed class UnfollowedTunnelTests
{
    private const string Server = "114.80.42.9";

    /// <summary>VXLAN around an Ethernet frame with an IP header: a tunnel both follow at port 4789.</summary>
    private static readonly byte[] Vxlan = [8, 0, 0, 0, 0, 0, 1, 0, .. Ethernet(TunnelFrames.InnerIpv4)];

    /// <summary>NTP and syslog take any payload; the discard port has no dissector in Wireshark 4.0, SNMP rejects what is no BER.</summary>
    public static TheoryData<int> TakingPorts() => [123, 514];

    public static TheoryData<int> PassingPorts() => [9, 161];

    [SkippableTheory]
    [MemberData(nameof(TakingPorts))]
    public void TunnelOnTheHigherPort_LowerPortTakesIt_PluginTags_AnalyzerDoesNot(int skypePort)
    {
        var frames = LoginFrames.Complete(skypePort).Append(LoginFrames.FromSkypePort(skypePort, Server, 4789, Vxlan));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-higher-port-" + skypePort);

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L, 4L], $"port {skypePort} is lower than 4789: Wireshark dissects the payload as its protocol, one IP header");
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L], "the analyzer sends the payload to VXLAN: two IP headers");
    }

    [SkippableTheory]
    [MemberData(nameof(PassingPorts))]
    public void TunnelOnTheHigherPort_LowerPortPassesItOn_UntaggedByBoth(int skypePort)
    {
        var frames = LoginFrames.Complete(skypePort).Append(LoginFrames.FromSkypePort(skypePort, Server, 4789, Vxlan));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-higher-port-" + skypePort);

        r.ShouldAgree($"port {skypePort} passes the payload on to VXLAN");
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L], "frame 4 carries a second IP header");
    }

    [SkippableFact]
    public void L2tpDataAfterControlOn1701_PluginFollowsTheConversation_AnalyzerDoesNot()
    {
        // SCCRQ to 1701 opens Wireshark's conversation with the server on any port; a data message to another
        // port of the server then carries PPP and an IP header.
        byte[] sccrq = [0xC8, 0x02, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x08, 0, 0, 0, 0, 0, 1];
        var data = TunnelFrames.L2tp([0xFF, 0x03, 0x00, 0x21, .. TunnelFrames.InnerIpv4]);
        var frames = LoginFrames.Complete(38562)
            .Append(LoginFrames.FromSkypePort(38562, Server, 1701, sccrq))
            .Append(LoginFrames.FromSkypePort(38562, Server, 40000, data));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-l2tp-conversation");

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L, 4L]);
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L, 4L, 5L]);
    }

    [SkippableFact]
    public void VxlanToATftpServer_PluginSeesTftp_AnalyzerSeesVxlan()
    {
        // A read request to 69 opens Wireshark's TFTP conversation with the server on any port; a later VXLAN
        // datagram to the same server's 4789 goes to TFTP first.
        byte[] rrq = [0, 1, .. Ascii("boot"), 0, .. Ascii("octet"), 0];
        var frames = LoginFrames.Complete(38562)
            .Append(LoginFrames.FromSkypePort(38562, Server, 69, rrq))
            .Append(LoginFrames.FromSkypePort(38562, Server, 4789, Vxlan));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-tftp-conversation");

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L, 4L, 5L]);
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L, 4L]);
    }

    [SkippableFact]
    public void CapwapData_PluginSeesTheInnerIp_AnalyzerTags()
    {
        // CAPWAP data (5247): preamble 0, HLEN 2 words, WBID 1, T 0 (an 802.3 frame follows), no fragment.
        byte[] capwap = [0, 0x10, 0x02, 0, 0, 0, 0, 0, .. Ethernet(TunnelFrames.InnerIpv4)];
        var frames = LoginFrames.Complete(38562).Append(LoginFrames.FromSkypePort(38562, Server, 5247, capwap));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-capwap");

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L]);
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L, 4L]);
    }

    [SkippableFact]
    public void AmtMulticastData_PluginSeesTheInnerIp_AnalyzerTags()
    {
        // AMT (2268) message type 6, multicast data: version 0, type 6, a reserved byte, then an IP packet.
        byte[] amt = [0x06, 0, .. Ipv4("10.0.0.1", "232.1.1.1", Udp, UdpSegment(1000, 2000, [1, 2, 3]))];
        var frames = LoginFrames.Complete(38562).Append(LoginFrames.FromSkypePort(38562, Server, 2268, amt));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-amt");

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L]);
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L, 4L]);
    }
}
