using System.Text.Json.Nodes;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Report;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;
using ModelSignatures = SkypeDissect.Model.Signatures;

namespace SkypeDissect.Tests.Report;

/// <summary>One browser for all pages of the class: Chromium starts once.</summary>
public sealed class ChromiumFixture : IDisposable
{
    private readonly Lazy<Chromium> browser = new(Chromium.Start);

    public Chromium Browser => browser.Value;

    public void Dispose()
    {
        if (browser.IsValueCreated)
        {
            browser.Value.Dispose();
        }
    }
}

/// <summary>
/// The report of every case and of the shared real capture, opened in headless Chromium: no console error,
/// no request (the file is self-contained), a page with text, and per session a diagram with one lane per
/// server group and one exchange per client port / server port / step of the session's frames, counted here
/// from the analyzer's tagged frames independently of the report's own recorder.
/// </summary>
public sealed class ReportBrowserTests(ChromiumFixture fixture) : IClassFixture<ChromiumFixture>
{
    private const string Probe = """
        JSON.stringify({
          text: document.body.innerText.length,
          title: document.title,
          diagrams: [...document.querySelectorAll('svg.diagram')].map(s => ({
            lanes: s.querySelectorAll('g.lane').length,
            exchanges: s.querySelectorAll('g.exchange').length,
            frames: [...s.querySelectorAll('g.exchange')].reduce((a, g) => a + Number(g.dataset.frames), 0),
            width: s.getBoundingClientRect().width,
            height: s.getBoundingClientRect().height
          }))
        })
        """;

    /// <summary>Where the screenshots go, to be looked at after a run (one per report).</summary>
    public static string ScreenshotFolder => Path.Combine(Path.GetTempPath(), "skypedissect-report-screenshots");

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var c in CaseFolder.All())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, c.Capture));
        }

        data.Add(Path.GetRelativePath(RepoPaths.Root, SharedCaptures.RealLogin));
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public void Report_OpensInChromium_WithALanePerGroupAndAnExchangePerFlow(string capture)
    {
        Chromium.Require();
        var path = Path.Combine(RepoPaths.Root, capture);
        Directory.CreateDirectory(ScreenshotFolder);
        var name = capture.Replace('/', '_').Replace('\\', '_');
        var html = Path.Combine(ScreenshotFolder, name + ".html");

        var run = CliRunner.Run("report", path, "--output", html);
        run.ExitCode.Should().Be(0, run.Error);
        var visit = fixture.Browser.Visit(html, Probe);
        File.WriteAllBytes(Path.Combine(ScreenshotFolder, name + ".png"), visit.Screenshot);

        visit.Errors.Should().BeEmpty("the report must open without a console error");
        visit.Requests.Should().BeEmpty("the report is self-contained: it fetches nothing");
        var page = JsonNode.Parse(visit.Result!.GetValue<string>())!;
        page["text"]!.GetValue<int>().Should().BeGreaterThan(200, "the page must not be empty");
        visit.Screenshot.Length.Should().BeGreaterThan(20_000, "a screenshot of a drawn page is not a blank image");

        var expected = Expected(path);
        var diagrams = page["diagrams"]!.AsArray();
        diagrams.Should().HaveCount(expected.Count, "one diagram per session (all cases have fewer than the report's bound)");
        for (var i = 0; i < expected.Count; i++)
        {
            var d = diagrams[i]!;
            var (lanes, exchanges, frames) = expected[i];
            d["lanes"]!.GetValue<int>().Should().Be(lanes, $"diagram {i + 1}: one lane per server group of the session");
            d["exchanges"]!.GetValue<int>().Should().Be(Math.Min(exchanges, ReportLimits.ExchangesPerDiagram), $"diagram {i + 1}: one exchange per flow and step");
            if (exchanges <= ReportLimits.ExchangesPerDiagram)
            {
                d["frames"]!.GetValue<int>().Should().Be(frames, $"diagram {i + 1}: every tagged frame of the session is in one exchange");
            }

            d["width"]!.GetValue<double>().Should().BeGreaterThan(300);
            d["height"]!.GetValue<double>().Should().BeGreaterThan(170, "lanes are at least 90 px tall below their headers");
        }
    }

    /// <summary>
    /// Per session in start order: server groups, exchanges and frames, from the tagged frames of the session's
    /// client between its first and last frame (the sessions of one client never overlap).
    /// </summary>
    internal static List<(int Lanes, int Exchanges, int Frames)> Expected(string capture)
    {
        var model = ModelSignatures.Default;
        using var stream = File.OpenRead(capture);
        var frames = CaptureTagger.Analyze(stream, model).ToList();
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(model, sessions.Add);
        frames.ForEach(builder.Add);
        builder.Flush();
        return [.. sessions
            .OrderBy(s => s.Start).ThenBy(s => s.Client, StringComparer.Ordinal)
            .Select(s =>
            {
                var mine = frames.Where(f => f.Client == s.Client && f.Tag.Frame >= s.FirstFrame && f.Tag.Frame <= s.LastFrame).ToList();
                return (
                    mine.Select(f => f.Tag.Group).Distinct().Count(),
                    mine.Select(f => (f.Transport, f.ClientPort, f.Server, f.ServerPort, f.Tag.Step, f.Tag.Group)).Distinct().Count(),
                    mine.Count);
            })];
    }
}

/// <summary>The browser checks can fail: a page with a console error and a request is caught.</summary>
public sealed class ChromiumHarnessTests(ChromiumFixture fixture) : IClassFixture<ChromiumFixture>
{
    [SkippableFact]
    public void Visit_OfAPageWithAConsoleErrorAndARequest_ReportsBoth()
    {
        Chromium.Require();
        var folder = Directory.CreateTempSubdirectory("skypedissect-chromium-harness-");
        try
        {
            var page = Path.Combine(folder.FullName, "bad.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><img src=\"http://127.0.0.1:9/missing.png\"><script>console.error('boom')</script></body></html>");

            var visit = fixture.Browser.Visit(page, "document.body.innerText");

            visit.Errors.Should().Contain(e => e.Contains("boom", StringComparison.Ordinal));
            visit.Requests.Should().Contain("http://127.0.0.1:9/missing.png");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
