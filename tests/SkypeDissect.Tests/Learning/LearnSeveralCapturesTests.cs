using SkypeDissect.Analyzer;
using SkypeDissect.Learning;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// <c>learn A B --as V</c>: two sessions of one client are more evidence for the same facts. The second session is
/// the real capture re-addressed (every server the next host of its /24, client 192.168.1.77 on Skype port 24011),
/// with other name indexes and another build (dsn16, rst12, 336.0.7.8.5), a day and a quarter second later. Each fact
/// names the captures it was seen in: a name or a build only one session asked is listed with that session, and a
/// fact both show pools their evidence (hosts, pairs, samples).
/// </summary>
public sealed class LearnSeveralCapturesTests : IDisposable
{
    private const string Second = "another-day.pcap";

    private static readonly Lazy<byte[]> AnotherDayLazy = new(() => CaptureVariant.Derive(File.ReadAllBytes(Learned.RealCapture), new CaptureVariant.Changes(
        a => (a >> 16) != ((192u << 8) | 168) && a != ((23u << 24) | (206 << 16) | (33 << 8) | 166) && a >> 28 < 14 ? a ^ 1 : a == Client ? Client + 43 : a,
        p => p == 13021 ? 24011 : p,
        86_400_250_000,
        [Swap("dsn13", "dsn16"), Swap("rst11", "rst12"), Swap("335.0.7.7.3", "336.0.7.8.5")])));

    private static readonly Lazy<LearnReport> BothLazy = new(() => Learn("6.3.0.197"));

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-several-");

    private const uint Client = (192u << 24) | (168 << 16) | (1 << 8) | 34;

    private static string First => Path.GetFileName(Learned.RealCapture);

    private static LearnReport Both => BothLazy.Value;

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void Learn_TwoSessions_SummarisesEach()
    {
        Both.Captures.Select(c => (c.Name, c.Client, c.SkypePort, c.Build, c.Frames)).Should().Equal(
            (First, "192.168.1.34", 13021, "335.0.7.7.3", 2146L), (Second, "192.168.1.77", 24011, "336.0.7.8.5", 2146L));
    }

    [Fact]
    public void Learn_TwoSessions_NamesEachNameWithTheSessionThatAskedIt()
    {
        var rst = Both.Dns.Single(d => d.Group == GroupIds.Feedback);
        rst.Pattern.Should().Be("{0-99999}.{build}.rst{0-13}.r.skype.net");
        rst.Names.Select(n => (n.Name, n.SeenIn.Single().Capture)).Should().Equal(
            ("335.0.7.7.3.rst0.r.skype.net", First), ("335.0.7.7.3.rst11.r.skype.net", First),
            ("336.0.7.8.5.rst0.r.skype.net", Second), ("336.0.7.8.5.rst12.r.skype.net", Second));
        rst.SeenIn.Select(s => (s.Capture, s.Frames.Count)).Should().Equal((First, 28), (Second, 28));
        Both.Dns.Single(d => d.Pattern == "dsn{0-17}.d.skype.net").Names.Select(n => n.Name).Should().Equal("dsn13.d.skype.net", "dsn16.d.skype.net");
    }

    [Fact]
    public void Learn_TwoSessions_PoolsWhatBothShow()
    {
        var fallback = Both.Timing.Single(t => t.Group == GroupIds.LoginServer && t.Kind == "fallback");
        fallback.Count.Should().Be(38, "19 pairs in each session");
        fallback.SeenIn.Select(s => s.Capture).Should().Equal(First, Second);
        fallback.SeenIn[1].Frames.Should().Equal(fallback.SeenIn[0].Frames, "the second session is the first re-addressed");
        var net = Both.Networks.Single(n => n.Network == "111.221.74");
        var one = Learned.Real.Networks.Single(n => n.Network == "111.221.74").Hosts;
        net.Hosts.Should().Equal(one.Concat(one.Select(h => h ^ 1)).Distinct().Order(), "each session reached its own hosts of the /24");
        Both.Endpoints.Single(e => e.Group == GroupIds.LoginServer && e is { Transport: "udp", FirstPort: 40001 }).Flows.Should().Be(260);
        Both.Timing.Where(t => t.Kind is "order" or "first-attempt").Select(t => (t.Kind, t.SeenIn.Single().Capture))
            .Should().Equal(("order", First), ("first-attempt", First), ("order", Second), ("first-attempt", Second));
    }

