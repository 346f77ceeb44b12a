using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary><c>analyze</c> on many files or a directory: parallel, same output as one after the other, bad files reported at the end.</summary>
public sealed class AnalyzeManyFilesTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-many-");

    public AnalyzeManyFilesTests()
    {
        // Every case capture, under names whose ordinal order differs from the order they were copied in.
        foreach (var capture in Directory.GetDirectories(RepoPaths.Cases).Order(StringComparer.Ordinal).Reverse())
        {
            var file = Directory.GetFiles(capture, "capture.*").Single();
            File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(capture) + Path.GetExtension(file)));
        }

        File.WriteAllText(Path.Combine(dir.FullName, "README.txt"), "not a capture: skipped");
    }

    public void Dispose() => dir.Delete(recursive: true);

    [Theory]
    [InlineData("--frames")]
    [InlineData("--sessions", "--format", "json")]
    [InlineData("--sessions", "--format", "tsv")]
    [InlineData]
    public void Parallel_GivesTheSameOutputAsOneJob(params string[] mode)
    {
        var one = CliRunner.Run(["analyze", dir.FullName, .. mode, "--jobs", "1"]);
        var four = CliRunner.Run(["analyze", dir.FullName, .. mode, "--jobs", "4"]);

        one.ExitCode.Should().Be(0, one.Error);
        four.Should().Be(one);
        one.Output.Should().Contain(Path.Combine(dir.FullName, "login-normal.pcap"));
    }

    [Fact]
    public void Directory_TakesItsCapturesInOrdinalOrder_AsIfNamedOneByOne()
    {
        var files = Directory.GetFiles(dir.FullName).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var named = CliRunner.Run(["analyze", .. files, "--frames", "--jobs", "1"]);

        CliRunner.Run("analyze", dir.FullName, "--frames").Should().Be(named);
        var order = named.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')[0]).Distinct().ToList();
        order.Should().BeInAscendingOrder(StringComparer.Ordinal).And.HaveCountGreaterThan(5);
    }

    [Fact]
    public void BadFile_DoesNotStopTheOthers_AndIsReportedAtTheEnd()
    {
        var good = CliRunner.Run("analyze", dir.FullName, "--frames", "--jobs", "1");
        var bad = Path.Combine(dir.FullName, "broken.pcap");
        File.WriteAllText(bad, "this is no capture at all");

        var r = CliRunner.Run("analyze", dir.FullName, "--frames", "--jobs", "3");

        r.ExitCode.Should().Be(3);
        r.Output.Should().Be(good.Output, "the bad file has no rows and the others all of theirs");
        r.Error.Should().MatchRegex($@"^skypedissect: {System.Text.RegularExpressions.Regex.Escape(bad)}: at byte offset 0: [^\n]+\n"
            + @"skypedissect: 1 of \d+ inputs could not be read completely \(see above\)\n$");
    }

    [Fact]
    public void Jobs_BelowOne_IsUsageError()
    {
        CliRunner.Run("analyze", dir.FullName, "--jobs", "0").ExitCode.Should().Be(2);
    }
}
