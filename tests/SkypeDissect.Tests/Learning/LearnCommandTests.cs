using System.Text.Json;
using SkypeDissect.Tests.Cli;

namespace SkypeDissect.Tests.Learning;

public sealed class LearnCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-learn-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void Learn_Table_NamesTheCaptureTheVersionsAndEachSection()
    {
        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3");

        r.ExitCode.Should().Be(0, r.Error);
        r.Error.Should().BeEmpty();
        r.Output.Should().StartWith("Learning 7.7.3 from skype-7.7.3-login-macos-2015.pcap, compared with 6.3.0.197\n"
            + "  2146 frames, 76.948 s; client 192.168.1.34; Skype UDP port 13021 (frame 517); build in DNS names 335.0.7.7.3\n");
        r.Output.Should().Contain("  changed    feedback        {0-99999}.{build}.rst{0-13}.r.skype.net        same-shape\n");
        r.Output.Should().Contain("  added      login-server    udp/40001-40047  130 flows, 0 answered  base-network\n");
        r.Output.Should().Contain("      bytes: 80 46 01 03 01 00 2d 00 00 00 10 00 00 05 00 00\n");
        foreach (var section in new[] { "Frames per group", "DNS name families", "Other names", "Server networks", "Endpoints per group", "Openers", "Order and timing", "Rules of the base on the client's traffic", "Flows of the client no rule assigned" })
        {
            r.Output.Should().Contain("\n" + section);
        }
    }

    [Fact]
    public void Learn_Json_IsTheReportWithKebabStatuses_AndStableAcrossRuns()
    {
        var first = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--format", "json");
        var second = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--format", "json");

        first.ExitCode.Should().Be(0, first.Error);
        second.Output.Should().Be(first.Output);
        using var json = JsonDocument.Parse(first.Output);
        var root = json.RootElement;
        root.GetProperty("asVersion").GetString().Should().Be("7.7.3");
        root.GetProperty("baseVersion").GetString().Should().Be("6.3.0.197");
        var capture = root.GetProperty("captures").EnumerateArray().Single();
        (capture.GetProperty("name").GetString(), capture.GetProperty("skypePort").GetInt32()).Should().Be(("skype-7.7.3-login-macos-2015.pcap", 13021));
        var seenIn = root.GetProperty("timing").EnumerateArray().First(t => t.GetProperty("kind").GetString() == "fallback").GetProperty("seenIn").EnumerateArray().Single();
        seenIn.GetProperty("capture").GetString().Should().Be("skype-7.7.3-login-macos-2015.pcap");
        seenIn.GetProperty("frames").EnumerateArray().Select(f => f.GetInt64()).Take(2).Should().Equal(13, 94);
        root.GetProperty("dns").EnumerateArray().Select(d => d.GetProperty("status").GetString()).Distinct()
            .Should().BeEquivalentTo("added", "changed", "unchanged", "not-seen");
    }

    [Fact]
    public void Learn_BaseOption_ComparesWithThatVersion()
    {
        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--base", "5.6.0.106");
        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith("Learning 7.7.3 from skype-7.7.3-login-macos-2015.pcap, compared with 5.6.0.106\n");
    }

    [Theory]
    [InlineData("7")]
    [InlineData("7.7.3.1.2")]
    [InlineData("seven")]
    public void Learn_AsNotAVersion_IsUsageError(string version)
    {
        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", version);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Be($"skypedissect: --as '{version}' is not a version: two to four dot-separated numbers, like 7.7.3\n");
    }

    [Fact]
    public void Learn_UnknownBase_IsUsageError()
    {
        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--base", "1.2.3");
        r.ExitCode.Should().Be(2);
        r.Error.Should().Be("skypedissect: unknown version '1.2.3'; known: 6.3.0.197, 5.6.0.106, 7.7.3\n");
    }

    [Fact]
    public void Learn_WithoutAs_IsUsageError()
    {
        CliRunner.Run("learn", Learned.RealCapture).ExitCode.Should().Be(2);
    }

    [Fact]
    public void Learn_MissingFile_IsInputErrorWithOneLine()
    {
        var missing = Path.Combine(dir.FullName, "none.pcap");
        var r = CliRunner.Run("learn", missing, "--as", "7.7.3");
        r.ExitCode.Should().Be(3);
        r.Error.Should().StartWith($"skypedissect: {missing}: cannot read: ");
        r.Error.Count(c => c == '\n').Should().Be(1);
        r.Output.Should().BeEmpty();
    }

    [Fact]
    public void Learn_NotACapture_IsInputError()
    {
        var text = Path.Combine(dir.FullName, "notes.txt");
        File.WriteAllText(text, "hello, this is not a capture");
        var r = CliRunner.Run("learn", text, "--as", "7.7.3");
        r.ExitCode.Should().Be(3);
        r.Error.Should().Be($"skypedissect: {text}: at byte offset 0: not a pcap or pcapng file (magic 0x6c6c6568)\n");
        r.Output.Should().BeEmpty();
    }

    [Fact]
    public void Learn_Truncated_ReportsWhatWasRead_AndSaysWhereItStopped()
    {
        var cut = Path.Combine(dir.FullName, "cut.pcap");
        var bytes = File.ReadAllBytes(Learned.RealCapture);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var r = CliRunner.Run("learn", cut, "--as", "7.7.3");
        r.ExitCode.Should().Be(3);
        r.Error.Should().MatchRegex($@"^skypedissect: {System.Text.RegularExpressions.Regex.Escape(cut)}: at byte offset \d+: truncated .*\n$");
        r.Output.Should().Contain("client 192.168.1.34; Skype UDP port 13021 (frame 517)");
        r.Output.Should().Contain("Reading stopped early: at byte offset ");
    }
}
