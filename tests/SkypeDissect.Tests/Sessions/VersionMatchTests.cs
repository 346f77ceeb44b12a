using System.Text.Json;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Sessions;

/// <summary>
/// Versions coexist: with every version enabled, each login's summary names the version whose signatures
/// tagged most of its frames, and how many each version tagged.
/// </summary>
public sealed class VersionMatchTests
{
    private static string RealCase => Path.Combine(RepoPaths.Cases, "real-skype-7.7.3", "capture.pcap");

    private static List<LoginSession> Sessions(string capture, IReadOnlySet<string>? versions = null)
    {
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(Signatures.Default, sessions.Add);
        foreach (var f in CaptureTagger.Analyze(File.OpenRead(capture), Signatures.Default, new TagOptions { EnabledVersions = versions }))
        {
            builder.Add(f);
        }

        builder.Flush();
        return sessions;
    }

    [Fact]
    public void RealCapture_AllVersions_MatchesBest7_7_3_AndCountsThePapersFramesToo()
    {
        var s = Sessions(RealCase).Should().ContainSingle().Subject;

        // The paper's rules come first in the model and take the frames they explain (Table I hosts, DNS names,
        // channel connections as presence, probes as peers); 7.7.3's rules take the rest, most of the login.
        s.Version.Should().Be("7.7.3");
        s.VersionCounts.Should().Equal(new VersionFrames("7.7.3", 901), new VersionFrames("6.3.0.197", 469));
        s.ClientBuild.Should().Be("335.0.7.7.3");
    }

    [Fact]
    public void RealCapture_7_7_3Alone_TagsTheWholeLoginWithIt()
    {
        var s = Sessions(RealCase, new HashSet<string>(StringComparer.Ordinal) { "7.7.3" }).Should().ContainSingle().Subject;

        s.VersionCounts.Should().Equal(new VersionFrames("7.7.3", 1370));
        s.Outcome.Should().Be(Outcomes.Success);
    }

    [Fact]
    public void PaperCase_AllVersions_MatchesThePapersVersion()
    {
        var s = Sessions(Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap")).Should().ContainSingle().Subject;

        s.VersionCounts.Should().Equal(new VersionFrames("6.3.0.197", 104));
    }

    [Fact]
    public void SessionsJson_SaysTheMatchedVersion_AndFramesPerVersion()
    {
        var r = CliRunner.Run("analyze", RealCase, "--sessions", "--format", "json");

        r.ExitCode.Should().Be(0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var session = json.RootElement.EnumerateArray().Should().ContainSingle().Subject;
        session.GetProperty("matchedVersion").GetString().Should().Be("7.7.3");
        session.GetProperty("versionFrames").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt32()}").Should().Equal("7.7.3=901", "6.3.0.197=469");
    }
}
