using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// timed-retry in both implementations: each capture of <see cref="TimedRetryRuleTests"/> is tagged by tshark with the
/// committed plugin (7.7.3 alone) exactly as by the analyzer, and the cases that must tag something do.
/// </summary>
public sealed class TimedRetryParityTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-retry-");

    public void Dispose() => temp.Delete(recursive: true);

    public static TheoryData<string> Names() => new(TimedRetryRuleTests.Cases.Keys.Order(StringComparer.Ordinal));

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void Plugin_TagsTheCase_AsTheAnalyzer(string name)
    {
        var capture = Path.Combine(temp.FullName, name + ".pcap");
        File.WriteAllBytes(capture, Pcap.Ethernet(TimedRetryRuleTests.Cases[name]));
        var analyzer = TimedRetryRuleTests.RunCase(name).Select(t => new TagRow(t.Tag.Frame, t.Tag.Step, t.Tag.Group, t.Tag.Rule, t.Tag.Version)).ToList();

        var plugin = PluginRun.Tags(capture, TimedRetryRuleTests.Only773.EnabledVersions);

        plugin.Should().Equal(analyzer);
    }
}
