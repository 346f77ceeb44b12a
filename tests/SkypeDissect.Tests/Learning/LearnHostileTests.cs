using System.Buffers.Binary;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Learning;
using SkypeDissect.Model;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cli;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// Issue 14, items 14-16: <c>learn</c> on hostile input. DNS names with braces (legal bytes in a label) are data,
/// never pattern syntax; names of captures are shown escaped in the table as in the JSON; a capture past the
/// learner's bounds is learned from what was kept, says what was not, and <c>--emit</c> still writes.
/// </summary>
public sealed class LearnHostileTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-learn-hostile-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void NameShape_BracesOfTheName_AreNotAPlaceholder()
    {
        NameShape.Of("dsn{n}.d.skype.net").Key.Should().NotBe(NameShape.Of("dsn4.d.skype.net").Key);
        NameShape.Of("{build}.rst1.r.skype.net").Key.Should().NotBe(NameShape.Of("6.3.0.197.rst1.r.skype.net").Key);
    }

    [Fact]
    public void BracedNames_BesideNumberedOnes_AreListed_NotGeneralised()
    {
        // Six lookups of ds{n}.d.skype.net and eight of ds555.d.skype.net: one family key before (a crash in Propose).
        var report = Learn(Braced(first: "ds{n}", rest: "ds555"), "braced.pcap");

        var braced = report.OtherNames.Should().ContainSingle(n => n.Name == "ds{n}.d.skype.net").Subject;
        braced.Note.Should().Be("the character '{' has no place in a domain pattern (docs/tagging.md 3.1): the name is not generalised");
        report.Dns.Should().Contain(d => d.Pattern == "ds{0-999}.d.skype.net" && d.Status == ProposalStatus.Added);
        AllPatternsParse(report);
    }

    [Fact]
    public void BracedName_Alone_IsNotProposedAsAPattern()
    {
        var report = Learn(Braced(first: "ds{n}", rest: "ds{n}"), "braced.pcap");

        report.Dns.Should().NotContain(d => d.Names.Any(n => n.Name.Contains('{')));
        report.OtherNames.Select(n => n.Name).Should().Contain("ds{n}.d.skype.net");
        AllPatternsParse(report);
    }

    [Fact]
    public void BracedNames_Cli_ExitsZero_AndEmitsADraftThatLoads()
    {
        var capture = Path.Combine(dir.FullName, "braced.pcap");
        File.WriteAllBytes(capture, Braced(first: "ds{n}", rest: "ds555"));
        var emit = Path.Combine(dir.FullName, "7.7.9.json");

        var r = CliRunner.Run("learn", capture, "--as", "7.7.9", "--emit", emit);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Contain("\n  ds{n}.d.skype.net ");
        CliRunner.Run("analyze", Learned.RealCapture, "--signatures", emit, "--frames").ExitCode.Should().Be(0);
    }

    [Fact]
    public void CaptureName_WithControlCharacters_IsEscapedInTheTable_AsInTheJson()
    {
        // ESC [2J clears a terminal, CR returns over a line, LF starts a false one, NUL ends C strings.
        const string name = "a\u001B[2Jb\rc\nd\0e\u009Bf\\g.pcap";
        using var stream = File.OpenRead(Learned.RealCapture);
        var report = Learner.Learn(stream, name, Signatures.Default.Versions[0], "7.7.3");
        var text = new StringWriter { NewLine = "\n" };

        LearnText.Render(report, text);

        text.ToString().Should().StartWith("Learning 7.7.3 from a\\u001B[2Jb\\rc\\nd\\u0000e\\u009Bf\\\\g.pcap, compared with 6.3.0.197\n");
        text.ToString().Where(c => char.IsControl(c) && c != '\n').Should().BeEmpty();
        LearnJson.Render(report).Should().Contain("\"name\": \"a\\u001B[2Jb\\rc\\nd\\u0000e\\u009Bf\\\\g.pcap\"");
    }

    [Fact]
    public void CaptureFileName_WithControlCharacters_Cli_TableIsEscaped()
    {
        var capture = Path.Combine(dir.FullName, "x\u001B]0;owned\u0007\r\ny.pcap");
        File.Copy(Learned.RealCapture, capture);

        var r = CliRunner.Run("learn", capture, "--as", "7.7.3");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith("Learning 7.7.3 from x\\u001B]0;owned\\u0007\\r\\ny.pcap, compared with 6.3.0.197\n");
        r.Output.Where(c => char.IsControl(c) && c != '\n').Should().BeEmpty();
    }

    [Fact]
    public void PastTheBounds_LearnsFromTheRest_SaysWhatWasDropped_AndEmits()
    {
        var capture = Path.Combine(dir.FullName, "crowded.pcap");
        File.WriteAllBytes(capture, Crowded(CaptureSurvey.MaxFlows + 500));
        var emit = Path.Combine(dir.FullName, "7.7.9.json");
        const string dropped = "past the learner's bounds (65,536 DNS messages, 65,536 flows per capture), 0 DNS messages and ";
        const string rest = @"[0-9,]+ frames of further flows were not kept; the report is learned from the rest\n";

        var r = CliRunner.Run("learn", capture, "--as", "7.7.9", "--emit", emit);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().MatchRegex("\n  " + System.Text.RegularExpressions.Regex.Escape(dropped) + rest);
        r.Error.Should().MatchRegex(System.Text.RegularExpressions.Regex.Escape($"skypedissect: {capture}: {dropped}") + rest);
        File.Exists(emit).Should().BeTrue();
        using var stream = File.OpenRead(capture);
        var report = Learner.Learn(stream, "crowded.pcap", Signatures.Default.Versions[0], "7.7.3");
        report.Captures[0].Error.Should().BeNull();
        (report.Captures[0].Dropped + "\n").Should().MatchRegex("^" + System.Text.RegularExpressions.Regex.Escape(dropped) + rest);
        report.Dns.Select(d => (d.Pattern, d.Status)).Should().Equal(Learned.Real.Dns.Select(d => (d.Pattern, d.Status)));
    }

    private static LearnReport Learn(byte[] capture, string name) => Learned.Learn(new MemoryStream(capture), name, "7.7.3");

    private static void AllPatternsParse(LearnReport report)
    {
        foreach (var d in report.Dns)
        {
            d.Pattern.Invoking(p => DomainToken.Parse(p)).Should().NotThrow(d.Pattern);
        }
    }

    /// <summary>The real capture with its 14 lookups of dsn13 renamed: the first six to <paramref name="first"/>, the rest to <paramref name="rest"/> (5 bytes each).</summary>
    private static byte[] Braced(string first, string rest)
    {
        var bytes = File.ReadAllBytes(Learned.RealCapture);
        var from = CaptureVariant.Labels("dsn13");
        var seen = 0;
        for (var at = bytes.AsSpan().IndexOf(from); at >= 0;)
        {
            CaptureVariant.Labels(seen++ < 6 ? first : rest).CopyTo(bytes, at);
            var next = bytes.AsSpan(at + 1).IndexOf(from);
            at = next < 0 ? -1 : at + 1 + next;
        }

        seen.Should().Be(14);
        return bytes;
    }

    /// <summary>The real capture, then <paramref name="flows"/> one-datagram UDP flows between other hosts, a minute after its end.</summary>
    private static byte[] Crowded(int flows)
    {
        var real = File.ReadAllBytes(Learned.RealCapture);
        using var o = new MemoryStream();
        o.Write(real);
        var end = 0u;
        for (var at = 24; at + 16 <= real.Length; at += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(real.AsSpan(at + 8)))
        {
            end = Math.Max(end, BinaryPrimitives.ReadUInt32LittleEndian(real.AsSpan(at)));
        }

        var header = new byte[16];
        for (var i = 0; i < flows; i++)
        {
            var frame = Packets.Ethernet(Packets.Ipv4($"10.{100 + (i >> 16)}.{(i >> 8) & 0xFF}.{i & 0xFF}", "10.250.0.1", Packets.Udp, Packets.UdpSegment(40000, 9, [1, 2, 3, 4])));
            BinaryPrimitives.WriteUInt32LittleEndian(header, end + 60);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(i % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)frame.Length);
            o.Write(header);
            o.Write(frame);
        }

        return o.ToArray();
    }
}
