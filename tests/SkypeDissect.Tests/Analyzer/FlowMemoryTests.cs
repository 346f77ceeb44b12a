using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>Flow memory (docs/tagging.md section 2, step 1): a tagged TCP connection keeps its tag.</summary>
public class FlowMemoryTests
{
    [Fact]
    public void TaggedConnection_KeepsItsTagInBothDirections()
    {
        var tagged = Run(
            Tcp(0, Client, 51000, LoginServer, 443, Packets.Syn),
            Tcp(0.1, LoginServer, 443, Client, 51000, Packets.SynAck),
            Tcp(0.2, Client, 51000, LoginServer, 443, Packets.AckFlag));

        Lines(tagged).Should().Equal("1 1 login-server login-range", "2 1 login-server login-range", "3 1 login-server login-range");
        tagged.Select(t => t.FromFlow).Should().Equal(false, true, true);
    }

    [Fact]
    public void FlowTag_OutlivesTheGateThatAllowedIt()
    {
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033),
            Tcp(1, LoginServer, 40009, Client, 51229, Packets.SynAck),
            Tcp(2, Client, 51301, "10.9.9.9", 33033, Packets.Syn),
            Tcp(500, Client, 51301, "10.9.9.9", 33033, Packets.Data));

        Lines(tagged.Skip(2)).Should().Equal("3 2 skype-server skype-server", "4 2 skype-server skype-server");
    }

    [Fact]
    public void SynWithoutAck_ForgetsTheTagAndJudgesAfresh()
    {
        var get = Packets.Ascii("GET /getlatestversion HTTP/1.1\r\n");
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033), // a login of the host: update-http is gated on it
            Tcp(0, Client, 51000, "204.9.163.247", 80, Packets.Data, get),
            Tcp(1, Client, 51000, "204.9.163.247", 80, Packets.Syn),
            Tcp(2, Client, 51000, "204.9.163.247", 80, Packets.AckFlag));

        Lines(tagged.Skip(1)).Should().Equal("2 5 version-update update-http");
    }

    [Fact]
    public void SynWithoutAck_OnARuleMatch_StartsTheNewConnectionTagged()
    {
        var tagged = Run(
            Tcp(0, Client, 51000, LoginServer, 443, Packets.Syn),
            Tcp(1, Client, 51000, LoginServer, 443, Packets.Syn));

        tagged.Select(t => t.FromFlow).Should().Equal(false, false);
    }

    [Fact]
    public void UdpFrames_HaveNoFlowMemory()
    {
        var tagged = Run(
            DnsQuery(0, "dsn1.d.skype.net", clientPort: 6000),
            Udp(1, Client, 6000, Resolver, 53, Dns.Query("example.org")));

        tagged.Should().HaveCount(1);
    }
}
