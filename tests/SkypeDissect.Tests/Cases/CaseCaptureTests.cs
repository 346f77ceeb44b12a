using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>
/// Captures are reproducible: each committed capture.pcap is exactly what its scenario builds today. With
/// SKYPEDISSECT_UPDATE_EXPECTED=1 the captures are rewritten instead (review the diff of expected.tsv after).
/// </summary>
public sealed class CaseCaptureTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var c in CaseCatalog.All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Capture_RebuiltFromScenario_IsByteIdentical(string name)
    {
        var scenario = CaseCatalog.Find(name)!;
        var folder = new CaseFolder(name);
        var built = scenario.Build().ToPcap();
        if (RepoPaths.UpdateExpected)
        {
            Directory.CreateDirectory(folder.Directory);
            File.WriteAllBytes(folder.Capture, built);
        }

        File.Exists(folder.Capture).Should().BeTrue($"{name} needs its capture; build it with SKYPEDISSECT_UPDATE_EXPECTED=1");
        var committed = File.ReadAllBytes(folder.Capture);
        var firstDifference = FirstDifference(committed, built);
        firstDifference.Should().Be(-1, $"{folder.Capture} must be what {scenario.Source} builds ({committed.Length} bytes committed, {built.Length} built)");
    }

    [Fact]
    public void Catalog_AndCaseFolders_NameTheSameCases()
    {
        var folders = CaseFolder.All().Where(c => !c.IsReal).Select(c => c.Name);
        folders.Should().BeEquivalentTo(CaseCatalog.All.Select(c => c.Name), "every case folder but the real captures is built by a scenario, and every scenario has its folder");
    }

    [Fact]
    public void Scenarios_BuiltTwice_AreByteIdentical()
    {
        foreach (var scenario in CaseCatalog.All)
        {
            scenario.Build().ToPcap().Should().Equal(scenario.Build().ToPcap(), $"{scenario.Source} must not depend on anything but its own values");
        }
    }

    [Fact]
    public void Scenarios_FrameTimes_AreDistinct()
    {
        // Two frames at the same microsecond would be ordered by the order of writing alone; the expected
        // files are easier to reason about when time alone orders the capture.
        foreach (var scenario in CaseCatalog.All)
        {
            var times = scenario.Build().Frames.Select(f => f.Micros).ToList();
            times.Should().OnlyHaveUniqueItems($"{scenario.Source} should not put two frames at the same microsecond");
        }
    }

    private static long FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return a.Length == b.Length ? -1 : n;
    }
}
