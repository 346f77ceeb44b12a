using System.Buffers.Binary;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// A damaged capture and what must come of it: the frames tagged before the damage, and either a clean end
/// (<see cref="Offset"/> null: the file is read as Wireshark reads it) or the byte offset and reason of the
/// one-line error.
/// </summary>
public sealed record BrokenFile(string Name, byte[] Bytes, IReadOnlyList<TagRow> Tags, long? Offset, string? Reason)
{
    public override string ToString() => Name;
}

/// <summary>
/// The broken files of issue 5, each cut from tests/cases/login-normal (frames 24-143 tagged) with the
/// damage placed at record 61, so that the 37 tags of frames 24-60 must survive it.
/// </summary>
public static class BrokenFiles
{
    /// <summary>The record the damage replaces or precedes.</summary>
    public const int Damaged = 61;

    public static IReadOnlyList<BrokenFile> All { get; } = [.. ClassicPcap(), .. PcapNg()];

    public static BrokenFile Find(string name) => All.Single(f => f.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var f in All)
        {
            data.Add(f.Name);
        }

        return data;
    }

    private static IEnumerable<BrokenFile> ClassicPcap()
    {
        var records = BaseCapture.Records;
        var before = BaseCapture.PcapPrefix(Damaged - 1);
        var at = BaseCapture.PcapOffsetOf(Damaged);
        var damaged = records[Damaged - 1];
        var rest = BaseCapture.Bytes[(int)BaseCapture.PcapOffsetOf(Damaged + 1)..];
        var kept = BaseCapture.ExpectedUpTo(Damaged - 1);
        var all = BaseCapture.Expected;

        yield return new("empty", [], [], 0, "the file is empty");
        yield return new("wrong-magic", [.. "GIF89a"u8, .. BaseCapture.Bytes[6..]], [], 0, "not a pcap or pcapng file (magic 0x38464947)");
        yield return new("global-header-cut-short", BaseCapture.Bytes[..20], [], 0, "truncated pcap file header");
        yield return new("record-header-cut-short", [.. before, .. BaseCapture.PcapRecord(damaged)[..7]], kept, at, "truncated record header: 7 of 16 bytes");
        yield return new(
            "record-longer-than-file", [.. before, .. BaseCapture.PcapRecord(damaged)[..26]], kept, at,
            $"truncated record: needs {16 + damaged.Data.Length} bytes, the file ends after 26");

        // wiretap refuses a record above the link type's maximum (262144 for Ethernet) before reading it.
        yield return new(
            "caplen-above-wireshark-maximum", [.. before, .. BaseCapture.PcapRecord(damaged, captured: 262145), .. rest], kept, at,
            "record of 262145 bytes is bigger than the maximum of 262144");
        yield return new(
            "caplen-above-256mib", [.. before, .. BaseCapture.PcapRecord(damaged, captured: (256u << 20) + 1), .. rest], kept, at,
            "record of 268435457 bytes is bigger than the maximum of 262144");

        // The header's snapshot length is advice: wiretap reads records longer than it as they are.
        var smallSnap = (byte[])BaseCapture.Bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(smallSnap.AsSpan(16), 64);
        yield return new("caplen-above-snaplen", smallSnap, all, null, null);

        // A record of no bytes is a frame (Wireshark numbers it) with nothing to tag: later frames move on by one.
        var empty = BaseCapture.PcapRecord(damaged, data: [], original: 0);
        yield return new(
            "zero-length-record", [.. before, .. empty, .. BaseCapture.Bytes[(int)at..]],
            [.. all.Select(r => r.Frame < Damaged ? r : r with { Frame = r.Frame + 1 })], null, null);
    }

    private static IEnumerable<BrokenFile> PcapNg()
    {
        var records = BaseCapture.Records;
        var all = BaseCapture.Expected;
        var kept = BaseCapture.ExpectedUpTo(Damaged - 1);
        var head = Packets(new PcapNg().Section().Interface(1), records.Take(Damaged - 1)).ToArray();
        var tail = Packets(new PcapNg(), records.Skip(Damaged)).ToArray();
        var damaged = records[Damaged - 1];

        // Name resolution (4), interface statistics (5) and a type nobody defined: wiretap skips them all.
        var unknown = Packets(
            new PcapNg().Block(4, [0, 0, 0, 0]).Block(5, new byte[12]).Block(0x12345678, [1, 2, 3, 4, 5, 6, 7, 8]),
            records.Skip(Damaged - 1)).ToArray();
        yield return new("pcapng-unknown-blocks", [.. head, .. unknown], all, null, null);

        var block = new PcapNg().Enhanced(0, BaseCapture.Ticks(damaged), damaged.Data).ToArray();
        var length = (uint)block.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(block.Length - 4), length + 4);
        yield return new(
            "pcapng-trailer-mismatch", [.. head, .. block, .. tail], kept, head.Length,
            $"block lengths disagree ({length} at the start, {length + 4} at the end)");

        var stranger = new PcapNg().Enhanced(1, BaseCapture.Ticks(damaged), damaged.Data).ToArray();
        yield return new(
            "pcapng-undescribed-interface", [.. head, .. stranger, .. tail], kept, head.Length,
            "packet of interface 1, but the section describes 1");

        // A second section, big-endian, describes its own interface: every frame reads as in one file.
        var second = Packets(new PcapNg().Section(bigEndian: true).Interface(1), records.Skip(Damaged - 1)).ToArray();
        yield return new("pcapng-two-sections", [.. head, .. second], all, null, null);

        // Interfaces belong to their section: the second section's packet may not use the first one's interface 1.
        var twoInterfaces = Packets(new PcapNg().Section().Interface(1).Interface(1), records.Take(Damaged - 1)).ToArray();
        var orphan = new PcapNg().Section(bigEndian: true).Interface(1).Enhanced(1, BaseCapture.Ticks(damaged), damaged.Data).ToArray();
        var orphanAt = twoInterfaces.Length + 28 + 20; // after the new section header (28 bytes) and its interface (20 bytes)
        yield return new(
            "pcapng-interface-of-earlier-section", [.. twoInterfaces, .. orphan], kept, orphanAt,
            "packet of interface 1, but the section describes 1");
    }

    private static PcapNg Packets(PcapNg file, IEnumerable<BaseRecord> records)
    {
        foreach (var r in records)
        {
            file = file.Enhanced(0, BaseCapture.Ticks(r), r.Data);
        }

        return file;
    }
}
