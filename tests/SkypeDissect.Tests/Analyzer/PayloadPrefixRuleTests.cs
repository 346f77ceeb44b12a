using SkypeDissect.Analyzer;
using SkypeDissect.Tests.Support;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>payload-prefix (docs/tagging.md 3.3) with the test model: opener-443 (80 46 01 03 01 on tcp/443, no
/// gate) and supernode-opener (16 03 01 00 00, exactly 5 bytes, any port, login-complete).</summary>
public class PayloadPrefixRuleTests
{
    private const string Server = "203.0.113.5";
    private static readonly byte[] Sslv2Hello = [0x80, 0x46, 0x01, 0x03, 0x01, 0x00, 0x2d, 0x00, 0x00, 0x00, 0x10];
    private static readonly byte[] FakeTls = [0x16, 0x03, 0x01, 0x00, 0x00];

    private static List<TaggedFrame> RunKinds(params TestFrame[] frames) => Run(KindsTestModel.Model, null, frames);

    /// <summary>A UDP login attempt and the login server's SYN-ACK on a channel port: the login is complete.</summary>
    private static TestFrame[] Login(double t) =>
    [
        Udp(t, Client, 13021, LoginServer, 33033),
        Tcp(t + 0.5, LoginServer, 40009, Client, 51229, Packets.SynAck),
    ];

    private static TestFrame[] Handshake(double t, int port, int serverPort = 443) =>
    [
        Tcp(t, Client, port, Server, serverPort, Packets.Syn),
        Tcp(t + 0.1, Server, serverPort, Client, port, Packets.SynAck),
        Tcp(t + 0.2, Client, port, Server, serverPort, Packets.AckFlag),
    ];

    [Fact]
    public void FirstPayloadWithPrefix_TagsFromThereOn_ClientIsTheSender()
    {
        var tagged = RunKinds(
        [
            .. Handshake(0, 50000),
            Tcp(0.3, Client, 50000, Server, 443, Packets.Data, Sslv2Hello),
            Tcp(0.4, Server, 443, Client, 50000, Packets.Data, [1, 2, 3]),
            Tcp(0.5, Client, 50000, Server, 443, Packets.Data, Sslv2Hello),
        ]);

        Lines(tagged).Should().Equal("4 2 skype-server opener-443", "5 2 skype-server opener-443", "6 2 skype-server opener-443");
        tagged[0].Client.Should().Be(Client);
        tagged[1].FromFlow.Should().BeTrue();
    }

    [Fact]
    public void PrefixOnTheSecondPayload_IsNotTagged()
    {
        RunKinds(
        [
            .. Handshake(0, 50000),
            Tcp(0.3, Client, 50000, Server, 443, Packets.Data, [0x17, 0x03, 0x01]),
            Tcp(0.4, Client, 50000, Server, 443, Packets.Data, Sslv2Hello),
        ]).Should().BeEmpty();
    }

    [Fact]
    public void ServerSpeaksFirst_TheClientsFirstPayloadStillCounts()
    {
        var tagged = RunKinds(
        [
            .. Handshake(0, 50000),
            Tcp(0.3, Server, 443, Client, 50000, Packets.Data, [0x80, 0x46, 0x01, 0x03, 0x01]),
            Tcp(0.4, Client, 50000, Server, 443, Packets.Data, Sslv2Hello),
        ]);

        Lines(tagged).Should().Equal("5 2 skype-server opener-443");
    }

    [Fact]
    public void OtherServerPort_IsNotTagged()
    {
        RunKinds([.. Handshake(0, 50000, 8443), Tcp(0.3, Client, 50000, Server, 8443, Packets.Data, Sslv2Hello)]).Should().BeEmpty();
    }

    [Fact]
    public void PortReuse_ANewSynStartsANewFirstPayload()
    {
        var tagged = RunKinds(
        [
            .. Handshake(0, 50000),
            Tcp(0.3, Client, 50000, Server, 443, Packets.Data, [0x17]),
            .. Handshake(5, 50000),
            Tcp(5.3, Client, 50000, Server, 443, Packets.Data, Sslv2Hello),
        ]);

        Lines(tagged).Should().Equal("8 2 skype-server opener-443");
    }

    [Theory]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x00 }, true)]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00, 0x00, 0x00 }, false)]
    [InlineData(new byte[] { 0x16, 0x03, 0x01, 0x00 }, false)]
    [InlineData(new byte[] { 0x17, 0x03, 0x01, 0x00, 0x00 }, false)]
    public void ExactLength_OnAnyPortAfterTheLogin(byte[] payload, bool tagged)
    {
        var frames = RunKinds([.. Login(0), .. Handshake(1, 50000, 13392), Tcp(1.3, Client, 50000, Server, 13392, Packets.Data, payload)]);

        Lines(frames.Skip(2)).Should().Equal(tagged ? ["6 2 supernode supernode-opener"] : []);
    }

    [Fact]
    public void AnyPort_BeforeTheLogin_IsNotTagged_AndTheFirstPayloadIsSpent()
    {
        var tagged = RunKinds(
        [
            .. Handshake(0, 50000, 13392),
            Tcp(0.3, Client, 50000, Server, 13392, Packets.Data, FakeTls),
            .. Login(1),
            Tcp(2, Client, 50000, Server, 13392, Packets.Data, FakeTls),
        ]);

        Lines(tagged).Should().Equal("5 1 login-server login-range", "6 1 login-server login-range");
    }
}
