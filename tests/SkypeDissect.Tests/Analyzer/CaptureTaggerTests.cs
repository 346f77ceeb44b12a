using SkypeDissect.Tests.Support;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Model;
using Xunit.Abstractions;

namespace SkypeDissect.Tests.Analyzer;

public class CaptureTaggerTests(ITestOutputHelper output)
{
    private static readonly string[] NegativeFiles =
    [
        "badpackets.pcap", "bittorrent.pcap", "dns.pcap", "facebook.pcap", "http.pcapng", "http_ipv6.pcap",
        "ip_fragmented_garbage.pcap", "malformed_dns.pcap", "quic.pcap", "sip.pcap", "stun.pcap", "viber.pcap",
        "webex.pcap", "whatsapp_login_call.pcap", "zoom.pcap",
    ];

    public static TheoryData<string> NegativeNames => new(NegativeFiles);

    [SkippableTheory]
    [MemberData(nameof(NegativeNames))]
    public void NegativeCapture_TagsNothing(string name)
    {
        using var stream = File.OpenRead(Path.Combine(SharedCaptures.NegativeFolder, name));

        CaptureTagger.Tag(stream, Signatures.Default).Should().BeEmpty();
    }

    [SkippableFact]
    public void NegativeCaptures_AreAllListed()
    {
        Directory.GetFiles(SharedCaptures.NegativeFolder).Select(Path.GetFileName).Should().BeEquivalentTo(NegativeFiles);
    }

    [SkippableFact]
    public void RealLogin_IsTaggedWithoutError()
    {
        using var stream = File.OpenRead(SharedCaptures.RealLogin);

        var tagged = CaptureTagger.Analyze(stream, Signatures.Default).ToList();

        foreach (var group in tagged.GroupBy(t => (t.Tag.Step, t.Tag.Group, t.Tag.Rule)))
        {
            output.WriteLine($"{group.Key}: {group.Count()} frames, first {group.First().Tag.Frame}");
        }

        tagged.Select(t => t.Tag.Frame).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        tagged.Should().Contain(t => t.Tag.Rule == "login-range" && t.Expert != null && t.Expert.Kind == ExpertKind.Complete);
        // The paper's rules come first and take what they explain; 7.7.3's (last in the model) the rest.
        tagged.Select(t => t.Tag.Version).Distinct().Should().BeEquivalentTo(["6.3.0.197", "7.7.3"]);
    }

    [Fact]
    public void TruncatedFile_YieldsEarlierTagsThenReportsTheOffset()
    {
        var file = Pcap.Ethernet(Scenario.DnsQuery(1, "dsn3.d.skype.net"), Scenario.DnsQuery(2, "dsn4.d.skype.net"));
        var tags = new List<long>();

        var act = () =>
        {
            foreach (var tag in CaptureTagger.Tag(new MemoryStream(file[..^10]), Signatures.Default))
            {
                tags.Add(tag.Frame);
            }
        };

        act.Should().Throw<CaptureFormatException>().Where(e => e.Offset == 24 + 16 + (file.Length - 24 - 32) / 2);
        tags.Should().Equal(1);
    }

    [Fact]
    public void EnabledVersions_OnlyThoseTag()
    {
        var options = new TagOptions { EnabledVersions = new HashSet<string> { "5.6.0.106" } };

        var tagged = Scenario.Run(Signatures.Default, options, Scenario.DnsQuery(1, "dsn3.d.skype.net"));

        tagged.Single().Tag.Should().Be(new FrameTag(1, 1, GroupIds.LoginServer, "login-dns", "5.6.0.106"));
    }

    [Fact]
    public void EnabledVersions_Unknown_IsRejected()
    {
        var options = new TagOptions { EnabledVersions = new HashSet<string> { "9.9" } };

        var act = () => CaptureTagger.Tag(new MemoryStream(), Signatures.Default, options);

        act.Should().Throw<ArgumentException>().WithMessage("*9.9*");
    }

    [Fact]
    public void FrameNumbers_CountRecordsThatAreNotIp()
    {
        byte[] arp = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x06, 0, 1];
        var file = new PcapNg().Section().Interface(1).Interface(147)
            .Enhanced(0, 0, arp).Enhanced(1, 0, [1, 2, 3]).Enhanced(0, 0, Scenario.DnsQuery(1, "dsn3.d.skype.net").Bytes).ToArray();

        CaptureTagger.Tag(new MemoryStream(file), Signatures.Default).Single().Frame.Should().Be(3);
    }
}
