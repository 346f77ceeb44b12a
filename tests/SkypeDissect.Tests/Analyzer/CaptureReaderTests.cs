using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Tests.Analyzer;

public class CaptureReaderTests
{
    private static readonly byte[] FrameA = [1, 2, 3, 4, 5];
    private static readonly byte[] FrameB = [9, 8, 7];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Pcap_EitherByteOrderAndResolution_ReadsRecordsAndTimes(bool bigEndian, bool nanoseconds)
    {
        var file = Pcap.Write(113, [new(1431970634.25, FrameA), new(1431970635.5, FrameB)], bigEndian, nanoseconds);

        var records = ReadAll(file);

        records.Select(r => r.Record.Number).Should().Equal(1, 2);
        records.Select(r => r.Record.LinkType).Should().AllBeEquivalentTo(113);
        records[0].Record.Seconds.Should().Be(1431970634);
        records[0].Record.Nanoseconds.Should().Be(250_000_000);
        records[1].Record.Time.Should().Be(1431970635.5);
        records[0].Data.Should().Equal(FrameA);
        records[1].Data.Should().Equal(FrameB);
    }

    [Fact]
    public void PcapNg_SeveralInterfacesAndSections_NumbersEveryPacketAndKeepsLinkTypes()
    {
        var file = new PcapNg()
            .Section()
            .Interface(1)
            .Interface(101, tsresol: 9)
            .Enhanced(0, 1_500_000, FrameA) // microseconds by default
            .Block(0x0000_0005, new byte[8]) // interface statistics: skipped, not a frame
            .Enhanced(1, 2_250_000_000, FrameB) // nanoseconds
            .Section(bigEndian: true)
            .Interface(113, tsresol: 0x80 | 10) // 2^-10 s
            .Enhanced(0, 3 * 1024 + 512, FrameA)
            .Simple(FrameB)
            .Obsolete(0, 1024, FrameA)
            .ToArray();

        var records = ReadAll(file);

        records.Select(r => r.Record.Number).Should().Equal(1, 2, 3, 4, 5);
        records.Select(r => r.Record.LinkType).Should().Equal(1, 101, 113, 113, 113);
        records.Select(r => r.Record.Time).Should().Equal(1.5, 2.25, 3.5, 0, 1);
        records.Select(r => r.Data.Length).Should().Equal(5, 3, 5, 3, 5);
        records[1].Data.Should().Equal(FrameB);
    }

    [Fact]
    public void PcapNg_TimestampOffset_IsAddedInSeconds()
    {
        // if_tsoffset (option 14, eight bytes) of 1000 s, then the end of options.
        byte[] idb = [1, 0, 0, 0, 0, 0, 0, 0, 14, 0, 8, 0, .. BitConverter.GetBytes(1000L), 0, 0, 0, 0];
        var file = new PcapNg().Section().Block(1, idb).Enhanced(0, 2_500_000, FrameA).ToArray();

        ReadAll(file).Single().Record.Time.Should().Be(1002.5);
    }

    [Theory]
    [InlineData(0x00000009u, true)] // systemd journal export
    [InlineData(0x00000204u, true)] // sysdig event
    [InlineData(0x00000BADu, true)] // custom block, copyable
    [InlineData(0x40000BADu, true)] // custom block, not copyable
    [InlineData(0x00000004u, false)] // name resolution
    [InlineData(0x00000005u, false)] // interface statistics
    [InlineData(0x0000000Au, false)] // decryption secrets
    [InlineData(0x00000208u, false)] // not a frame for tshark 4.0 either
    [InlineData(0x00001234u, false)] // unknown
    public void PcapNg_BlocksWiresharkCountsAsFrames_AreNumbered(uint type, bool frame)
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(0, 0, FrameA).Block(type, new byte[8]).Enhanced(0, 0, FrameB).ToArray();

        var records = ReadAll(file);

