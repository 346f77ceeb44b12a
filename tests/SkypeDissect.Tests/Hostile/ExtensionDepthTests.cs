using System.Buffers.Binary;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// IPv6 extension-header chains hundreds of headers long: Wireshark stops dissecting once a frame lists
/// 500 protocols, so the plugin sees no DNS (and does not run) beyond some depth that depends on the link
/// layers. The analyzer stops at the same depth (docs/tagging.md, "Malformed packets").
/// </summary>
public sealed class ExtensionDepthTests : IDisposable
{
    private const int FirstDepth = 488;
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-depth-");

    public void Dispose() => dir.Delete(recursive: true);

    /// <summary>Link type, the bytes before the IPv6 header, and the deepest chain still tagged (found with tshark 4.0).</summary>
    public static TheoryData<int, string, int> Links() => new()
    {
        { 1, "000000000000000000000000" + "86dd", 493 },                 // frame eth ethertype
        { 1, "000000000000000000000000" + "81000005" + "86dd", 491 },    // + vlan ethertype
        { 113, "000000010006000000000000" + "0000" + "86dd", 493 },      // frame sll ethertype
        { 101, "", 494 },                                               // frame raw
        { 229, "", 495 },                                               // frame
    };

    [SkippableTheory]
    [MemberData(nameof(Links))]
    public void DeepChains_AnalyzerStopsWherePluginStops(int linkType, string linkHex, int deepest)
    {
        var prefix = Convert.FromHexString(linkHex);
        var frames = Enumerable.Range(0, 10).Select(i => new TestFrame(i, [.. prefix, .. Lookup(FirstDepth + i)]));
        var bytes = Pcap.Write(linkType, frames);
        var path = Path.Combine(dir.FullName, $"depth-{linkType}-{prefix.Length}.pcap");
        File.WriteAllBytes(path, bytes);

        var (analyzer, error) = BrokenFileTests.Read(new MemoryStream(bytes, writable: false));
        var plugin = PluginRun.Tags(path);

        error.Should().BeNull();
        TagRows.Difference(plugin, analyzer).Should().BeEmpty("expected = tshark with the plugin, got = the analyzer");
        analyzer.Select(t => t.Frame).Should().Equal(Enumerable.Range(1, deepest - FirstDepth + 1).Select(i => (long)i), $"chains up to {deepest} headers are tagged");
    }

    [SkippableFact]
    public void DeepAuthenticationHeaderChains_OverIpv4_AnalyzerStopsWherePluginStops()
    {
        // IPsec AH headers (12 bytes each) count one protocol each, as IPv6 extension headers do.
        var frames = Enumerable.Range(0, 10).Select(i => new TestFrame(i, [.. Convert.FromHexString("00000000000000000000000008" + "00"), .. AhLookup(FirstDepth + i)]));
        var bytes = Pcap.Write(1, frames);
        var path = Path.Combine(dir.FullName, "depth-ah.pcap");
        File.WriteAllBytes(path, bytes);

        var (analyzer, _) = BrokenFileTests.Read(new MemoryStream(bytes, writable: false));
        var plugin = PluginRun.Tags(path);

        TagRows.Difference(plugin, analyzer).Should().BeEmpty("expected = tshark with the plugin, got = the analyzer");
        analyzer.Select(t => t.Frame).Should().Equal(Enumerable.Range(1, 493 - FirstDepth + 1).Select(i => (long)i));
    }

    /// <summary>An IPv4 DNS query for dsn4.d.skype.net behind <paramref name="depth"/> AH headers.</summary>
    private static byte[] AhLookup(int depth)
    {
        var chain = Enumerable.Range(0, depth).SelectMany(i => (byte[])[(byte)(i + 1 < depth ? 51 : 17), 1, 0, 0, 0, 0, 1, (byte)i, 0, 0, 0, 1]).ToArray();
        byte[] body = [.. chain, .. Query()];
        byte[] header = [0x45, 0, (byte)((20 + body.Length) >> 8), (byte)(20 + body.Length), 0, 1, 0, 0, 64, 51, 0, 0, 192, 168, 1, 23, 192, 168, 1, 1];
        return [.. header, .. body];
    }

    /// <summary>A DNS query for dsn4.d.skype.net behind <paramref name="depth"/> destination options headers.</summary>
    private static byte[] Lookup(int depth)
    {
        var udp = Query();
        var chain = Enumerable.Range(0, depth).SelectMany(i => (byte[])[(byte)(i + 1 < depth ? 60 : 17), 0, 1, 4, 0, 0, 0, 0]).ToArray();
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(chain.Length + udp.Length));
        header[6] = 60;
        header[7] = 64;
        Convert.FromHexString("20010db8000100000000000000000023").CopyTo(header, 8);
        Convert.FromHexString("20010db8000100000000000000000001").CopyTo(header, 24);
        return [.. header, .. chain, .. udp];
    }

    /// <summary>UDP from port 60100 to 53 carrying a query for dsn4.d.skype.net (a login-dns frame when it is seen).</summary>
    private static byte[] Query()
    {
        byte[] name = [4, .. "dsn4"u8, 1, .. "d"u8, 5, .. "skype"u8, 3, .. "net"u8, 0];
        byte[] dns = [0x6a, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. name, 0, 1, 0, 1];
        var udp = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 60100);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), 53);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)(8 + dns.Length));
        return [.. udp, .. dns];
    }
}
