using System.Globalization;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Generator;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>
/// A login's completion, rounds and server as each version's procedure reads them (docs/tagging.md 4): the
/// paper's versions complete when a login server answers ("connected"), 7.7.3 when the client and the server
/// exchange on the connection, and 7.7.3's rounds are its channel openings. Analyzer and plugin alike.
/// </summary>
public sealed class LoginCompletionTests : IDisposable
{
    private const string Client = "192.168.1.30";
    private const string Server = "111.221.74.20"; // a Table I host: every version's login-range matches its channel
    private const double T = 5000;

    private static readonly IReadOnlySet<string> Only773 = new HashSet<string>(StringComparer.Ordinal) { "7.7.3" };
    private static readonly IReadOnlySet<string> Only63 = new HashSet<string>(StringComparer.Ordinal) { "6.3.0.197" };

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-completion-");

    public void Dispose() => temp.Delete(recursive: true);

    /// <summary>
    /// 1: the client names its build (7.7.3). 2-10: a channel connection like 7.7.3's stalled ones: request (5),
    /// answer acknowledging it (6, ACK 1061), the client's second message (7), an 8-byte segment from the server
    /// that does not acknowledge it (8, ACK 1061), the client's FIN (9), the server acknowledging all after the
    /// FIN (10, ACK 1070: the client had closed). 11: a channel opening 0.701 s after the first: round 2.
    /// 12: 443 to the same host 0.9 s later (7.7.3's timed fall-back): fall-back to tcp-443. 13: 11's SYN
    /// retransmitted (same ports): no round. 14-18: the connection of 11 exchanges: answer (16, ACK 2051), the
    /// second message (17), the server acknowledges it (18, ACK 2059): the login is complete.
    /// </summary>
    private static SyntheticCapture Capture() => new SyntheticCapture()
        .DnsQuery(T - 0.5, Client, 50000, "192.168.1.1", 1, "335.0.7.7.3.rst3.r.skype.net")
        .Tcp(T + 0.000, Client, 50001, Server, 40009, 0x02, seq: 1000)
        .Tcp(T + 0.100, Server, 40009, Client, 50001, 0x12, seq: 5000, ack: 1001)
        .Tcp(T + 0.101, Client, 50001, Server, 40009, 0x10, seq: 1001, ack: 5001)
        .Tcp(T + 0.102, Client, 50001, Server, 40009, 0x18, new byte[60], seq: 1001, ack: 5001)
        .Tcp(T + 0.200, Server, 40009, Client, 50001, 0x18, new byte[70], seq: 5001, ack: 1061)
        .Tcp(T + 0.201, Client, 50001, Server, 40009, 0x18, new byte[8], seq: 1061, ack: 5071)
        .Tcp(T + 0.500, Server, 40009, Client, 50001, 0x18, new byte[8], seq: 5071, ack: 1061)
        .Tcp(T + 0.600, Client, 50001, Server, 40009, 0x11, seq: 1069, ack: 5079)
        .Tcp(T + 0.700, Server, 40009, Client, 50001, 0x10, seq: 5079, ack: 1070)
        .Tcp(T + 0.701, Client, 50002, Server, 40009, 0x02, seq: 2000)
        .Tcp(T + 1.601, Client, 50003, Server, 443, 0x02, seq: 3000)
        .Tcp(T + 1.701, Client, 50002, Server, 40009, 0x02, seq: 2000)
        .Tcp(T + 1.800, Server, 40009, Client, 50002, 0x12, seq: 7000, ack: 2001)
        .Tcp(T + 1.801, Client, 50002, Server, 40009, 0x18, new byte[50], seq: 2001, ack: 7001)
        .Tcp(T + 1.900, Server, 40009, Client, 50002, 0x18, new byte[100], seq: 7001, ack: 2051)
        .Tcp(T + 1.901, Client, 50002, Server, 40009, 0x18, new byte[8], seq: 2051, ack: 7101)
        .Tcp(T + 2.000, Server, 40009, Client, 50002, 0x10, seq: 7101, ack: 2059);

    private static readonly string[] ExchangeExperts = ["11\tretry", "12\tfallback", "18\tcomplete"];

    public static TheoryData<string, string[]> Runs() => new()
    {
        // All versions: the build names 7.7.3, whose reading is shown. 7.7.3 alone: the same.
        { "all", ExchangeExperts },
        { "7.7.3", ExchangeExperts },
        // The paper's procedure: the first SYN-ACK of a channel (3) completes the login (Fig. 3, "Connected").
        { "6.3.0.197", ["3\tcomplete"] },
    };

    private static IReadOnlySet<string>? Versions(string run) => run switch
    {
        "7.7.3" => Only773,
        "6.3.0.197" => Only63,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Analyzer_Experts(string run, string[] experts)
    {
        var frames = CaptureTagger.Analyze(new MemoryStream(Capture().ToPcap()), Signatures.Default, new TagOptions { EnabledVersions = Versions(run) });

        frames.Where(f => f.Expert is not null)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Tag.Frame}\t{f.Expert!.Kind.ToString().ToLowerInvariant()}"))
            .Should().Equal(experts);
    }

    [SkippableTheory]
    [MemberData(nameof(Runs))]
    public void Plugin_Experts(string run, string[] experts)
    {
        var path = Path.Combine(temp.FullName, "completion.pcap");
        Capture().WriteTo(path);

        PluginRun.ExpertFrames(path, Versions(run)).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Frame}\t{e.Expert}"))
            .Should().Equal(experts);
    }

    [Fact]
    public void Session_OfTheExchange_NamesItsServerRoundsAndDuration()
    {
        foreach (var versions in new[] { null, Only773 })
        {
            var s = Sessions(versions).Should().ContainSingle().Subject;

            s.Outcome.Should().Be(Outcomes.Success);
            s.LoginServer.Should().Be(new ServerSeen(Server, 40009, "tcp", "Microsoft Hosting", "Singapore"));
            (s.LoginRung, s.LoginRungServer).Should().Be(((string?)null, (ServerSeen?)null), "the channel got through by itself");
            s.RoundStarts.Should().Equal(T, T + 0.701);
            s.Retries.Should().Be(1);
            s.FallbackStage.Should().Be("tcp-443");
            s.DurationSeconds.Should().Be(2.0, "from the first login frame (2; the feedback lookup is no login frame) to the exchange (18)");
        }
    }

    [Fact]
    public void Session_OfThePapersProcedure_CompletesOnTheFirstAnswer()
    {
        var s = Sessions(Only63).Should().ContainSingle().Subject;

        s.LoginServer.Should().Be(new ServerSeen(Server, 40009, "tcp", "Microsoft Hosting", "Singapore"));
        s.DurationSeconds.Should().Be(0.1);
        s.Retries.Should().Be(0);
    }

    private static List<LoginSession> Sessions(IReadOnlySet<string>? versions)
    {
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(Signatures.Default, sessions.Add);
        foreach (var f in CaptureTagger.Analyze(new MemoryStream(Capture().ToPcap()), Signatures.Default, new TagOptions { EnabledVersions = versions }))
        {
            builder.Add(f);
        }

        builder.Flush();
        return sessions;
    }
}
