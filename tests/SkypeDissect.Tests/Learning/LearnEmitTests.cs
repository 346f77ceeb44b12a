using SkypeDissect.Analyzer;
using SkypeDissect.Cli;
using SkypeDissect.Cli.Commands;
using SkypeDissect.Learning;
using SkypeDissect.Learning.CSharp;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// <c>learn --emit</c> writes a draft to review, judged by what it tags on the shared capture against the reviewed
/// expected file (tests/cases/real-skype-7.7.3/expected.tsv), and never replaces a file people own without --force.
/// </summary>
public sealed class LearnEmitTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-emit-");

    private static string Expected => Path.Combine(RepoPaths.Cases, "real-skype-7.7.3", "expected.tsv");

    public void Dispose() => dir.Delete(recursive: true);

    /// <summary>The draft of the real capture against a base, checked against the capture as the CLI checks it.</summary>
    internal static ClientVersion Draft(string baseVersion) =>
        VersionDraft.Draft(Learned.Learn(Learned.RealCapture, "7.7.3", baseVersion), Signatures.Default.Version(baseVersion)!, _ => File.OpenRead(Learned.RealCapture));

    /// <summary>Frames the draft tags as the review did (same step and group), the frames it tags, and the frames the review tags.</summary>
    private static (int Right, int Tagged, int Reviewed) Score(ClientVersion draft)
    {
        using var capture = File.OpenRead(Learned.RealCapture);
        var tags = CaptureTagger.Tag(capture, new SignatureModel([draft])).ToDictionary(t => t.Frame, t => (t.Step, t.Group));
        var reviewed = TagRows.Read(Expected).ToDictionary(r => r.Frame, r => (r.Step, r.Group));
        return (tags.Count(t => reviewed.TryGetValue(t.Key, out var r) && r == t.Value), tags.Count, reviewed.Count);
    }

    /// <summary>
    /// Captures that disagree (a paper-style login and the real 7.7.3 one, learned as one version): a base rule
    /// dropped for tagging flows of other groups can come back as the address rule the draft makes for its group,
    /// under the same id. The check stops there, keeping the learned rule, instead of dropping it again and again.
    /// </summary>
    [Fact]
    public async Task Draft_OfCapturesThatDisagree_Ends()
    {
        var paper = new CaseFolder("login-normal").Capture;
        string[] paths = [paper, Learned.RealCapture];
        using var first = File.OpenRead(paths[0]);
        using var second = File.OpenRead(paths[1]);
        var report = Learner.Learn([new CaptureInput("capture.pcap", first), new CaptureInput("real.pcap", second)], Signatures.Default.Version("6.3.0.197")!, "9.9.9");

        var drafting = Task.Run(() => VersionDraft.Draft(report, Signatures.Default.Version("6.3.0.197")!, i => File.OpenRead(paths[i])));

        var ended = await Task.WhenAny(drafting, Task.Delay(TimeSpan.FromSeconds(60)));

        ended.Should().BeSameAs(drafting, "the draft check ends");
        (await drafting).Rules.Should().NotBeEmpty();
    }

    [Fact]
    public void Draft_AgainstThePaper_TagsOnlyWhatTheReviewTags_AndMostOfIt()
    {
        var (right, tagged, reviewed) = Score(Draft("6.3.0.197"));

        // Precision 1.0; recall 1030 / 1710 = 0.602. The 680 frames the draft leaves are those of the rules the review
        // added by hand: the gateway's TLS session by its certificate (echo-cert, 340), the relays on 13392 (the
        // Skype-run nodes' TCP, flow F: supernode-relay, 166) and the peers by the client's retry timer (peer-retry
        // and peer-fallback, 174).
        (right, tagged, reviewed).Should().Be((1030, 1030, 1710));
    }

    [Fact]
    public void Draft_AgainstTheVersionMadeFromTheCapture_TagsExactlyWhatTheReviewTags()
    {
        Score(Draft("7.7.3")).Should().Be((1710, 1710, 1710));
    }

    [Fact]
    public void Draft_AgainstThePaper_DropsTheBaseRuleThatTagsLoginAttemptsAsPresence_AndSaysWhy()
    {
        var draft = Draft("6.3.0.197");

        ModelValidator.Validate(new SignatureModel([draft])).Should().BeEmpty();
        draft.Rules.Select(r => r.Id).Should().NotContain("presence-range");
        draft.Provenance.Note.Should().EndWith("dropped from the base: presence-range (on the capture it tags 9 flows the learner puts in other groups "
            + "(login-server 9; frames 601, 792, 899-900, 1026, 1095, 1213-1215))");
    }

    [Fact]
    public void Draft_GeneralisesToNetworksRangesAndTimers_NotToTheHostsSeen()
    {
        var v = Draft("6.3.0.197");
        var login = v.Rules.Single(r => r.Id == "login-range");
        Ranges(login).Should().OnlyContain(r => r.FirstHost == 0 && r.LastHost == 255).And.HaveCount(9);
        login.Endpoints.Select(e => e.ToString()).Should().Equal("udp/33033", "udp/40001-40047", "tcp/33033", "tcp/40001-40047");
        Ranges(v.Rules.Single(r => r.Id == "feedback-range")).Select(r => r.Network).Should().Equal(["91.190.216", "91.190.218"],
            "the networks the capture shows; that 91.190.216.0/21 is Skype's is the review's knowledge, in Skype773.cs");
        v.Rules.Where(r => r.Kind.Needs.HasFlag(FrameNeeds.Opening)).Select(r => (r.Id, r.Parameters[0].Value, r.Parameters[1].Value))
            .Should().Equal(("login-fallback", "login-range", 3.0), ("feedback-fallback", "feedback-range", 3.0));
        v.Rules.Where(r => r.Kind.Needs.HasFlag(FrameNeeds.Dns)).Select(r => ((DomainPattern)r.Parameters[0].Value!).Pattern).Should().Equal(
            "dsn{0-17}.d.skype.net", "{0-99999}.{build}.rst{0-13}.r.skype.net", "ui.skype.com", "{label}.gateway.messenger.live.com", "connect.facebook.com");
        v.Rules.Should().NotContain(r => r.Kind.Needs.HasFlag(FrameNeeds.FirstPayload), "no opener rule: the group of 16 03 01 00 00 is the review's call");
    }

    [Fact]
    public void Emit_WritesADraftToReview_WithTheCommandInItsHeader()
    {
        var path = Path.Combine(dir.FullName, "Skype773.cs");

        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--base", "6.3.0.197", "--emit", path);

        r.ExitCode.Should().Be(0, r.Error);
        r.Error.Should().Be($"skypedissect: wrote {path} (20 rules of 7.7.3, a draft to review)\n");
        var text = File.ReadAllText(path);
        text.Should().StartWith("// Skype 7.7.3: a DRAFT of a client version, learned from the capture skype-7.7.3-login-macos-2015.pcap by\n"
            + "//     skypedissect learn skype-7.7.3-login-macos-2015.pcap --as 7.7.3 --base 6.3.0.197 --emit\n");
        foreach (var rule in Draft("6.3.0.197").Rules)
        {
            text.Should().Contain($"        new {rule.GetType().Name}(\n            \"{rule.Id}\",\n");
        }

        dir.GetFiles().Select(f => f.Name).Should().Equal(["Skype773.cs"], "nothing else is written");
    }

    [Fact]
    public void Emit_OverAnExistingFile_RefusesWithExitCode6_AndChangesNothing()
    {
        var path = Path.Combine(dir.FullName, "Skype773.cs");
        File.WriteAllText(path, "// reviewed\n");

        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--emit", path);

        r.ExitCode.Should().Be((int)ExitCode.OutputExists).And.Be(6);
        r.Error.Should().Be($"skypedissect: {path} exists (a reviewed version belongs to people); not replaced: give another path, or --force to replace it\n");
        r.Output.Should().BeEmpty("the refusal comes before any work");
        File.ReadAllText(path).Should().Be("// reviewed\n");
    }

    [Fact]
    public void Emit_OverTheReviewed773_ByDefault_Refuses()
    {
        var repo = Directory.CreateDirectory(Path.Combine(dir.FullName, "repo", LearnCommand.VersionsFolder));
        File.Copy(Path.Combine(RepoPaths.Root, LearnCommand.VersionsFolder, "Skype773.cs"), Path.Combine(repo.FullName, "Skype773.cs"));

        // A child process, so that the default path is under its own working folder.
        var (code, output, error) = AnalyzeWritesNothingTests.Run(Path.Combine(dir.FullName, "repo"), ["learn", Learned.RealCapture, "--as", "7.7.3", "--emit"]);

        (code, output).Should().Be((6, ""));
        error.Should().Be($"skypedissect: {Path.Combine(LearnCommand.VersionsFolder, "Skype773.cs")} exists (a reviewed version belongs to people); not replaced: give another path, or --force to replace it\n");
        File.ReadAllBytes(Path.Combine(repo.FullName, "Skype773.cs")).Should().Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, LearnCommand.VersionsFolder, "Skype773.cs")));
    }

    [Fact]
    public void Emit_WithForce_ReplacesTheFile()
    {
        var path = Path.Combine(dir.FullName, "Skype773.cs");
        File.WriteAllText(path, "// reviewed\n");

        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--base", "7.7.3", "--emit", path, "--force");

        r.ExitCode.Should().Be(0, r.Error);
        File.ReadAllText(path).Should().StartWith("// Skype 7.7.3: a DRAFT");
    }

    [Fact]
    public void Emit_IntoAMissingFolder_WritesNothing_AndSaysWhy()
    {
        var path = Path.Combine(dir.FullName, "absent", "Skype773.cs");

        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--emit", path);

        r.ExitCode.Should().Be((int)ExitCode.EnvironmentError, "the output cannot be written");
        r.Error.Should().StartWith($"skypedissect: cannot emit to {path}: folder ").And.EndWith(" does not exist (run from the repository root or give a path)\n");
        Directory.Exists(Path.Combine(dir.FullName, "absent")).Should().BeFalse();
    }

    [Fact]
    public void Skype773_IsAReviewedFile_PeopleOwn()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, LearnCommand.VersionsFolder, "Skype773.cs"));

        text.Should().StartWith("// Skype 7.7.3: a REVIEWED client version. People own this file: edit it by hand.\n");
        text.Should().NotContain("Do not edit").And.NotContain("ReviewDecisions");
    }

    [Fact]
    public void DefaultEmitPath_IsTheModelsVersionsFolder_UnderTheCurrentFolder()
    {
        LearnCommand.DefaultEmitPath("7.7.3").Should().Be(Path.Combine("src/SkypeDissect.Model/Versions", "Skype773.cs"));
        VersionSourceGenerator.ClassName("10.2.0.15").Should().Be("Skype102015");
    }

    [Fact]
    public void Quote_EscapesWhatCouldEndTheLiteral()
    {
        CSharpText.Quote("a\"b\\c\nd\u00e9").Should().Be("\"a\\\"b\\\\c\\u000ad\\u00e9\"");
        CSharpText.Comment("x\ny").Should().Be("x?y");
    }

    private static IReadOnlyList<AddressRange> Ranges(Rule r) => r.Parameters.Select(p => p.Value).OfType<IReadOnlyList<AddressRange>>().Single();
}
