using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Fuzz;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 9: pcapng blocks up to wiretap's maximum of 128 MiB are read, as tshark reads them, but
/// streamed past instead of buffered whole (a 200 MB block used to cost 451 MiB): a large unknown block, and
/// a packet block with megabytes of options around a DNS query, which is tagged.
/// </summary>
public sealed class LargeBlockTests
{
    private const int Large = 8 << 20;

    private static readonly byte[] Query = Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, LoginFrames.Resolver, Packets.Udp,
        Packets.UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net"))));

    [SkippableFact]
    public void LargeBlocks_ReadAsTsharkReadsThem_InBoundedMemory()
    {
        var file = new PcapNg().Section().Interface(1)
            .Block(0x12345678, new byte[Large])
            .Block(6, EnhancedWithOptions(Query, Large))
            .Enhanced(0, 1_370_426_401_000_000, Query)
            .ToArray();

        var probe = AnalyzerProbe.Run(file, FuzzSettings.AnalyzerLimit);
        var r = ParityCheck.Run(file, "large-blocks", pcapng: true);

        probe.Outcome.Should().Be(ProbeOutcome.Clean, probe.Detail);
        r.ShouldAgree("blocks of 8 MiB");
        r.AnalyzerFrames.Should().Equal([1, 2], "the query inside the block of options, and the one after");
        probe.AllocatedBytes.Should().BeLessThan(4L << 20, "an 8 MiB block is streamed, not buffered");
    }

    /// <summary>An enhanced packet block body with <paramref name="optionBytes"/> of comment options (code 1) after the packet.</summary>
    private static byte[] EnhancedWithOptions(byte[] packet, int optionBytes)
    {
        var body = new List<byte>();
        body.AddRange(Pcap.U32(0, false));
        body.AddRange(Pcap.U32(0x4E4, false)); // timestamp high: 2013
        body.AddRange(Pcap.U32(0, false));
        body.AddRange(Pcap.U32((uint)packet.Length, false));
        body.AddRange(Pcap.U32((uint)packet.Length, false));
        body.AddRange(packet);
        body.AddRange(new byte[(4 - (packet.Length % 4)) % 4]);
        for (var written = 0; written < optionBytes; written += 4 + 60000)
        {
            body.AddRange(Pcap.U16(1, false));
            body.AddRange(Pcap.U16(60000, false));
            body.AddRange(Enumerable.Repeat((byte)'x', 60000));
        }

        body.AddRange([0, 0, 0, 0]); // opt_endofopt
        return [.. body];
    }
}
