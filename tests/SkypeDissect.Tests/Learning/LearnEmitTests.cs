using SkypeDissect.Analyzer.Learning;
using SkypeDissect.Cli;
using SkypeDissect.Cli.Commands;
using SkypeDissect.Generator.CSharp;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// <c>learn --emit</c>: the committed 7.7.3 version file is the tool's output byte for byte (nobody edited it), the
/// compiled class renders back to the same file, and the command writes only where it says.
/// </summary>
public sealed class LearnEmitTests : IDisposable
{
    private const string Command = "skypedissect learn skype-7.7.3-login-macos-2015.pcap --as 7.7.3 --base 6.3.0.197 --emit";

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-emit-");

    private static string Committed => Path.Combine(RepoPaths.Root, "src", "SkypeDissect.Model", "Versions", "Skype773.cs");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void Emit_OnTheRealCapture_WritesTheCommittedVersionFile_ByteForByte()
    {
        var path = Path.Combine(dir.FullName, "Skype773.cs");

        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--base", "6.3.0.197", "--emit", path);

        r.ExitCode.Should().Be(0, r.Error);
        r.Error.Should().Be($"skypedissect: wrote {path} (20 rules of 7.7.3)\n");
        File.ReadAllBytes(path).Should().Equal(File.ReadAllBytes(Committed), "the committed file must be what learn --emit writes; change the learner, not the file");
        dir.GetFiles().Select(f => f.Name).Should().Equal(["Skype773.cs"], "nothing else is written");
    }

    [Fact]
    public void Generate_OfTheCompiledVersion_GivesTheCommittedFile()
    {
        var text = VersionSourceGenerator.Generate(Skype773.Version, "skype-7.7.3-login-macos-2015.pcap", Command);

        text.Should().Be(File.ReadAllText(Committed).Replace("\r\n", "\n", StringComparison.Ordinal), "the class compiled from the file holds exactly what the file says");
    }

    [Fact]
    public void Draft_OfTheRealCapture_IsValid_AndCarriesTheReviewReasons()
    {
        var version = VersionDraft.Draft(Learned.Learn(Learned.RealCapture, "7.7.3", "6.3.0.197"), PaperVersions.Skype6_3);

        ModelValidator.Validate(new SignatureModel([version])).Should().BeEmpty();
        version.Rules.Select(r => r.Id).Should().NotContain(["presence-learned", "presence-range"], "the review drops them (ReviewDecisions.Dropped)");
        version.Rules.OfType<AddressRangeRule>().Single(r => r.Id == "login-range").Provenance.Note.Should().Be(ReviewDecisions.WholeNetworks);
        version.Rules.OfType<DnsNameRule>().Single(r => r.Id == "echo-dns").Domain.Pattern.Should().Be("{label}.gateway.messenger.live.com");
    }

    [Fact]
    public void Draft_GeneralisesToNetworksRangesAndTimers_NotToTheHostsSeen()
    {
        var v = Skype773.Version;
        var login = v.Rules.OfType<AddressRangeRule>().Single(r => r.Id == "login-range");
        login.Ranges.Should().OnlyContain(r => r.FirstHost == 0 && r.LastHost == 255).And.HaveCount(9);
        login.Endpoints.Select(e => e.ToString()).Should().Equal("udp/33033", "udp/40001-40047", "tcp/33033", "tcp/40001-40047");
        v.Rules.OfType<AddressRangeRule>().Single(r => r.Id == "feedback-range").Ranges.Select(r => r.Network)
            .Should().Equal("91.190.216", "91.190.217", "91.190.218", "91.190.219", "91.190.220", "91.190.221", "91.190.222", "91.190.223");
        v.Rules.OfType<TimedFallbackRule>().Select(t => (t.Id, t.After, t.MaxDelaySeconds))
            .Should().Equal(("login-fallback", "login-range", 3.0), ("feedback-fallback", "feedback-range", 3.0),
                ("feedback-port-fallback", "feedback-port", 3.0), ("peer-fallback", "peer-retry", 3.0));
        v.Rules.OfType<AfterLoginRule>().Select(r => (r.Id, r.Endpoints.Single().ToString(), r.Gate))
            .Should().Equal(("skype-server", "tcp/33033", Gate.LoginComplete), ("feedback-port", "tcp/12350", Gate.LoginSeen), ("supernode-relay", "tcp/13392", Gate.LoginComplete));
        v.Rules.OfType<TimedRetryRule>().Single().Endpoints.Single().ToString().Should().Be("tcp/1024-65535");
        v.Rules.OfType<PayloadPrefixRule>().Single().Should().Match<PayloadPrefixRule>(p => p.Prefix == "16 03 01 00 00" && p.ExactLength == 5 && p.Endpoints.Count == 0 && p.Gate == Gate.LoginComplete);
        v.Rules.OfType<DnsNameRule>().Select(r => r.Domain.Pattern).Should().Equal(
            "dsn{0-17}.d.skype.net", "{0-99999}.{build}.rst{0-13}.r.skype.net", "ui.skype.com", "{label}.gateway.messenger.live.com", "connect.facebook.com");
    }

    [Fact]
    public void Emit_IntoAMissingFolder_WritesNothing_AndSaysWhy()
    {
        var path = Path.Combine(dir.FullName, "absent", "Skype773.cs");

        var r = CliRunner.Run("learn", Learned.RealCapture, "--as", "7.7.3", "--emit", path);

        r.ExitCode.Should().Be((int)ExitCode.InputError);
        r.Error.Should().StartWith($"skypedissect: cannot emit to {path}: folder ").And.EndWith(" does not exist (run from the repository root or give a path)\n");
        Directory.Exists(Path.Combine(dir.FullName, "absent")).Should().BeFalse();
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
}
