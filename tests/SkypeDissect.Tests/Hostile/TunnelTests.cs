namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 1: a UDP tunnel from the client's Skype port after a login. Wireshark dissects the inner
/// packet, so a frame with a tunnelled IP header holds two and neither implementation tags it (docs/tagging.md
/// section 1: tunnels are never tagged); a tunnel frame whose inner packet has no IP header is an ordinary
/// datagram of the Skype port and tagged by both.
/// </summary>
public sealed class TunnelTests
{
    public static TheoryData<string> Tunnels() => [.. TunnelFrames.All.Select(t => t.Name)];

    [SkippableTheory]
    [MemberData(nameof(Tunnels))]
    public void TunnelFromSkypePort_InnerIpUntagged_OtherPayloadTagged_ByBoth(string name)
    {
        var (_, port, withIp, withoutIp) = TunnelFrames.All.Single(t => t.Name == name);
        var frames = LoginFrames.Complete(38562)
            .Append(LoginFrames.FromSkypePort(38562, "114.80.42.9", port, withIp))
            .Append(LoginFrames.FromSkypePort(38562, "114.80.42.10", port, withoutIp));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "tunnel-" + name);

        r.ShouldAgree(name + " from the Skype port");
        r.AnalyzerFrames.Should().Equal([1, 2, 3, 5], "frame 4 carries a second IP header, frame 5 none");
    }

    [SkippableFact]
    public void TunnelPortBelowDnsPort_DnsWins_ByBoth()
    {
        // The lower port decides: a DNS query from port 53 to the VXLAN port is DNS.
        byte[] query = [.. Analyzer.Packets.Ethernet(Analyzer.Packets.Ipv4(LoginFrames.Client, LoginFrames.Resolver, Analyzer.Packets.Udp,
            Analyzer.Packets.UdpSegment(53, 4789, Analyzer.Dns.Query("dsn4.d.skype.net"))))];

        var r = ParityCheck.Run(ParityCheck.Ethernet([query]), "tunnel-port-dns");

        r.ShouldAgree("port 53 is lower than 4789");
        r.Analyzer.Select(t => t.Rule).Should().Equal(["login-dns"]);
    }
}
