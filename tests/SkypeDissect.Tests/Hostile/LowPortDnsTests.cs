using SkypeDissect.Tests.Analyzer;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 2: Wireshark tries the lower UDP port first, so a DNS query from client port 7, 13, 19, 37
/// or 49 is echo, daytime, chargen, time or TACACS there: no DNS name, no answer learned. Port 52 has no
/// dissector, so port 53 decides and the exchange is login DNS (docs/tagging.md section 1).
/// </summary>
public sealed class LowPortDnsTests
{
    private const string Answered = "203.0.113.7"; // outside every Table I network: tagged only once learned

    [SkippableTheory]
    [InlineData(7, false)]
    [InlineData(13, false)]
    [InlineData(19, false)]
    [InlineData(37, false)]
    [InlineData(49, false)]
    [InlineData(52, true)]
    [InlineData(0, true)]
    public void QueryFromLowClientPort_DnsOnlyWhenNoLowerDissector_ByBoth(int clientPort, bool isDns)
    {
        byte[][] frames =
        [
            Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, LoginFrames.Resolver, Packets.Udp, Packets.UdpSegment(clientPort, 53, Dns.Query("dsn4.d.skype.net")))),
            Packets.Ethernet(Packets.Ipv4(LoginFrames.Resolver, LoginFrames.Client, Packets.Udp, Packets.UdpSegment(53, clientPort, Dns.Response("dsn4.d.skype.net", Answered)))),
            Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, Answered, Packets.Udp, Packets.UdpSegment(38562, 33033, LoginFrames.Probe))),
        ];

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), $"dns-from-port-{clientPort}");

        r.ShouldAgree($"DNS from client port {clientPort}");
        r.AnalyzerFrames.Should().Equal(isDns ? [1, 2, 3] : [], "the probe is tagged only when the answer was learned");
    }
}
