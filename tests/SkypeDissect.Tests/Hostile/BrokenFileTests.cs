using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// The analyzer library on each broken file: the frames before the damage are tagged exactly as in the
/// whole file, then either the file ends cleanly or one <see cref="CaptureFormatException"/> names the byte
/// offset and the reason.
/// </summary>
public sealed class BrokenFileTests
{
    public static TheoryData<string> Files() => BrokenFiles.Names();

    [Theory]
    [MemberData(nameof(Files))]
    public void Tagger_KeepsTagsBeforeDamage_AndReportsOffsetAndReason(string name)
    {
        var file = BrokenFiles.Find(name);

        var (tags, error) = Read(new MemoryStream(file.Bytes, writable: false));

        TagRows.Difference(file.Tags, tags).Should().BeEmpty($"the frames of {name} before the damage are tagged as in the whole file");
        if (file.Offset is null)
        {
            error.Should().BeNull($"{name} is read as Wireshark reads it");
        }
        else
        {
            error.Should().NotBeNull($"{name} is damaged");
            error!.Offset.Should().Be(file.Offset.Value);
            error.Reason.Should().Be(file.Reason);
            error.Message.Should().Be($"at byte offset {file.Offset}: {file.Reason}");
        }
    }

    [Fact]
    public void Tagger_OnDevZero_StopsAtTheMagic()
    {
        // /dev/zero never ends: the reader must decide from the first bytes, not read on.
        using var zero = new FileStream("/dev/zero", FileMode.Open, FileAccess.Read);

        var (tags, error) = Read(zero);

        tags.Should().BeEmpty();
        error!.Message.Should().Be("at byte offset 0: not a pcap or pcapng file (magic 0x00000000)");
        zero.Position.Should().BeLessThanOrEqualTo(1 << 20, "one buffer at most is read from an endless device");
    }

    [Fact]
    public void Tagger_OnDevNull_SaysTheFileIsEmpty()
    {
        using var devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Read);

        var (tags, error) = Read(devNull);

        tags.Should().BeEmpty();
        error!.Message.Should().Be("at byte offset 0: the file is empty");
    }

    [Fact]
    public void Catalog_EachFileDiffersFromTheBase_AndDamageComesAfterTheKeptFrames()
    {
        foreach (var f in BrokenFiles.All)
        {
            f.Bytes.Should().NotEqual(BaseCapture.Bytes, $"{f.Name} must be damaged somewhere");
            if (f.Offset is > 0)
            {
                f.Tags.Should().NotBeEmpty($"{f.Name} keeps the frames before record {BrokenFiles.Damaged}");
                f.Tags.Max(t => t.Frame).Should().BeLessThan(BrokenFiles.Damaged);
            }
        }
    }

    internal static (List<TagRow> Tags, CaptureFormatException? Error) Read(Stream stream)
    {
        var tags = new List<TagRow>();
        try
        {
            foreach (var t in CaptureTagger.Tag(stream, Signatures.Default))
            {
                tags.Add(new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version));
            }

            return (tags, null);
        }
        catch (CaptureFormatException e)
        {
            return (tags, e);
        }
    }
}
