using System.Buffers.Binary;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Sessions;

/// <summary>
/// Session reconstruction on the built cases: every number is asserted exactly. The values follow from each
/// case's scenario (tests/cases/NAME/README.md lists the frames): times are scenario times, positions are
/// places in the scenario's DNS answer.
/// </summary>
public class SessionBuilderTests
{
    private static List<LoginSession> Sessions(byte[] capture, int capacity = SessionBuilder.DefaultCapacity)
    {
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(Signatures.Default, sessions.Add, capacity);
        foreach (var f in CaptureTagger.Analyze(new MemoryStream(capture), Signatures.Default))
        {
            builder.Add(f);
        }

        builder.Flush();
        return sessions;
    }

    private static List<LoginSession> Case(string name) => Sessions(File.ReadAllBytes(Path.Combine(RepoPaths.Cases, name, "capture.pcap")));

    private static double T0 => new DateTimeOffset(2013, 6, 5, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public void NormalLogin_UdpStage_LastOfEight_AllSteps()
    {
        var s = Case("login-normal").Should().ContainSingle().Subject;
        s.Client.Should().Be("192.168.1.23");
        s.Start.Should().BeApproximately(T0 + 0.8, 1e-6);
        s.Outcome.Should().Be(Outcomes.Success);
        s.FallbackStage.Should().Be("udp-33033");
        s.LoginServer.Should().Be(new ServerSeen("111.221.74.38", 40035, "tcp", "Microsoft Hosting", "Singapore"));
        (s.LoginServerPosition, s.LoginServerAnswerCount).Should().Be((8, 8));
        // Fig. 2: the last address answers the UDP probe, then keeps the channel; the channel's SYN-ACK completes.
        s.LoginRung.Should().Be("udp-33033");
        s.LoginRungServer.Should().Be(new ServerSeen("111.221.74.38", 33033, "udp", "Microsoft Hosting", "Singapore"));
        s.Retries.Should().Be(0);
        s.DurationSeconds.Should().Be(0.67215);
        s.Supernodes.Should().Equal("86.142.21.77", "24.61.108.3", "58.37.190.14", "93.45.201.88");
        (s.Version, s.ClientBuild).Should().Be(("6.3.0.197", "6.3.0.197"));
        (s.FirstFrame, s.LastFrame, s.Frames).Should().Be((24L, 143L, 104));
        s.Steps.Select(x => $"{x.Step} {x.Group}").Should().Equal(
            "1 login-server", "2 skype-server", "2 supernode", "3 nat-echo", "4 presence", "5 version-update", "6 feedback", "7 facebook", "8 peer");
        var login = s.Steps[0];
        login.Servers.Should().HaveCount(9, "the eight answered addresses on UDP 33033 and the channel; the resolver is no server of the step");
        login.Servers.Where(x => x.Transport == "udp").Should().HaveCount(8);
    }

    // The paper's versions complete when a login server answers (Fig. 3, "Connected"): on the rung, whose answer
    // is the rung that got the client through. Where the client then keeps a channel (udp-blocked-tcp-33033: TCP
    // 40035 to the same server at 5.0 s, Fig. 2), the channel's server is the login server; the duration runs to
    // the answer on the rung.
    [Theory]
    [InlineData("udp-blocked-tcp-33033", "tcp-33033", "111.221.74.38", 40035, 8, 33033, 4.356)]
    [InlineData("fallback-tcp-80", "tcp-80", "64.4.23.158", 80, 5, 80, 5.444)]
    [InlineData("fallback-tcp-443", "tcp-443", "157.56.52.19", 443, 6, 443, 9.456)]
    public void Fallback_EachStage_SettlesOnTheServerThatAnswered(string name, string stage, string server, int port, int position, int rungPort, double duration)
    {
        var s = Case(name).Should().ContainSingle().Subject;
        s.Outcome.Should().Be(Outcomes.Success);
        s.FallbackStage.Should().Be(stage);
        s.LoginServer!.Address.Should().Be(server);
        s.LoginServer.Port.Should().Be(port);
        s.LoginServerPosition.Should().Be(position);
        s.LoginRung.Should().Be(stage);
        (s.LoginRungServer!.Address, s.LoginRungServer.Port, s.LoginRungServer.Transport).Should().Be((server, rungPort, "tcp"));
        s.Retries.Should().Be(0);
        s.DurationSeconds.Should().Be(duration);
    }

    [Fact]
    public void FailedRound_ThenRetryAfter15s_Succeeds()
    {
        var s = Case("all-blocked-retry-15s").Should().ContainSingle().Subject;
        s.Outcome.Should().Be(Outcomes.Success);
        s.Retries.Should().Be(1);
        s.RetryPauses.Should().Equal(15.016);
        s.FallbackStage.Should().Be("udp-33033", "the second round succeeded on its first rung");
        s.LoginServer!.Address.Should().Be("111.221.77.166");
        (s.LoginRung, s.LoginRungServer!.Address, s.LoginRungServer.Port).Should().Be(("udp-33033", "111.221.77.166", 33033));
        s.RoundStarts.Should().Equal(T0 + 0.2, T0 + 27.3); // the first UDP probes of each round (the DNS lookups are no attempts)
        s.DurationSeconds.Should().Be(27.87215);
    }

    [Fact]
    public void FailedRound_CaptureEndsBeforeTheRetry_IsFailureAtTcp443()
    {
        // The first 86 frames: one whole round unanswered up to the last SYN on 443, nothing after.
        var bytes = FirstFrames(File.ReadAllBytes(Path.Combine(RepoPaths.Cases, "all-blocked-retry-15s", "capture.pcap")), 86);
        var s = Sessions(bytes).Should().ContainSingle().Subject;
        s.Outcome.Should().Be(Outcomes.Failure);
        s.FallbackStage.Should().Be("tcp-443");
        s.Retries.Should().Be(0);
        s.LoginServer.Should().BeNull();
        s.DurationSeconds.Should().BeNull();
    }

    [Fact]
    public void CaptureEndsMidLadder_IsIncomplete()
    {
        var bytes = FirstFrames(File.ReadAllBytes(Path.Combine(RepoPaths.Cases, "all-blocked-retry-15s", "capture.pcap")), 40);
        var s = Sessions(bytes).Should().ContainSingle().Subject;
        s.Outcome.Should().Be(Outcomes.Incomplete);
        s.FallbackStage.Should().Be("tcp-80");
    }

    [Fact]
    public void TwoClients_AtOnce_EachKeepsItsOwnLogin()
    {
        var sessions = Case("two-clients");
        sessions.Select(s => s.Client).Should().Equal("192.168.1.23", "192.168.1.37");
        var (a, b) = (sessions[0], sessions[1]);
        (a.LoginServer!.Address, a.LoginServerPosition, a.DurationSeconds).Should().Be(("111.221.74.38", 8, 0.67215));
        (b.LoginServer!.Address, b.LoginServerPosition, b.DurationSeconds).Should().Be(("64.4.23.144", 4, 0.99615));
        b.Start.Should().BeApproximately(T0 + 0.1, 1e-6);
        a.Steps.Select(x => x.Step).Should().Equal(1, 2, 8);
        b.Steps.Select(x => x.Step).Should().Equal(1, 2, 4);
    }

    [Fact]
    public void LoginWithoutDns_HasNoAnswerPosition()
    {
        var s = Case("host-cache-no-dns").Should().ContainSingle().Subject;
        s.Outcome.Should().Be(Outcomes.Success);
        s.LoginServer.Should().Be(new ServerSeen("111.221.77.142", 40017, "tcp", "Microsoft Hosting", "Singapore"));
        s.LoginServerPosition.Should().BeNull();
        s.DurationSeconds.Should().Be(0.47215);
        (s.FirstFrame, s.Frames).Should().Be((13L, 47));
    }

    [Fact]
    public void FullTable_ClosesTheLeastRecentlyActiveSession_AndCountsIt()
    {
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(Signatures.Default, sessions.Add, capacity: 1);
        foreach (var f in CaptureTagger.Analyze(File.OpenRead(Path.Combine(RepoPaths.Cases, "two-clients", "capture.pcap")), Signatures.Default))
        {
            builder.Add(f);
        }

        builder.Flush();
        builder.Evictions.Should().BeGreaterThan(0);
        sessions.Sum(s => s.Frames).Should().Be(39 + 45, "every tagged frame still lands in exactly one session");
    }

    /// <summary>The pcap header and the first <paramref name="n"/> records of a classic pcap file.</summary>
    private static byte[] FirstFrames(byte[] pcap, int n)
    {
        var offset = 24;
        for (var i = 0; i < n; i++)
        {
            offset += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset + 8));
        }

        return pcap[..offset];
    }
}
