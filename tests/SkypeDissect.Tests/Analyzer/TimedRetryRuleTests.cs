using SkypeDissect.Analyzer;
using SkypeDissect.Model;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>
/// timed-retry (docs/tagging.md 3.6) with the 7.7.3 set: peer-retry, a second TCP connection to the same address and
/// port (1024-65535) from another client port 1.0-1.7 s after the first, once the client's login completed; the other
/// connection carries the tag from then on; peer-fallback, tcp/443 of the same peer within 3 s. Each case is a capture
/// of its own (<see cref="Cases"/>), which <c>TimedRetryParityTests</c> also runs through the plugin.
/// </summary>
public class TimedRetryRuleTests
{
    private const string Peer = "71.238.7.203";
    private const int PeerPort = 18767;

    public static readonly TagOptions Only773 = new() { EnabledVersions = new HashSet<string>(StringComparer.Ordinal) { "7.7.3" } };

    /// <summary>The captures of the tests below by name; all but "no-login" and "before-state" start with <see cref="Login"/>.</summary>
    internal static IReadOnlyDictionary<string, TestFrame[]> Cases { get; } = new Dictionary<string, TestFrame[]>(StringComparer.Ordinal)
    {
        ["retry"] =
        [
            .. Login(0),
            Syn(10, 51289),                                          // 7: the first connection: nothing Skype's yet
            Tcp(10.2, Peer, PeerPort, Client, 51289, Packets.SynAck), // 8
            Data(10.3, 51289),                                       // 9
            Syn(11.112, 51292),                                      // 10: the second, 1.112 s after 7
            Reply(11.2, 51289),                                      // 11: the first connection, by flow memory
            Tcp(11.3, Peer, PeerPort, Client, 51292, Packets.SynAck), // 12: the second, by flow memory
        ],
        ["delay-0.99"] = Pair(0.99),
        ["delay-1.0"] = Pair(1.0),
        ["delay-1.601"] = Pair(1.601),
        ["delay-1.7"] = Pair(1.7),
        ["delay-1.71"] = Pair(1.71),
        ["delay-4.113"] = Pair(4.113),
        ["same-port"] = [.. Login(0), Syn(10, 51289), Syn(11.1, 51289), Syn(12.2, 51289)],

        // 80.121.84.93 in the real capture: neither connection is answered; both are retransmitted every second.
        ["retransmissions"] = [.. Login(0), Syn(10, 51303), Syn(11.008, 51303), Syn(11.6, 51306), Syn(12.014, 51303), Syn(12.606, 51306)],
        ["elsewhere"] =
        [
            .. Login(0),
            Syn(10, 51289),
            Syn(11.1, 51290, Peer, PeerPort + 1),
            Syn(11.2, 51291, "71.238.7.204"),
            Syn(11.3, 51292, Peer, PeerPort, "192.168.1.35"),
        ],
        ["well-known"] = [.. Login(0), Syn(10, 51289, Peer, 443), Syn(11.1, 51292, Peer, 443), Syn(20, 51293, Peer, 1023), Syn(21.1, 51294, Peer, 1023)],
        ["no-login"] = [Syn(10, 51289), Syn(11.1, 51292)],
        ["not-complete"] = [Tcp(0, Client, 51229, LoginServer, 40008, Packets.Syn), Syn(10, 51289), Syn(11.1, 51292)],

        // The first SYN comes before the client has login state: only connections from then on are kept.
        ["before-state"] = [Syn(0, 51289), .. Login(0.5), Syn(1.6, 51292)],

        // 10 and 11.6 pair (1.6 s); 11.6 and 15 do not (3.4 s); 15 and 16.1 pair again.
        ["third"] = [.. Login(0), Syn(10, 51289), Syn(11.6, 51292), Syn(15, 51295), Syn(16.1, 51298)],

        // The first connection opens with the fake TLS record (supernode-opener); the retry's tag does not replace it.
        ["other-tag"] =
        [
            .. Login(0),
            Syn(10, 51289),
            Tcp(10.1, Client, 51289, Peer, PeerPort, Packets.Data, [0x16, 0x03, 0x01, 0x00, 0x00]),
            Syn(11.6, 51292),
            Reply(11.7, 51289),
        ],
        ["fallback"] = [.. Login(0), Syn(10, 51303), Syn(11.601, 51306), Syn(13.214, 51308, Peer, 443), Syn(16, 51309, Peer, 443)],

        // A new login later; a SYN from one of the two ports is a retransmission while the entry is kept (2,991 s
        // unused), a new connection once it is forgotten (3,691 s unused, docs/tagging.md 4).
        ["idle-kept"] = [.. Login(0), Syn(10, 51289), Syn(11.1, 51292), .. Relogin(3000), Syn(3002, 51292)],
        ["idle-expired"] = [.. Login(0), Syn(10, 51289), Syn(11.1, 51292), .. Relogin(3700), Syn(3702, 51292)],
    };

    [Fact]
    public void SecondConnection_1_112sLater_IsTagged_AndTheFirstFromThenOn()
    {
        var tagged = RunCase("retry");

        Lines(tagged.Where(t => t.Tag.Frame > 6)).Should().Equal("10 8 peer peer-retry", "11 8 peer peer-retry", "12 8 peer peer-retry");
        tagged.Single(t => t.Tag.Frame == 10).FromFlow.Should().BeFalse();
        tagged.Single(t => t.Tag.Frame == 11).Should().Match<TaggedFrame>(t => t.FromFlow && t.Client == Client && t.ClientPort == 51289);
    }