    [Fact]
    public void Draft_OfTwoSessions_NamesBothInItsProvenance_AndTagsEachAsTheReview()
    {
        var draft = VersionDraft.Draft(Both, Signatures.Default.Version("6.3.0.197")!, i => new MemoryStream(i == 0 ? File.ReadAllBytes(Learned.RealCapture) : AnotherDayLazy.Value));

        draft.Provenance.Source.Should().Be($"capture:{First}, {Second}");
        draft.Provenance.Where.Should().Be($"{First}: frames 1-2146; {Second}: frames 1-2146");
        draft.Rules.Single(r => r.Id == "login-fallback").Provenance.Where.Should().StartWith($"{First}: frames 13, 94, ").And.Contain($"; {Second}: frames 13, 94, ");
        var reviewed = TagRows.Read(Path.Combine(RepoPaths.Cases, "real-skype-7.7.3", "expected.tsv")).ToDictionary(r => r.Frame, r => (r.Step, r.Group));
        foreach (var capture in new[] { File.ReadAllBytes(Learned.RealCapture), AnotherDayLazy.Value })
        {
            var tags = CaptureTagger.Tag(new MemoryStream(capture), new SignatureModel([draft])).ToList();
            tags.Where(t => !reviewed.TryGetValue(t.Frame, out var r) || !r.Equals((t.Step, t.Group))).Should().BeEmpty("precision 1.0 on each session");
            tags.Should().HaveCount(1030);
        }
    }

    [Fact]
    public void Cli_LearnTwoFiles_TableGivesEachCaptureAndItsFrames()
    {
        var second = Path.Combine(dir.FullName, Second);
        File.WriteAllBytes(second, AnotherDayLazy.Value);

        var r = CliRunner.Run("learn", Learned.RealCapture, second, "--as", "7.7.3");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith($"Learning 7.7.3 from {First}, {Second}, compared with 6.3.0.197\n"
            + $"  {First}: 2146 frames, 76.948 s; client 192.168.1.34; Skype UDP port 13021 (frame 517); build in DNS names 335.0.7.7.3\n"
            + $"  {Second}: 2146 frames, 76.948 s; client 192.168.1.77; Skype UDP port 24011 (frame 517); build in DNS names 336.0.7.8.5\n");
        r.Output.Should().Contain($"      frames: {First} 14-15,65-66,149-150,465-466,493-494,693-694,827-828; {Second} 14-15,65-66,149-150,465-466,493-494,693-694,827-828\n");

        var json = CliRunner.Run("learn", Learned.RealCapture, second, "--as", "7.7.3", "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Output);
        var dsn = doc.RootElement.GetProperty("dns").EnumerateArray().Single(d => d.GetProperty("pattern").GetString() == "dsn{0-17}.d.skype.net");
        dsn.GetProperty("seenIn").EnumerateArray().Select(s => s.GetProperty("capture").GetString()).Should().Equal(First, Second);
        dsn.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("seenIn").EnumerateArray().Single().GetProperty("capture").GetString())
            .Should().Equal(First, Second);
    }

    [Fact]
    public void Cli_LearnTwoFiles_OneMissing_IsOneLineAndExit3()
    {
        var missing = Path.Combine(dir.FullName, "none.pcap");

        var r = CliRunner.Run("learn", Learned.RealCapture, missing, "--as", "7.7.3");

        r.ExitCode.Should().Be(3);
        r.Error.Should().StartWith($"skypedissect: {missing}: cannot read: ").And.EndWith("\n");
        r.Error.Count(c => c == '\n').Should().Be(1);
        r.Output.Should().BeEmpty();
    }

    [Fact]
    public void Cli_LearnTheSameFileTwice_IsAUsageError()
    {
        var r = CliRunner.Run("learn", Learned.RealCapture, Learned.RealCapture, "--as", "7.7.3");

        (r.ExitCode, r.Output).Should().Be((2, ""));
        r.Error.Should().Be($"skypedissect: {Learned.RealCapture} is given twice; each capture counts once\n");
    }

    [Fact]
    public void Cli_LearnTwoFilesOfOneName_NamesThemByTheirPaths()
    {
        var other = Directory.CreateDirectory(Path.Combine(dir.FullName, "b"));
        var copy = Path.Combine(other.FullName, First);
        File.WriteAllBytes(copy, AnotherDayLazy.Value);

        var r = CliRunner.Run("learn", Learned.RealCapture, copy, "--as", "7.7.3");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith($"Learning 7.7.3 from {Learned.RealCapture}, {copy}, compared with 6.3.0.197\n");
    }

    private static LearnReport Learn(string baseVersion)
    {
        using var first = File.OpenRead(Learned.RealCapture);
        using var second = new MemoryStream(AnotherDayLazy.Value);
        return Learner.Learn([new CaptureInput(First, first), new CaptureInput(Second, second)], Signatures.Default.Version(baseVersion)!, "7.7.3");
    }

    private static (byte[] From, byte[] To) Swap(string from, string to) => (CaptureVariant.Labels(from), CaptureVariant.Labels(to));
}
