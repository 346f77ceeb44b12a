using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Model;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>Damaged input never crashes or hangs: the only failure is a <see cref="CaptureFormatException"/>.</summary>
public class RobustnessTests
{
    private static readonly TestFrame[] Login =
    [
        DnsQuery(0, "dsn1.d.skype.net"),
        DnsAnswer(0.1, "dsn1.d.skype.net", "10.20.30.41", "157.56.52.28"),
        Udp(0.2, Client, 13021, "10.20.30.41", 33033),
        Tcp(1, Client, 51000, LoginServer, 443, Packets.Syn),
        Tcp(1.1, LoginServer, 40009, Client, 51229, Packets.SynAck),
        Tcp(2, Client, 51001, "204.9.163.247", 80, Packets.Data, Packets.Ascii("GET /getlatestversion HTTP/1.1\r\n")),
        Udp(3, Client, 13021, "1.1.1.1", 5000),
        new(4, Packets.Ethernet(Packets.Ipv4(Client, LoginServer, Packets.Udp, Packets.UdpSegment(13021, 33033, [1, 2, 3, 4, 5, 6, 7, 8]), id: 9, flagsAndOffset: 0x2000))),
    ];

    public static TheoryData<string> Formats => new("pcap", "pcapng");

    [Theory]
    [MemberData(nameof(Formats))]
    public void MutatedCaptures_FailOnlyWithCaptureFormatException(string format)
    {
        var original = format == "pcap" ? Pcap.Ethernet(Login) : AsPcapNg(Login);
        var random = new Random(20260101);
        for (var round = 0; round < 400; round++)
        {
            var file = (byte[])original.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                file[random.Next(file.Length)] = (byte)random.Next(256);
            }

            Consume(file, round);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TruncatedAnywhere_KeepsEarlierTagsOrEndsCleanly(string format)
    {
        var original = format == "pcap" ? Pcap.Ethernet(Login) : AsPcapNg(Login);
        var full = CaptureTagger.Tag(new MemoryStream(original), Signatures.Default).Select(t => t.Frame).ToList();

        for (var cut = 0; cut < original.Length; cut++)
        {
            var seen = new List<long>();
            try
            {
                foreach (var tag in CaptureTagger.Tag(new MemoryStream(original[..cut]), Signatures.Default))
                {
                    seen.Add(tag.Frame);
                }
            }
            catch (CaptureFormatException e)
            {
                e.Offset.Should().BeInRange(0, cut);
            }

            full.Should().StartWith(seen, $"cut at {cut}");
        }
    }

    [Fact]
    public void RandomFrames_OfEveryLinkType_DecodeWithoutException()
    {
        var random = new Random(7);
        int[] linkTypes = [0, 1, 12, 101, 108, 113, 228, 229, 276];
        foreach (var linkType in linkTypes)
        {
            var frames = Enumerable.Range(0, 300).Select(i =>
            {
                var bytes = new byte[random.Next(0, 120)];
                random.NextBytes(bytes);
                if (bytes.Length > 0 && i % 2 == 0)
                {
                    bytes[0] = (byte)(0x40 | (bytes[0] & 0x0F)); // many start like IPv4
                }

                return new TestFrame(i, bytes);
            });

            var act = () => CaptureTagger.Tag(new MemoryStream(Pcap.Write(linkType, frames)), Signatures.Default).ToList();

            act.Should().NotThrow();
        }
    }

    private static void Consume(byte[] file, int round)
    {
        try
        {
            foreach (var unused in CaptureTagger.Analyze(new MemoryStream(file), Signatures.Default))
            {
                unused.Tag.Frame.Should().BePositive($"round {round}");
            }
        }
        catch (CaptureFormatException e)
        {
            e.Offset.Should().BeInRange(0, file.Length, $"round {round}");
        }
    }

    private static byte[] AsPcapNg(IEnumerable<TestFrame> frames)
    {
        var file = new PcapNg().Section().Interface(1).Interface(1, tsresol: 9);
        var i = 0;
        foreach (var f in frames)
        {
            file = i++ % 2 == 0 ? file.Enhanced(0, (ulong)(f.Time * 1e6), f.Bytes) : file.Enhanced(1, (ulong)(f.Time * 1e9), f.Bytes);
        }

        return file.ToArray();
    }
}
