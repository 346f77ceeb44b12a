using SkypeDissect.Analyzer;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>The login state machine of docs/tagging.md section 4: rounds, fall-back stages, completion.</summary>
public class LoginStateTests
{
    private const string OtherServer = "65.55.223.18";

    private static string Describe(TaggedFrame t) => t.Login is null ? $"{t.Tag.Frame} {t.Tag.Rule}" :
        $"{t.Tag.Frame} round {t.Login?.Round} {t.Login?.Stage ?? "-"} {(t.Login?.Complete is null ? "open" : "complete")}"
        + (t.Expert is null ? "" : $" [{t.Expert.Kind}: {t.Expert.Message}]");

    [Fact]
    public void Ladder_FallsBackRetriesAndCompletes()
    {
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033),
            Udp(0.1, Client, 13021, OtherServer, 33033),
            Tcp(1, Client, 51000, LoginServer, 33033, Packets.Syn),
            Tcp(2, Client, 51001, LoginServer, 80, Packets.Syn),
            Tcp(2.5, Client, 51002, OtherServer, 80, Packets.Syn),
            Tcp(3, Client, 51003, LoginServer, 443, Packets.Syn),
            Udp(3.5, Client, 13022, LoginServer, 33033),
            Udp(20, Client, 13023, LoginServer, 33033),
            Tcp(21, LoginServer, 40009, Client, 51229, Packets.SynAck),
            Tcp(22, Client, 51004, LoginServer, 443, Packets.Syn),
            Tcp(23, LoginServer, 40010, Client, 51230, Packets.SynAck),
            Udp(60, Client, 13024, LoginServer, 33033));

        tagged.Select(Describe).Should().Equal(
            "1 round 1 udp-33033 open",
            "2 round 1 udp-33033 open",
            "3 round 1 tcp-33033 open [Fallback: Fall-back to tcp-33033]",
            "4 round 1 tcp-80 open [Fallback: Fall-back to tcp-80]",
            "5 round 1 tcp-80 open",
            "6 round 1 tcp-443 open [Fallback: Fall-back to tcp-443]",
            "7 round 1 tcp-443 open",
            "8 round 2 udp-33033 open [Retry: Retry round 2]",
            "9 round 2 udp-33033 complete [Complete: Login complete]",
            "10 round 2 udp-33033 complete",
            "11 presence-range", // a further channel once logged in is step 4, not login traffic
            "12 round 2 udp-33033 complete");
    }

    [Fact]
    public void SkypePort_IsTheSourcePortOfTheLatestUdpAttempt()
    {
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033),
            Udp(1, Client, 13022, LoginServer, 33033),
            Tcp(2, LoginServer, 40009, Client, 51229, Packets.SynAck),
            Udp(3, Client, 13021, "1.1.1.1", 5000),
            Udp(4, Client, 13022, "1.1.1.1", 5000));

        Lines(tagged.Skip(3)).Should().Equal("5 2 supernode supernode-udp");
    }

    [Fact]
    public void Dns_StartsAStateButIsNoAttempt()
    {
        var tagged = Run(DnsQuery(0, "dsn1.d.skype.net"), Udp(5, Client, 13021, LoginServer, 33033));

        tagged.Select(Describe).Should().Equal("1 round 0 - open", "2 round 1 udp-33033 open");
        tagged[1].Login!.Value.Start.Should().Be(0);
    }

    [Fact]
    public void ServerToClientOnAChannel_WithoutState_CompletesNothing()
    {
        var tagged = Run(Tcp(0, LoginServer, 40009, Client, 51229, Packets.SynAck));

        tagged.Single().Should().Match<TaggedFrame>(t => t.Expert == null && t.Login == null);
    }

    [Fact]
    public void ServerToClientOnALadderPort_IsNoCompletion()
    {
        var tagged = Run(Udp(0, Client, 13021, LoginServer, 33033), Udp(0.2, LoginServer, 33033, Client, 13021));

        tagged[1].Login!.Value.Complete.Should().BeNull();
    }

    [Fact]
    public void Completion_IsReportedOnce()
    {
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033),
            Tcp(1, LoginServer, 40009, Client, 51229, Packets.SynAck),
            Tcp(2, LoginServer, 40009, Client, 51229, Packets.Data));

        tagged.Count(t => t.Expert?.Kind == ExpertKind.Complete).Should().Be(1);
    }

    [Fact]
    public void AttemptAfterTheWindowOfACompletedLogin_StartsAFreshLogin()
    {
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033),
            Tcp(1, LoginServer, 40009, Client, 51229, Packets.SynAck),
            Udp(121.5, Client, 13021, LoginServer, 33033),
            Tcp(122, Client, 51500, LoginServer, 443, Packets.Syn));

        tagged.Skip(2).Select(Describe).Should().Equal(
            "3 round 1 udp-33033 open", "4 round 1 tcp-443 open [Fallback: Fall-back to tcp-443]");
        tagged[2].Login!.Value.Start.Should().Be(121.5);
    }

    [Fact]
    public void RetryGap_IsMeasuredFromTheLastAttempt()
    {
        var tagged = Run(
            Udp(0, Client, 13021, LoginServer, 33033),
            Udp(9.9, Client, 13021, LoginServer, 33033),
            Udp(19.8, Client, 13021, LoginServer, 33033),
            Udp(29.8, Client, 13021, LoginServer, 33033));

        tagged.Select(t => t.Login!.Value.Round).Should().Equal(1, 1, 1, 2);
    }
}
