using SkypeDissect.Cli.Report;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;
using SkypeDissect.Benchmarks.Volume;

namespace SkypeDissect.Tests.Report;

/// <summary>A capture of many clients gives a report of bounded size that says what it summarised.</summary>
public sealed class ReportBoundsTests
{
    [Fact]
    public void Report_OfManyClients_DrawsTheFirstSessions_AndCountsTheRest()
    {
        var folder = Directory.CreateTempSubdirectory("skypedissect-report-bounds-");
        try
        {
            var capture = Path.Combine(folder.FullName, "crowd.pcap");
            using (var file = File.Create(capture))
            {
                VolumeCaptures.LoginCrowd(file, 700, 0.01, out _);
            }

            var html = Path.Combine(folder.FullName, "crowd.html");
            var run = CliRunner.Run("report", capture, "-o", html);

            run.ExitCode.Should().Be(0, run.Error);
            var text = File.ReadAllText(html);
            Count(text, "<svg class=\"diagram\"").Should().Be(ReportLimits.Diagrams);
            Count(text, "<tr><td>").Should().Be(ReportLimits.SummaryRows);
            text.Should().Contain("700 login sessions (");
            text.Should().Contain($"The table lists the first {ReportLimits.SummaryRows} of 700 sessions by start.");
            text.Should().Contain("680 sessions of this file have no diagram");
            new FileInfo(html).Length.Should().BeLessThan(2_000_000);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Report_WithoutOutput_IsAUsageError()
    {
        var run = CliRunner.Run("report", "x.pcap");

        run.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Report_OfACaptureCutShort_ShowsWhatWasRead_AndTheError()
    {
        var folder = Directory.CreateTempSubdirectory("skypedissect-report-cut-");
        try
        {
            var html = Path.Combine(folder.FullName, "r.html");
            var cut = Path.Combine(folder.FullName, "cut.pcap");
            var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap"));
            File.WriteAllBytes(cut, bytes[..(bytes.Length - 10)]);

            var run = CliRunner.Run("report", cut, "-o", html);

            run.ExitCode.Should().Be(3);
            run.Output.Should().Be($"wrote {html}\n");
            File.ReadAllText(html).Should().Contain("Read up to an error").And.Contain("1 login session");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Report_OfAMissingCapture_WritesNoReport_AndExitsWithThree()
    {
        var folder = Directory.CreateTempSubdirectory("skypedissect-report-missing-");
        try
        {
            var html = Path.Combine(folder.FullName, "r.html");
            var missing = Path.Combine(folder.FullName, "missing.pcap");

            var run = CliRunner.Run("report", missing, "-o", html);

            run.ExitCode.Should().Be(3);
            run.Error.Should().Be($"skypedissect: {missing}: cannot read: no such file\n");
            run.Output.Should().BeEmpty();
            File.Exists(html).Should().BeFalse("nothing was read: a report would show a capture without logins");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
