using System.Buffers.Binary;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Sessions;

/// <summary>
/// The session of the shared 7.7.3 capture describes the login that happened (docs/skype-7.7.3.md 3, B1/B2;
/// docs/tagging.md 4), with all versions enabled and with 7.7.3 alone. Every expected number comes from the
/// packets, read here from the pcap's record headers by frame number; the frames were found with
/// <code>
/// tshark -r capture.pcap -Y 'tcp.stream == 38' -T fields -e frame.number -e tcp.len -e tcp.seq -e tcp.ack
///   (1252 SYN-ACK; 1254 client 50 bytes; 1257 server 103 bytes, ACK 51; 1259 client 8 bytes, seq 51;
///    1277 server 8 bytes, ACK 51; 1281 server ACK 59: the client's second message acknowledged)
/// tshark -r capture.pcap -Y 'tcp.flags.syn == 1 &amp;&amp; tcp.flags.ack == 0 &amp;&amp; tcp.dstport >= 40001 &amp;&amp; tcp.dstport &lt;= 40047'
///   (channel openings 13; 601-603; 644; 740; 768; 792; 899-902; 1026; 1058; 1095; 1213-1216, each group
///    within 0.6 ms, groups 1.008 s or more apart; 1246 repeats 1216's SYN on the same ports)
/// </code>
/// The first login frame is 13 (the first channel SYN, before any DNS of the login), the first ladder rung the
/// client reaches is tcp-443 (94, 1.612 s after 13). Before the completion criterion changed, the session said
/// 157.56.52.28:40009 (the SYN-ACK of 13's connection, frame 25), 0.205 s and no retry.
/// </summary>
public sealed class RealLoginSessionTests
{
    private static string Capture => Path.Combine(RepoPaths.Cases, "real-skype-7.7.3", "capture.pcap");

    private static readonly long[] RoundFrames = [13, 601, 644, 740, 768, 792, 899, 1026, 1058, 1095, 1213];

    public static TheoryData<string> Runs() => new() { "all", "7.7.3" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Session_IsTheLoginOn111_221_74_48_After10Retries(string run)
    {
        var times = FrameTimes(File.ReadAllBytes(Capture));
        IReadOnlySet<string>? versions = run == "all" ? null : new HashSet<string>(StringComparer.Ordinal) { "7.7.3" };

        var s = Sessions(versions).Should().ContainSingle().Subject;

        s.Outcome.Should().Be(Outcomes.Success);
        s.LoginServer.Should().Be(new ServerSeen("111.221.74.48", 40008, "tcp", "Microsoft Hosting", "Singapore"));
        (s.LoginRung, s.LoginRungServer).Should().Be(((string?)null, (ServerSeen?)null), "7.7.3 got through on the channel itself");
        s.DurationSeconds.Should().Be(Math.Round(times[1281] - times[13], 6)).And.Be(50.167936);
        s.RoundStarts.Should().Equal(RoundFrames.Select(f => times[f]));
        s.Retries.Should().Be(10);
        s.FallbackStage.Should().Be("tcp-443");
        s.Version.Should().Be("7.7.3");
        s.ClientBuild.Should().Be("335.0.7.7.3");
        s.Start.Should().Be(times[13]);
    }

    [Fact]
    public void Experts_MarkTheRoundsAndTheExchange()
    {
        var frames = CaptureTagger.Analyze(File.OpenRead(Capture), Signatures.Default).Where(f => f.Expert is not null).ToList();

        frames.Where(f => f.Expert!.Kind == ExpertKind.Retry).Select(f => f.Tag.Frame).Should().Equal(RoundFrames.Skip(1));
        frames.Single(f => f.Expert!.Kind == ExpertKind.Complete).Tag.Frame.Should().Be(1281);
        frames.Single(f => f.Expert!.Kind == ExpertKind.Fallback).Tag.Frame.Should().Be(94);
    }

    private static List<LoginSession> Sessions(IReadOnlySet<string>? versions)
    {
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(Signatures.Default, sessions.Add);
        foreach (var f in CaptureTagger.Analyze(File.OpenRead(Capture), Signatures.Default, new TagOptions { EnabledVersions = versions }))
        {
            builder.Add(f);
        }

        builder.Flush();
        return sessions;
    }

    /// <summary>Frame number to capture time (seconds since the epoch), from a little-endian microsecond pcap.</summary>
    private static Dictionary<long, double> FrameTimes(byte[] pcap)
    {
        BinaryPrimitives.ReadUInt32LittleEndian(pcap).Should().Be(0xa1b2c3d4u, "the capture is a little-endian microsecond pcap");
        var times = new Dictionary<long, double>();
        var offset = 24;
        for (long frame = 1; offset + 16 <= pcap.Length; frame++)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset));
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset + 4));
            times[frame] = seconds + (micros / 1e6);
            offset += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset + 8));
        }

        return times;
    }
}
