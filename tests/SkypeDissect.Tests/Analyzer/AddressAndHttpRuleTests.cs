using SkypeDissect.Analyzer;
using SkypeDissect.Model;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>address-range and http-request rules: evidence from the frame alone.</summary>
public class AddressAndHttpRuleTests
{
    [Theory]
    [InlineData("157.56.52.12")]
    [InlineData("157.56.52.34")]
    [InlineData("111.221.74.38")]
    [InlineData("213.199.179.166")]
    public void AddressRange_TableOneServerOnLoginPort_IsLoginServer(string server)
    {
        var tagged = Run(Udp(1, Client, 13021, server, 33033)).Single();

        (tagged.Tag.Rule, tagged.Client, tagged.Server).Should().Be(("login-range", Client, server));
    }

    private static readonly TagOptions PaperOnly = new() { EnabledVersions = new HashSet<string>(StringComparer.Ordinal) { "6.3.0.197", "5.6.0.106" } };

    [Theory]
    [InlineData("157.56.52.35", 33033)] // outside the host range
    [InlineData("157.56.52.11", 33033)]
    [InlineData("157.56.52.20", 22)] // not a login endpoint
    [InlineData("157.56.52.20", 40048)]
    public void AddressRange_OutsideRangeOrEndpoint_IsNotTagged(string server, int port)
    {
        // Table I's host ranges are the paper's; 7.7.3 covers the whole /24 (tested with the real capture's variants).
        Run(Signatures.Default, PaperOnly, Tcp(1, Client, 51000, server, port, Packets.Syn)).Should().BeEmpty();
    }

    [Fact]
    public void AddressRange_UdpOnATcpOnlyPort_IsNotTagged()
    {
        Run(Udp(1, Client, 13021, LoginServer, 443)).Should().BeEmpty();
    }

    [Fact]
    public void AddressRange_ServerAsSource_ClientIsTheDestination()
    {
        var tagged = Run(Udp(1, LoginServer, 33033, Client, 13021)).Single();

        (tagged.Client, tagged.ClientPort, tagged.ServerPort).Should().Be((Client, 13021, 33033));
    }

    [Fact]
    public void AddressRange_BothEndsServers_DestinationIsTheServer()
    {
        var tagged = Run(Udp(1, "157.56.52.13", 33033, LoginServer, 33033)).Single();

        tagged.Server.Should().Be(LoginServer);
    }

    [Fact]
    public void AddressRange_Ipv6_NeverMatches()
    {
        var frame = new TestFrame(1, Packets.Ethernet(
            Packets.Ipv6("2001:db8::1", "::ffff:157.56.52.28", Packets.Udp, Packets.UdpSegment(13021, 33033, [1])), 0x86DD));

        Run(frame).Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET /ui/0/6.3.0.197/en/getlatestversion?ver=6.3 HTTP/1.1\r\nHost: ui.skype.com\r\n\r\n", true)]
    [InlineData("GET /ui/0/6.3.0.197/en/GetLatestVersion HTTP/1.1\r\n", true)]
    [InlineData("GET /getlatestversion", true)] // no line end: the line is what is there
    [InlineData("get /getlatestversion HTTP/1.1\r\n", false)] // methods are case-sensitive
    [InlineData("POST /getlatestversion HTTP/1.1\r\n", false)]
    [InlineData("GET / HTTP/1.1\r\nX: getlatestversion\r\n", false)] // only the first line counts
    [InlineData("GET / HTTP/1.1\ngetlatestversion\r\n", false)]
    [InlineData("GET\t/getlatestversion HTTP/1.1\r\n", false)]
    public void HttpRequest_FirstLine(string payload, bool tagged)
    {
        var frames = Run(LoginProbe, Tcp(1, Client, 51000, "204.9.163.247", 80, Packets.Data, Packets.Ascii(payload)));

        Lines(frames.Skip(1)).Should().Equal(tagged ? ["2 5 version-update update-http"] : []);
    }

    // update-http is gated on a login of the same host (login-seen): a UDP probe to a Table I server starts one.
    private static readonly TestFrame LoginProbe = Udp(0, Client, 13021, LoginServer, 33033);

    [Fact]
    public void HttpRequest_WithoutALoginOfTheHost_IsNotTagged()
    {
        var get = Packets.Ascii("GET /ui/0/6.3.0.197/en/getlatestversion?ver=6.3.0.197 HTTP/1.1\r\n");

        var frames = Run(
            Udp(0, "192.168.1.50", 13021, LoginServer, 33033),
            Tcp(1, Client, 51000, "204.9.163.247", 80, Packets.Data, get),
            Udp(2, Client, 13021, LoginServer, 33033),
            Tcp(123, Client, 51001, "204.9.163.247", 80, Packets.Data, get));

        Lines(frames).Should().Equal("1 1 login-server login-range", "3 1 login-server login-range");
    }

    [Fact]
    public void HttpRequest_TextBeyondTheFirst1024Bytes_IsNotSeen()
    {
        var longLine = "GET /" + new string('a', 1024) + "getlatestversion HTTP/1.1\r\n";

        Run(Tcp(1, Client, 51000, "204.9.163.247", 80, Packets.Data, Packets.Ascii(longLine))).Should().BeEmpty();
    }

    [Fact]
    public void HttpRequest_OtherPort_IsNotTagged()
    {
        Run(Tcp(1, Client, 51000, "204.9.163.247", 8080, Packets.Data, Packets.Ascii("GET /getlatestversion HTTP/1.1\r\n"))).Should().BeEmpty();
    }

    [Fact]
    public void HttpRequest_TheAnswerFollowsThroughFlowMemory()
    {
        var tagged = Run(
            LoginProbe,
            Tcp(1, Client, 51000, "204.9.163.247", 80, Packets.Syn),
            Tcp(2, Client, 51000, "204.9.163.247", 80, Packets.Data, Packets.Ascii("GET /getlatestversion HTTP/1.1\r\n")),
            Tcp(3, "204.9.163.247", 80, Client, 51000, Packets.Data, Packets.Ascii("HTTP/1.1 200 OK\r\n")));

        Lines(tagged.Skip(1)).Should().Equal("3 5 version-update update-http", "4 5 version-update update-http");
        tagged[2].Should().Match<SkypeDissect.Analyzer.TaggedFrame>(t => t.FromFlow && t.Client == Client);
    }
}
