using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Live;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Live;

public sealed class PacketTaggerTests
{
    [Theory]
    [MemberData(nameof(CaseFolder.Names), MemberType = typeof(CaseFolder))]
    public void PacketTagger_FedTheRecordsOfACase_TagsAsCaptureTagger(string name)
    {
        var folder = new CaseFolder(name);
        var capture = folder.Capture;
        var options = new TagOptions { EnabledVersions = folder.Versions };
        var expected = Analyze(capture, options);
        expected.Should().HaveCount(File.ReadAllLines(folder.Expected).Length - 1, "the case's expected.tsv lists every tagged frame");

        var tagger = new PacketTagger(Signatures.Default, options);
        var tagged = new List<TaggedFrame>();
        using (var stream = File.OpenRead(capture))
        {
            var reader = CaptureReader.Open(stream);
            while (reader.TryRead(out var r))
            {
                if (tagger.Process(r.LinkType, r.Seconds, r.Nanoseconds, reader.Data) is { } tf)
                {
                    tagged.Add(tf);
                }
            }

            tagger.Frames.Should().Be(reader.RecordCount, "every packet given is a frame");
        }

        tagged.Should().Equal(expected);
    }

    [Fact]
    public void PacketTagger_TimeAsDouble_IsTheSameAsSecondsAndNanoseconds()
    {
        var capture = new CaseFolder("all-blocked-retry-15s").Capture;
        var expected = Analyze(capture);
        var tagger = new PacketTagger(Signatures.Default);
        var tagged = new List<TaggedFrame>();
        using var stream = File.OpenRead(capture);
        var reader = CaptureReader.Open(stream);
        while (reader.TryRead(out var r))
        {
            if (tagger.Process(r.LinkType, r.Time, reader.Data) is { } tf)
            {
                tagged.Add(tf);
            }
        }

        // Times of the case are whole microseconds: a double holds them to well under a nanosecond.
        tagged.Should().Equal(expected);
    }

    [Fact]
    public void PacketTagger_EnabledVersions_AreHonoured()
    {
        var tagger = new PacketTagger(Signatures.Default, new TagOptions { EnabledVersions = new HashSet<string>(StringComparer.Ordinal) });
        using var stream = File.OpenRead(new CaseFolder("login-normal").Capture);
        var reader = CaptureReader.Open(stream);
        while (reader.TryRead(out var r))
        {
            tagger.Process(r.LinkType, r.Seconds, r.Nanoseconds, reader.Data).Should().BeNull("no version takes part");
        }

        tagger.Frames.Should().Be(153);
    }

    [Fact]
    public void PacketTagger_Garbage_IsUntaggedAndStillCounted()
    {
        var tagger = new PacketTagger(Signatures.Default);
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var packet = new byte[random.Next(0, 200)];
            random.NextBytes(packet);
            tagger.Process(random.Next(-1, 300), 1_370_426_400L + i, 0, packet);
        }

        tagger.Process(LinkTypes.Ethernet, 0, 0, []).Should().BeNull();
        tagger.Frames.Should().Be(2001);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000_000)]
    public void PacketTagger_NanosecondsOutOfRange_Throw(int nanoseconds)
    {
        var tagger = new PacketTagger(Signatures.Default);
        var act = () => tagger.Process(LinkTypes.Ethernet, 0, nanoseconds, []);
        act.Should().Throw<ArgumentOutOfRangeException>();
        tagger.Frames.Should().Be(0, "a rejected packet is no frame");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void PacketTagger_TimeNotFinite_Throws(double time)
    {
        var act = () => new PacketTagger(Signatures.Default).Process(LinkTypes.Ethernet, time, []);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    internal static List<TaggedFrame> Analyze(string capture, TagOptions? options = null)
    {
        using var stream = File.OpenRead(capture);
        return [.. CaptureTagger.Analyze(stream, Signatures.Default, options)];
    }
}
