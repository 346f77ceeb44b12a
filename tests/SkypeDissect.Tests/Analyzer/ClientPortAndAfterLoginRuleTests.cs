using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>client-port and after-login rules, which need a client's login state.</summary>
public class ClientPortAndAfterLoginRuleTests
{
    private const int SkypePort = 13021;

    /// <summary>A UDP login attempt (teaches the Skype port) and the server's answer on a channel (completes the login).</summary>
    private static TestFrame[] Login(double t) =>
    [
        Udp(t, Client, SkypePort, LoginServer, 33033),
        Tcp(t + 0.5, LoginServer, 40009, Client, 51229, Packets.SynAck),
    ];

    [Fact]
    public void ClientPort_FirstFourRemotesAreSupernodes_ThenPeers()
    {
        var tagged = Run(
        [
            .. Login(0),
            Udp(2, Client, SkypePort, "1.1.1.1", 40022),
            Udp(3, Client, SkypePort, "1.1.1.2", 5000),
            Udp(4, "1.1.1.3", 7000, Client, SkypePort),
            Udp(5, Client, SkypePort, "1.1.1.4", 5000),
            Udp(6, Client, SkypePort, "1.1.1.5", 5000),
            Udp(7, Client, SkypePort, "1.1.1.1", 40022),
            Udp(8, Client, 9999, "1.1.1.6", 5000),
        ]);

        Lines(tagged.Skip(2)).Should().Equal(
            "3 2 supernode supernode-udp", "4 2 supernode supernode-udp", "5 2 supernode supernode-udp",
            "6 2 supernode supernode-udp", "7 8 peer peer-udp", "8 2 supernode supernode-udp");
        tagged[4].Client.Should().Be(Client);
    }

    [Fact]
    public void ClientPort_BeforeTheLoginCompleted_IsNotTagged()
    {
        Run(Udp(0, Client, SkypePort, LoginServer, 33033), Udp(1, Client, SkypePort, "1.1.1.1", 5000)).Should().HaveCount(1);
    }

    [Fact]
    public void ClientPort_TcpOnTheSkypePort_IsNotClientPort()
    {
        Run([.. Login(0), Tcp(2, Client, SkypePort, "1.1.1.1", 5000, Packets.Syn)]).Should().HaveCount(2);
    }

    [Fact]
    public void ClientPort_OnlyTheLearnedPort()
    {
        Run([.. Login(0), Udp(2, Client, SkypePort + 1, "1.1.1.1", 5000)]).Should().HaveCount(2);
    }

    [Fact]
    public void AfterLogin_TcpTo33033_IsTheSkypeServerOnceLoggedIn_ButALoginServerStaysStep1()
    {
        var tagged = Run(
        [
            Tcp(0, Client, 51300, "10.9.9.9", 33033, Packets.Syn),
            .. Login(1),
            Tcp(2, Client, 51301, "10.9.9.9", 33033, Packets.Syn),
            Tcp(3, Client, 51302, LoginServer, 33033, Packets.Syn),
        ]);

        Lines(tagged).Should().Equal(
            "2 1 login-server login-range", "3 1 login-server login-range", "4 2 skype-server skype-server", "5 1 login-server login-range");
    }

    [Fact]
    public void AfterLogin_ClientAsDestination_IsFound()
    {
        var tagged = Run([.. Login(0), Tcp(2, "10.9.9.9", 33033, Client, 51301, Packets.SynAck)]);

        tagged[2].Should().Match<SkypeDissect.Analyzer.TaggedFrame>(t => t.Tag.Rule == "skype-server" && t.Client == Client);
    }

    [Fact]
    public void LoginCompleteGate_ExpiresAfterTheWindow()
    {
        var tagged = Run([.. Login(0), Udp(120.5, Client, SkypePort, "1.1.1.1", 5000), Udp(120.6, Client, SkypePort, "1.1.1.2", 5000)]);

        Lines(tagged.Skip(2)).Should().Equal("3 2 supernode supernode-udp");
    }

    [Fact]
    public void PresenceRange_NewChannelAfterCompletion_IsStepFour()
    {
        var tagged = Run([.. Login(0), Tcp(2, Client, 51400, "157.55.235.147", 40001, Packets.Syn)]);

        tagged[2].Tag.Rule.Should().Be("presence-range");
    }

    [Fact]
    public void PresenceLearned_BeatsPresenceRange_ForAnAnsweredServer()
    {
        var tagged = Run([DnsAnswer(0, "dsn1.d.skype.net", LoginServer), .. Login(1), Tcp(3, Client, 51400, LoginServer, 40002, Packets.Syn)]);

        Lines(tagged).Should().Equal(
            "1 1 login-server login-dns", "2 1 login-server login-learned", "3 1 login-server login-learned", "4 4 presence presence-learned");
    }
}