    [Theory]
    [InlineData("delay-0.99", false)]
    [InlineData("delay-1.0", true)]
    [InlineData("delay-1.601", true)]
    [InlineData("delay-1.7", true)]
    [InlineData("delay-1.71", false)]
    [InlineData("delay-4.113", false)]
    public void Delay_BetweenTheFirstSyns_FromMinToMax(string name, bool tagged)
    {
        AfterLogin(name).Should().Equal(tagged ? ["8 8 peer peer-retry"] : []);
    }

    [Fact]
    public void RetransmittedSyn_OfTheSameConnection_IsNoSecondConnection() => AfterLogin("same-port").Should().BeEmpty();

    [Fact]
    public void RetransmittedSyns_OfEitherConnection_AfterTheRetry_AreTagged_TheFirstSynsBeforeItNot()
    {
        AfterLogin("retransmissions").Should().Equal("9 8 peer peer-retry", "10 8 peer peer-retry", "11 8 peer peer-retry");
    }

    [Fact]
    public void AnotherPort_AnotherAddress_OrAnotherClient_IsNoRetry() => AfterLogin("elsewhere").Should().BeEmpty();

    [Fact]
    public void WellKnownPorts_AreNotEndpoints() => AfterLogin("well-known").Should().BeEmpty();

    [Fact]
    public void WithoutLogin_OrBeforeItCompleted_NothingIsTagged()
    {
        // A host that never logs in keeps no connections at all; a client whose login has not completed fails the gate.
        Lines(RunCase("no-login")).Should().BeEmpty();
        Lines(RunCase("not-complete")).Should().Equal("1 1 login-server login-range");
    }

    [Fact]
    public void ConnectionsBeforeTheLoginState_AreNotKept()
    {
        Lines(RunCase("before-state")).Should().HaveCount(6).And.OnlyContain(l => l.Contains(" login-server ", StringComparison.Ordinal));
    }

    [Fact]
    public void ThirdConnection_PairsWithTheSecond() => AfterLogin("third").Should().Equal("8 8 peer peer-retry", "10 8 peer peer-retry");

    [Fact]
    public void EarlierConnection_TaggedByAnotherRule_KeepsItsTag()
    {
        AfterLogin("other-tag").Should().Equal("8 2 supernode supernode-opener", "9 8 peer peer-retry", "10 2 supernode supernode-opener");
    }

    [Fact]
    public void Https_ToTheSamePeer_AfterTheRetry_IsThePeerFallback()
    {
        AfterLogin("fallback").Should().Equal("8 8 peer peer-retry", "9 8 peer peer-fallback");
    }

    [Fact]
    public void Idle_TwoConnectionsForgotten_AfterAnHourWithoutASyn()
    {
        AfterLogin("idle-kept").Should().HaveCount(9).And.StartWith("8 8 peer peer-retry").And.EndWith("16 8 peer peer-retry");
        AfterLogin("idle-expired").Should().HaveCount(8, "frame 16 is a new connection: nothing pairs with it").And.StartWith("8 8 peer peer-retry");
    }

    internal static List<TaggedFrame> RunCase(string name) => Run(Signatures.Default, Only773, Cases[name]);

    /// <summary>The frames after the six of the login, as "frame step group rule" lines.</summary>
    private static List<string> AfterLogin(string name) => Lines(RunCase(name).Where(t => t.Tag.Frame > 6));

    /// <summary>A channel with a login server whose second exchange is answered: the login completes (six frames, all login-server).</summary>
    private static TestFrame[] Login(double t) =>
    [
        Tcp(t, Client, 51229, LoginServer, 40008, Packets.Syn, seq: 1000),
        Tcp(t + 0.1, LoginServer, 40008, Client, 51229, Packets.SynAck, seq: 5000, ack: 1001),
        Tcp(t + 0.2, Client, 51229, LoginServer, 40008, Packets.Data, new byte[50], seq: 1001, ack: 5001),
        Tcp(t + 0.3, LoginServer, 40008, Client, 51229, Packets.Data, new byte[103], seq: 5001, ack: 1051),
        Tcp(t + 0.4, Client, 51229, LoginServer, 40008, Packets.Data, new byte[8], seq: 1051, ack: 5104),
        Tcp(t + 0.5, LoginServer, 40008, Client, 51229, Packets.Data, new byte[8], seq: 5104, ack: 1059),
    ];

    /// <summary>A login long after the first: a UDP probe to a login server (a new round on the ladder), then the channel.</summary>
    private static TestFrame[] Relogin(double t) => [Udp(t, Client, 13021, LoginServer, 33033), .. Login(t + 0.5)];

    private static TestFrame[] Pair(double delay) => [.. Login(0), Syn(10, 51289), Syn(10 + delay, 51292)];

    private static TestFrame Syn(double t, int clientPort, string server = Peer, int serverPort = PeerPort, string client = Client) =>
        Tcp(t, client, clientPort, server, serverPort, Packets.Syn);

    private static TestFrame Data(double t, int clientPort) => Tcp(t, Client, clientPort, Peer, PeerPort, Packets.Data, new byte[85]);

    private static TestFrame Reply(double t, int clientPort) => Tcp(t, Peer, PeerPort, Client, clientPort, Packets.Data, new byte[52]);
}
