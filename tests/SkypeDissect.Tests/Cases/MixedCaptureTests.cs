namespace SkypeDissect.Tests.Cases;

/// <summary>
/// Precision of the login-gated rules where it is at risk: the real 7.7.3 login mixed with the 15 negative captures,
/// re-addressed to the Skype client and shifted into its login (<see cref="MixedCapture"/>): during the login
/// attempts (20 s), right after the login channel's answer (53.1 s: frame 1277 is at 53.078 s) and among the peers
/// (60 s). The analyzer and the plugin tag exactly the real login's reviewed frames (expected.tsv, 7.7.3 alone) and
/// none of the other applications' frames; with every version enabled, no frame of theirs either.
/// </summary>
public sealed class MixedCaptureTests : IDisposable
{
    private static readonly IReadOnlySet<string> Only773 = new HashSet<string>(StringComparer.Ordinal) { "7.7.3" };

    private static readonly CaseFolder Real = new("real-skype-7.7.3");

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-mixed-");

    public void Dispose() => temp.Delete(recursive: true);

    public static TheoryData<double> Offsets() => new([20, 53.1, 60]);

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Analyzer_TagsTheReviewedLogin_AndNoFrameOfTheOtherApplications(double offset)
    {
        var mixed = MixedCapture.Build(offset);

        var actual = AnalyzerParityTests.Tags(mixed.Pcap, Only773);

        TagRows.Difference(Expected(mixed), actual, Describe(mixed)).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Analyzer_AllVersions_TagsNoFrameOfTheOtherApplications(double offset)
    {
        var mixed = MixedCapture.Build(offset);

        var actual = AnalyzerParityTests.Tags(mixed.Pcap);

        Negatives(mixed, actual).Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(Offsets))]
    public void Plugin_TagsTheReviewedLogin_AndNoFrameOfTheOtherApplications(double offset)
    {
        var mixed = MixedCapture.Build(offset);
        var path = Write(mixed, offset);

        var actual = PluginRun.Tags(path, Only773);

        TagRows.Difference(Expected(mixed), actual, Describe(mixed)).Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(Offsets))]
    public void Plugin_AllVersions_TagsNoFrameOfTheOtherApplications(double offset)
    {
        var mixed = MixedCapture.Build(offset);
        var path = Write(mixed, offset);

        var actual = PluginRun.Tags(path);

        Negatives(mixed, actual).Should().BeEmpty();
    }

    [Fact]
    public void MixedCapture_HoldsEveryFrameOfAll_InTimeOrder_WithTheirClientReaddressed()
    {
        var mixed = MixedCapture.Build(53.1);
        var negatives = mixed.Origins.Where(o => o.Source != MixedCapture.Real).GroupBy(o => o.Source).ToDictionary(g => g.Key, g => g.Count());

        mixed.RealFrames.Should().HaveCount(2146);
        negatives.Keys.Should().BeEquivalentTo(
            Directory.EnumerateFiles(Path.Combine(Support.RepoPaths.Data, "negative")).Where(NegativeCaptureTests.IsCapture).Select(Path.GetFileName),
            "every negative capture takes part");
        negatives.Values.Sum().Should().BeGreaterThan(6000);

        // The real login's frames keep their order; the negatives' clients are the Skype client now.
        mixed.RealFrames.OrderBy(p => p.Key).Select(p => p.Value).Should().BeInAscendingOrder();
        foreach (var (name, clients) in MixedCapture.Clients)
        {
            var original = MixedCapture.Read(File.ReadAllBytes(Path.Combine(Support.RepoPaths.Data, "negative", name)));
            var fromClients = original.Count(r => MixedCapture.Ipv4Source(r.Data) is { } a && clients.Select(MixedCapture.Address).Contains(a));
            FromSkypeClient(mixed, name).Should().Be(fromClients, $"the frames {name}'s client sent come from the Skype client now");
        }

        FromSkypeClient(mixed, "webex.pcap").Should().Be(585, "webex's client 10.8.0.1 sends 585 frames");
    }

    private static IReadOnlyList<TagRow> Expected(MixedCapture.Mixed mixed)
    {
        var numbers = mixed.RealFrames;
        return [.. TagRows.Read(Real.Expected).Select(r => r with { Frame = numbers[r.Frame] })];
    }

    private static List<string> Negatives(MixedCapture.Mixed mixed, IReadOnlyList<TagRow> actual) =>
        [.. actual.Where(r => mixed.Origins[(int)r.Frame - 1].Source != MixedCapture.Real)
            .Select(r => $"frame {r.Frame} ({mixed.Origins[(int)r.Frame - 1].Source} frame {mixed.Origins[(int)r.Frame - 1].Frame}): {r.Tag}")];

    private static Func<long, string?> Describe(MixedCapture.Mixed mixed) =>
        frame => frame >= 1 && frame <= mixed.Origins.Count ? $"{mixed.Origins[(int)frame - 1].Source} frame {mixed.Origins[(int)frame - 1].Frame}" : null;

    private static int FromSkypeClient(MixedCapture.Mixed mixed, string source)
    {
        var client = MixedCapture.Address(MixedCapture.SkypeClient);
        return MixedCapture.Read(mixed.Pcap).Count(r => mixed.Origins[(int)r.Frame - 1].Source == source && MixedCapture.Ipv4Source(r.Data) == client);
    }

    private string Write(MixedCapture.Mixed mixed, double offset)
    {
        var path = Path.Combine(temp.FullName, $"mixed-{offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pcap");
        File.WriteAllBytes(path, mixed.Pcap);
        return path;
    }
}
