using System.Text.Json;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Sessions;

/// <summary>
/// Versions coexist: with every version enabled, each client's traffic is attributed to one version
/// (docs/tagging.md 2.1), the session names it, and says how many frames each version's rules tagged.
/// </summary>
public sealed class VersionMatchTests
{
    private static string RealCase => Path.Combine(RepoPaths.Cases, "real-skype-7.7.3", "capture.pcap");

    private static readonly IReadOnlySet<string> Only773 = new HashSet<string>(StringComparer.Ordinal) { "7.7.3" };

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

    private static List<FrameTag> Tags(IReadOnlySet<string>? versions) =>
        [.. CaptureTagger.Tag(File.OpenRead(RealCase), Signatures.Default, new TagOptions { EnabledVersions = versions })];

    [Fact]
    public void RealCapture_AllVersions_IsAttributedTo7_7_3()
    {
        var s = Sessions(RealCase).Should().ContainSingle().Subject;

        // The client names its build in frame 17 (335.0.7.7.3.rst11.r.skype.net). Frames 13-15 come before it and
        // every version matches them: a tie, so model order gives them 6.3.0.197, and so does flow memory to the
        // connections of 13 and of its fall-back 94 (7.7.3's timed fall-back follows only its own rule's
        // connections; 6.3.0.197's range covers 443): 31 frames, all login-server as 7.7.3 says.
        s.Version.Should().Be("7.7.3");
        s.MatchedVersion.Should().Be("7.7.3");
        s.VersionCounts.Should().Equal(new VersionFrames("7.7.3", 1679), new VersionFrames("6.3.0.197", 31));
        s.ClientBuild.Should().Be("335.0.7.7.3");
    }

    [Fact]
    public void RealCapture_AllVersions_GivesTheGroupsOf7_7_3Alone()
    {
        var all = Tags(null);
        var alone = Tags(Only773);

        all.Select(t => (t.Frame, t.Step, t.Group)).Should().Equal(alone.Select(t => (t.Frame, t.Step, t.Group)));
        long[] stream0 = [13, 25, 26, 27, 32, 33, 34, 35, 101, 299, 462, 514, 618, 700, 874, 876];
        long[] stream4 = [94, 124, 125, 126, 129, 130, 401, 455, 476, 548, 619, 735, 736];
        all.Where(t => t.Version != "7.7.3").Select(t => t.Frame).Should().Equal([.. stream0.Concat(stream4).Append(14).Append(15).Order()]);
    }

    [Fact]
    public void RealCapture_7_7_3Alone_TagsTheWholeLoginWithIt()
    {
        var s = Sessions(RealCase, Only773).Should().ContainSingle().Subject;

        s.VersionCounts.Should().Equal(new VersionFrames("7.7.3", 1710));
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
        session.GetProperty("version").GetString().Should().Be("7.7.3");
        session.GetProperty("matchedVersion").GetString().Should().Be("7.7.3");
        session.GetProperty("versionFrames").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt32()}").Should().Equal("7.7.3=1679", "6.3.0.197=31");
    }
}