        records.Select(r => r.Record.LinkType).Should().Equal(frame ? [1, LinkTypes.NoPacket, 1] : [1, 1]);
        records[^1].Record.Number.Should().Be(frame ? 3 : 2);
    }

    [Fact]
    public void Pcap_TruncatedRecord_KeepsEarlierRecordsAndNamesOffset()
    {
        var file = Pcap.Write(1, [new(1, FrameA), new(2, FrameB)]);
        var cut = file[..^2]; // the second record loses two of its three bytes

        var records = new List<long>();
        var act = () =>
        {
            var reader = CaptureReader.Open(new MemoryStream(cut));
            while (reader.TryRead(out var r))
            {
                records.Add(r.Number);
            }
        };

        act.Should().Throw<CaptureFormatException>()
            .Where(e => e.Offset == 24 + 16 + FrameA.Length && e.Reason.Contains("truncated record"));
        records.Should().Equal(1);
    }

    [Fact]
    public void PcapNg_TruncatedBlock_NamesBlockStart()
    {
        var full = new PcapNg().Section().Interface(1).Enhanced(0, 0, FrameA).Enhanced(0, 0, FrameB).ToArray();
        var secondAt = full.Length - 32 - 4; // EPB of a 3-byte frame: 28 + 4 padded + 4 trailer = 36 bytes
        var act = () => ReadAll(full[..(full.Length - 6)]);

        act.Should().Throw<CaptureFormatException>().Where(e => e.Offset == secondAt && e.Reason.Contains("truncated block"));
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 1, 2 }, "too short")]
    [InlineData(new byte[] { 0x50, 0x4B, 3, 4, 0, 0 }, "not a pcap or pcapng")]
    public void Open_NotACapture_ThrowsAtOffsetZero(byte[] file, string reason)
    {
        var act = () => CaptureReader.Open(new MemoryStream(file));

        act.Should().Throw<CaptureFormatException>().Where(e => e.Offset == 0 && e.Reason.Contains(reason));
    }

    [Fact]
    public void Pcap_HugeClaimedLength_FailsWithoutAllocatingIt()
    {
        var file = Pcap.Write(249, [new(1, FrameA)]); // USBPcap: Wireshark allows 128 MiB records
        BitConverter.GetBytes(100u << 20).CopyTo(file, 24 + 8); // incl_len 100 MiB in a tiny file

        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => ReadAll(file);

        act.Should().Throw<CaptureFormatException>().Where(e => e.Offset == 24 && e.Reason.Contains("truncated record"));
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(16L << 20);
    }

    [Theory]
    [InlineData(262144, false)]
    [InlineData(262145, true)]
    public void Pcap_RecordOverWiresharksMaximum_IsRejectedThere(int length, bool rejected)
    {
        // tshark 4.0: "pcap: File has 262145-byte packet, bigger than maximum of 262144"; frames before it stay.
        // The record comes fourth: among the first three it would make wiretap guess another record format
        // (docs/tagging.md 1; as the second record, tshark reads this file as ss990417).
        var file = Pcap.Write(1, [new(1, FrameA), new(2, FrameB), new(3, FrameA), new(4, new byte[length]), new(5, FrameB)]);
        var numbers = new List<long>();
        var act = () =>
        {
            var reader = CaptureReader.Open(new MemoryStream(file));
            while (reader.TryRead(out var r))
            {
                numbers.Add(r.Number);
            }
        };

        if (rejected)
        {
            act.Should().Throw<CaptureFormatException>().Where(e => e.Offset == 24 + 48 + FrameA.Length + FrameB.Length + FrameA.Length && e.Reason.Contains("maximum of 262144"));
            numbers.Should().Equal(1, 2, 3);
        }
        else
        {
            act();
            numbers.Should().Equal(1, 2, 3, 4, 5);
        }
    }

    [Fact]
    public void PcapNg_PacketOverWiresharksMaximum_IsRejected()
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(0, 0, FrameA).Enhanced(0, 0, new byte[262145]).ToArray();

        var act = () => ReadAll(file);

        act.Should().Throw<CaptureFormatException>().Where(e => e.Reason.Contains("maximum of 262144"));
    }

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 2, true)]
    [InlineData(1, 1, false)] // tshark 4.0 supports 1.0 and 1.2 only
    [InlineData(2, 0, false)]
    public void PcapNg_SectionVersion_AsWiretap(ushort major, ushort minor, bool supported)
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(0, 0, FrameA).Section(major: major, minor: minor).Interface(1).Enhanced(0, 0, FrameB).ToArray();
        var numbers = new List<long>();
        var act = () =>
        {
            var reader = CaptureReader.Open(new MemoryStream(file));
            while (reader.TryRead(out var r))
            {
                numbers.Add(r.Number);
            }
        };

        if (supported)
        {
            act();
            numbers.Should().Equal(1, 2);
        }
        else
        {
            act.Should().Throw<CaptureFormatException>().Where(e => e.Reason.Contains($"version {major}.{minor}"));
            numbers.Should().Equal(1);
        }
    }

    [Fact]
    public void PcapNg_MismatchedTrailer_IsRejected()
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(0, 0, FrameA).ToArray();
        file[^1] ^= 0x40;

        var act = () => ReadAll(file);

        act.Should().Throw<CaptureFormatException>().Where(e => e.Reason.Contains("disagree"));
    }

    [Fact]
    public void PcapNg_PacketOfUndescribedInterface_IsRejected()
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(3, 0, FrameA).ToArray();

        var act = () => ReadAll(file);

        act.Should().Throw<CaptureFormatException>().Where(e => e.Reason.Contains("interface 3"));
    }

    [Fact]
    public void Reader_LargeFile_StreamsThroughSmallBuffer()
    {
        var frames = Enumerable.Range(0, 5000).Select(i => new TestFrame(i, new byte[300 + (i % 7)])).ToList();
        var file = Pcap.Write(1, frames);

        var count = 0L;
        var reader = CaptureReader.Open(new MemoryStream(file));
        while (reader.TryRead(out var r))
        {
            reader.Data.Length.Should().Be(300 + (int)(count % 7));
            count++;
        }

        count.Should().Be(5000);
    }

    internal static List<(CaptureRecord Record, byte[] Data)> ReadAll(byte[] file)
    {
        var reader = CaptureReader.Open(new MemoryStream(file));
        var list = new List<(CaptureRecord, byte[])>();
        while (reader.TryRead(out var r))
        {
            list.Add((r, reader.Data.ToArray()));
        }

        return list;
    }
}
