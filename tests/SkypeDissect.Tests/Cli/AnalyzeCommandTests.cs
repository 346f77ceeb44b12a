using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-analyze-");

    public void Dispose() => dir.Delete(recursive: true);

    private static string Real => Path.Combine(RepoPaths.Data, "real", "skype-7.7.3-login-macos-2015.pcap");

    [Fact]
    public void Analyze_MissingFile_IsInputErrorWithOneLine()
    {
        var missing = Path.Combine(dir.FullName, "none.pcap");
        var r = CliRunner.Run("analyze", missing);
        r.ExitCode.Should().Be(3);
        r.Error.Should().Be($"skypedissect: {missing}: cannot read: no such file\n");
        r.Output.Should().BeEmpty("a script reading standard output must not see an empty result");
    }

    [Fact]
    public void Analyze_DirectoryWithoutCaptures_IsInputError()
    {
        File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not a capture");
        var r = CliRunner.Run("analyze", dir.FullName);
        r.ExitCode.Should().Be(3);
        r.Error.Should().Be($"skypedissect: {dir.FullName}: is a directory without capture files (*.pcap, *.pcapng, *.cap, also .gz)\n");
        r.Output.Should().BeEmpty("no capture was read: no summary of an empty one");
    }

    [Fact]
    public void Analyze_UnknownOption_IsUsageError()
    {
        CliRunner.Run("analyze", "--bogus", Real).ExitCode.Should().Be(2);
    }

    [Fact]
    public void Analyze_UnknownVersion_IsUsageError()
    {
        var r = CliRunner.Run("analyze", Real, "--versions", "1.2.3");
        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("skypedissect: unknown version '1.2.3'");
    }

    [Fact]
    public void Analyze_Truncated_KeepsFramesBeforeDamage_AndSaysWhere()
    {
        var whole = CliRunner.Run("analyze", Real, "--frames");
        whole.ExitCode.Should().Be(0, whole.Error);
        var cut = Path.Combine(dir.FullName, "cut.pcap");
        var bytes = File.ReadAllBytes(Real);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var r = CliRunner.Run("analyze", cut, "--frames");
        r.ExitCode.Should().Be(3);
        r.Error.Should().MatchRegex($@"^skypedissect: {System.Text.RegularExpressions.Regex.Escape(cut)}: at byte offset \d+: truncated .*\n$");
        var partial = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var full = whole.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        partial.Length.Should().BeGreaterThan(1).And.BeLessThan(full.Length);
        full.Should().StartWith(partial, "the rows before the damage are the same as in the whole file");
    }

    [Fact]
    public void Analyze_SeveralFiles_AddsFileColumn_AndFormatsAgree()
    {
        var neg = Path.Combine(RepoPaths.Data, "negative", "dns.pcap");
        var tsv = CliRunner.Run("analyze", Real, neg, "--frames", "--format", "tsv");
        tsv.ExitCode.Should().Be(0, tsv.Error);
        var lines = tsv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("file\tframe\tstep\tgroup\trule\tversion");
        lines.Skip(1).Should().OnlyContain(l => l.StartsWith(Real + "\t", StringComparison.Ordinal));

        var csv = CliRunner.Run("analyze", Real, neg, "--frames", "--format", "csv").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv.Should().Equal(lines.Select(l => l.Replace('\t', ',')));

        using var json = System.Text.Json.JsonDocument.Parse(CliRunner.Run("analyze", Real, "--frames", "--format", "json").Output);
        json.RootElement.GetArrayLength().Should().Be(lines.Length - 1);
        json.RootElement[0].GetProperty("frame").GetInt64().Should().Be(long.Parse(lines[1].Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
