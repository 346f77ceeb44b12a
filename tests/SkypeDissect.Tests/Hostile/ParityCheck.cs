using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Hostile;

/// <summary>The tags of both implementations on one capture built by a test.</summary>
internal sealed record ParityResult(IReadOnlyList<TagRow> Analyzer, IReadOnlyList<TagRow> Plugin)
{
    /// <summary>The frame numbers the analyzer tagged, in order.</summary>
    public IReadOnlyList<long> AnalyzerFrames => [.. Analyzer.Select(t => t.Frame)];

    /// <summary>Fails with the differing frames when the plugin and the analyzer disagree.</summary>
    public void ShouldAgree(string because)
    {
        TagRows.Difference(Plugin, Analyzer).Should().BeEmpty($"expected = tshark with the plugin, got = the analyzer ({because})");
    }
}

/// <summary>
/// Writes a capture a hostile test built into a temporary file, then tags it with the analyzer library and
/// with tshark running the generated plugin (docs/tagging.md: one contract, two implementations).
/// </summary>
internal static class ParityCheck
{
    public static ParityResult Run(byte[] capture, string name, IReadOnlyDictionary<string, string>? environment = null, bool pcapng = false)
    {
        var (analyzer, error) = BrokenFileTests.Read(new MemoryStream(capture, writable: false));
        error.Should().BeNull($"{name} is a readable capture");
        var dir = Directory.CreateTempSubdirectory("skypedissect-parity-");
        try
        {
            var path = Path.Combine(dir.FullName, name + (pcapng ? ".pcapng" : ".pcap"));
            File.WriteAllBytes(path, capture);
            return new ParityResult(analyzer, PluginRun.Tags(path, environment: environment));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>An Ethernet capture of the frames, one every 10 ms from <see cref="LoginFrames.Start"/> unless timed.</summary>
    public static byte[] Ethernet(IEnumerable<byte[]> frames) =>
        Pcap.Write(1, frames.Select((f, i) => new TestFrame(LoginFrames.Start + (i * 0.01), f)));
}
