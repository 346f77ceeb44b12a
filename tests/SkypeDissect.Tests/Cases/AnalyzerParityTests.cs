using System.Globalization;
using SkypeDissect.Analyzer;
using SkypeDissect.Model;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>
/// The analyzer (<see cref="CaptureTagger"/>) against each case folder: the tagged frames are exactly
/// expected.tsv and the expert events exactly expected-experts.tsv, the same files tshark with the plugin is
/// held to. With SKYPEDISSECT_UPDATE_EXPECTED=1 the analyzer's output rewrites both files (review the diff).
/// </summary>
public sealed class AnalyzerParityTests
{
    public static TheoryData<string> Cases() => CaseFolder.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyzer_TagsExactlyTheExpectedFrames(string name)
    {
        var folder = new CaseFolder(name);
        var actual = Tags(CaptureBytes(folder), folder.Versions);
        if (RepoPaths.UpdateExpected && !folder.IsReal)
        {
            TagRows.Write(folder.Expected, actual);
        }

        var expected = TagRows.Read(folder.Expected);

        TagRows.Difference(expected, actual, folder.Describe()).Should().BeEmpty($"CaptureTagger.Tag must tag {folder.Expected} exactly");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analyzer_RaisesExactlyTheExpectedExperts(string name)
    {
        var folder = new CaseFolder(name);
        var actual = Experts(CaptureBytes(folder), folder.Versions);
        if (RepoPaths.UpdateExpected && !folder.IsReal)
        {
            File.WriteAllText(folder.ExpectedExperts, string.Concat(new[] { "frame\texpert" }.Concat(actual).Select(l => l + "\n")));
        }

        var expected = PluginParityTests.ReadExperts(folder.ExpectedExperts);

        actual.Should().Equal(expected, $"the analyzer's expert events in {name} must be those of {folder.ExpectedExperts} (docs/tagging.md section 4)");
    }

    public static TheoryData<string> NegativeCaptures() => NegativeCaptureTests.Captures();

    [Theory]
    [MemberData(nameof(NegativeCaptures))]
    public void Analyzer_OnNegativeCapture_TagsNothing(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Data, "negative", file));

        var tags = Tags(bytes);

        TagRows.Difference([], tags).Should().BeEmpty($"{file} holds no Skype login");
    }

    /// <summary>
    /// The real capture with every version enabled, as a user opens it (its case, real-skype-7.7.3, holds the
    /// reviewed expected files for 7.7.3 alone): the two implementations of one contract agree frame by frame.
    /// </summary>
    [SkippableFact]
    public void RealCapture_AnalyzerAndPlugin_AgreeFrameByFrame()
    {
        var capture = Path.Combine(RepoPaths.Data, "real", "skype-7.7.3-login-macos-2015.pcap");
        var plugin = PluginRun.Tags(capture);

        var analyzer = Tags(File.ReadAllBytes(capture));

        TagRows.Difference(plugin, analyzer).Should().BeEmpty("expected = tshark with the plugin, got = the analyzer");
    }

    /// <summary>
    /// The committed capture; when expected files are being rewritten, the capture as its scenario builds it
    /// now, since CaseCaptureTests may be rewriting the file at the same time.
    /// </summary>
    private static byte[] CaptureBytes(CaseFolder folder) =>
        RepoPaths.UpdateExpected && CaseCatalog.Find(folder.Name) is { } scenario
            ? scenario.Build().ToPcap()
            : File.ReadAllBytes(folder.Capture);

    internal static List<TagRow> Tags(byte[] capture, IReadOnlySet<string>? versions = null)
    {
        using var stream = new MemoryStream(capture, writable: false);
        return [.. CaptureTagger.Tag(stream, Signatures.Default, new TagOptions { EnabledVersions = versions }).Select(t => new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version))];
    }

    private static List<string> Experts(byte[] capture, IReadOnlySet<string>? versions)
    {
        using var stream = new MemoryStream(capture, writable: false);
        return [.. CaptureTagger.Analyze(stream, Signatures.Default, new TagOptions { EnabledVersions = versions })
            .Where(f => f.Expert is not null)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Tag.Frame}\t{f.Expert!.Kind.ToString().ToLowerInvariant()}"))];
    }
}
