using System.Buffers.Binary;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// login-normal captured with a small snapshot length: every frame is cut, its original length kept. Tagging
/// works on what is there, as in Wireshark: the analyzer and tshark with the plugin tag the same frames.
/// </summary>
public sealed class SnapLengthTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-snap-");

    public void Dispose() => dir.Delete(recursive: true);

    /// <summary>login-normal with every record cut to <paramref name="snapLength"/> bytes (the header says so too).</summary>
    public static byte[] Cut(int snapLength)
    {
        var header = BaseCapture.Bytes[..24];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)snapLength);
        return [.. header, .. BaseCapture.Records.SelectMany(r => BaseCapture.PcapRecord(r, data: r.Data[..Math.Min(snapLength, r.Data.Length)]))];
    }

    [Theory]
    [InlineData(34)]
    [InlineData(38)]
    [InlineData(46)]
    [InlineData(54)]
    [InlineData(64)]
    [InlineData(96)]
    [InlineData(160)]
    public void CutFrames_AnalyzerAndPlugin_TagTheSameFrames(int snapLength)
    {
        var bytes = Cut(snapLength);
        var path = Path.Combine(dir.FullName, $"snap{snapLength}.pcap");
        File.WriteAllBytes(path, bytes);

        var (analyzer, error) = BrokenFileTests.Read(new MemoryStream(bytes, writable: false));
        var plugin = PluginRun.Tags(path);

        error.Should().BeNull("a snapshot length is no damage");
        TagRows.Difference(plugin, analyzer).Should().BeEmpty($"snaplen {snapLength}: expected = tshark with the plugin, got = the analyzer");
    }

    [Fact]
    public void Snap54_HeadersOnly_OnlyAddressRangesAndTheSkypePortTag()
    {
        // 14 + 20 + 20 bytes: ports and flags are there, no DNS question (42 + 12 bytes of DNS header), so no
        // name is matched and no address learned: what remains is what Table I's ranges, the Skype server's
        // network and the client's Skype port (learned from probes to login ranges) tag on their own, and the
        // feedback port during the login (7.7.3's feedback-port: the 12 frames of the connection to 12350).
        var (tags, _) = BrokenFileTests.Read(new MemoryStream(Cut(54), writable: false));

        var byRule = tags.GroupBy(t => t.Rule).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        byRule.Should().BeEquivalentTo(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["login-range"] = 18,
            ["skype-server"] = 9,
            ["presence-range"] = 9,
            ["supernode-udp"] = 16,
            ["peer-udp"] = 3,
            ["feedback-port"] = 12,
        });
    }

    [Fact]
    public void Snap96_DnsQuestionsSurvive_EveryNameLookupIsStillTagged()
    {
        var (cut, _) = BrokenFileTests.Read(new MemoryStream(Cut(96), writable: false));

        var dns = BaseCapture.Expected.Where(t => t.Rule.EndsWith("-dns", StringComparison.Ordinal)).ToList();
        dns.Should().HaveCount(10);
        cut.Should().Contain(dns, "the question of each lookup lies within the first 96 bytes");
    }
}
