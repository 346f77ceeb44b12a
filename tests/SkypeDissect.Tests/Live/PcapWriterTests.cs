using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Live;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Live;

public sealed class PcapWriterTests
{
    [Theory]
    [InlineData("login-normal")]
    [InlineData("linux-cooked")]
    [InlineData("ip-fragments")]
    public void PcapWriter_RewrittenCase_ReadsBackAndTagsIdentically(string name)
    {
        var capture = new CaseFolder(name).Capture;
        var original = Records(File.ReadAllBytes(capture));
        using var file = new MemoryStream();
        var writer = new PcapWriter(file, original[0].Record.LinkType);
        foreach (var (r, data) in original)
        {
            writer.Write(r.Seconds, r.Nanoseconds, data, r.OriginalLength);
        }

        writer.Flush();
        writer.Packets.Should().Be(original.Count);
        var copy = Records(file.ToArray());
        copy.Select(x => (x.Record.LinkType, x.Record.Seconds, x.Record.Nanoseconds, x.Record.OriginalLength))
            .Should().Equal(original.Select(x => (x.Record.LinkType, x.Record.Seconds, x.Record.Nanoseconds, x.Record.OriginalLength)));
        copy.Select(x => x.Data).Should().BeEquivalentTo(original.Select(x => x.Data), o => o.WithStrictOrdering());
        file.Position = 0;
        CaptureTagger.Analyze(file, Signatures.Default).ToList().Should().Equal(PacketTaggerTests.Analyze(capture));
    }

    [Fact]
    public void PcapWriter_Header_IsNanosecondPcapWithTheLinkType()
    {
        using var file = new MemoryStream();
        _ = new PcapWriter(file, LinkTypes.LinuxSll2, 1500);
        file.ToArray().Should().Equal(
            0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0xdc, 0x05, 0, 0, 0x14, 0x01, 0, 0);
    }

    [Fact]
    public void PcapWriter_PacketLongerThanTheSnapshot_IsCut_KeepingItsLength()
    {
        using var file = new MemoryStream();
        var writer = new PcapWriter(file, LinkTypes.Ethernet, snapLength: 64);
        var packet = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        writer.Write(1_370_426_400, 123_456_789, packet, 100);
        writer.Write(1_370_426_401, 0, packet.AsSpan(0, 10), 5); // a wire length below the captured one is raised to it

        var records = Records(file.ToArray());
        records.Should().HaveCount(2);
        records[0].Record.Should().Match<CaptureRecord>(r => r.CapturedLength == 64 && r.OriginalLength == 100 && r.Nanoseconds == 123_456_789);
        records[0].Data.Should().Equal(packet[..64]);
        records[1].Record.OriginalLength.Should().Be(10);
    }

    [Theory]
    [InlineData(-1L, 0)]
    [InlineData(4_294_967_296L, 0)]
    [InlineData(0L, -1)]
    [InlineData(0L, 1_000_000_000)]
    public void PcapWriter_TimeOutsideTheFormat_Throws(long seconds, int nanoseconds)
    {
        using var file = new MemoryStream();
        var writer = new PcapWriter(file, LinkTypes.Ethernet);
        var act = () => writer.Write(seconds, nanoseconds, [1, 2, 3], 3);
        act.Should().Throw<ArgumentOutOfRangeException>();
        file.Length.Should().Be(24, "nothing of the rejected packet was written");
    }

    private static List<(CaptureRecord Record, byte[] Data)> Records(byte[] capture)
    {
        var reader = CaptureReader.Open(new MemoryStream(capture));
        var list = new List<(CaptureRecord, byte[])>();
        while (reader.TryRead(out var r))
        {
            list.Add((r, reader.Data.ToArray()));
        }

        return list;
    }
}
