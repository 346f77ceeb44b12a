using System.Buffers.Binary;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>A length or type field of the file format, as the structure-aware mutations see it.</summary>
public sealed record FormatField(string Name, int Offset, int Size, long Value);

/// <summary>One packet record of a capture: where its header and its bytes lie, and the link type they use.</summary>
public sealed record PacketRecord(int Offset, int TotalLength, int DataOffset, int DataLength, int LinkType);

/// <summary>
/// The record structure of a well-formed pcap or pcapng file (the seeds), found by a reader written for
/// the fuzzer alone: mutations then aim at record lengths, block lengths and the packets' own fields.
/// Reading stops quietly at the first thing it does not understand; the seeds are valid files.
/// </summary>
public sealed class CaptureLayout
{
    private CaptureLayout(bool bigEndian)
    {
        BigEndian = bigEndian;
    }

    public bool BigEndian { get; }

    public bool IsPcapNg { get; private init; }

    /// <summary>Lengths and types of the file format: record caplen/len, block lengths and trailers, link types, byte-order magic.</summary>
    public List<FormatField> FormatFields { get; } = [];

    public List<PacketRecord> Packets { get; } = [];

    /// <summary>Start and length of every record or block, packets and others.</summary>
    public List<(int Offset, int Length)> Blocks { get; } = [];

    public static CaptureLayout Parse(byte[] file)
    {
        if (file.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(file) == 0x0A0D0D0A)
        {
            return ParsePcapNg(file);
        }

        if (file.Length < 24)
        {
            return new CaptureLayout(false);
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        var big = magic is 0xd4c3b2a1 or 0x4d3cb2a1 or 0x34cdb2a1;
        var layout = new CaptureLayout(big);
        var native = big ? BinaryPrimitives.ReverseEndianness(magic) : magic;
        var headerLength = native == 0xa1b2cd34 ? 24 : 16;
        var linkType = (int)(layout.U32(file, 20) & 0x03FFFFFF);
        layout.FormatFields.Add(new("pcap.snaplen", 16, 4, layout.U32(file, 16)));
        layout.FormatFields.Add(new("pcap.linktype", 20, 4, linkType));
        for (var at = 24; at + headerLength <= file.Length;)
        {
            var captured = layout.U32(file, at + 8);
            if (at + headerLength + captured > file.Length)
            {
                break;
            }

            layout.FormatFields.Add(new("pcap.caplen", at + 8, 4, captured));
            layout.FormatFields.Add(new("pcap.len", at + 12, 4, layout.U32(file, at + 12)));
            var total = headerLength + (int)captured;
            layout.Packets.Add(new(at, total, at + headerLength, (int)captured, linkType));
            layout.Blocks.Add((at, total));
            at += total;
        }

        return layout;
    }

    private static CaptureLayout ParsePcapNg(byte[] file)
    {
        var big = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)) != 0x1A2B3C4D;
        var layout = new CaptureLayout(big) { IsPcapNg = true };
        var interfaces = new List<int>();
        for (var at = 0; at + 12 <= file.Length;)
        {
            var type = layout.U32(file, at);
            if (type == 0x0A0D0D0A)
            {
                // A new section may change the byte order; this reader keeps the first one's (the seeds use one).
                interfaces.Clear();
                layout.FormatFields.Add(new("pcapng.shb.bom", at + 8, 4, 0x1A2B3C4D));
            }

            var length = (int)layout.U32(file, at + 4);
            if (length < 12 || length % 4 != 0 || at + length > file.Length)
            {
                break;
            }

            layout.FormatFields.Add(new("pcapng.block.length", at + 4, 4, length));
            layout.FormatFields.Add(new("pcapng.block.trailer", at + length - 4, 4, length));
            layout.FormatFields.Add(new("pcapng.block.type", at, 4, type));
            layout.Blocks.Add((at, length));
            if (type == 1 && length >= 20)
            {
                interfaces.Add(layout.U16(file, at + 8));
                layout.FormatFields.Add(new("pcapng.idb.linktype", at + 8, 2, interfaces[^1]));
            }
            else if (type == 6 && length >= 32)
            {
                var iface = (int)layout.U32(file, at + 8);
                var captured = (int)layout.U32(file, at + 20);
                layout.FormatFields.Add(new("pcapng.epb.interface", at + 8, 4, iface));
                layout.FormatFields.Add(new("pcapng.epb.caplen", at + 20, 4, captured));
                layout.FormatFields.Add(new("pcapng.epb.len", at + 24, 4, layout.U32(file, at + 24)));
                if (iface < interfaces.Count && 28 + captured <= length - 4)
                {
                    layout.Packets.Add(new(at, length, at + 28, captured, interfaces[iface]));
                }
            }

            at += length;
        }

        return layout;
    }

    /// <summary>Writes <paramref name="value"/> into a field of <paramref name="size"/> bytes in the file's byte order.</summary>
    public void Write(byte[] file, int offset, int size, long value)
    {
        for (var i = 0; i < size && offset + i < file.Length; i++)
        {
            var shift = 8 * (BigEndian ? size - 1 - i : i);
            file[offset + i] = (byte)(value >> shift);
        }
    }

    private uint U32(byte[] file, int at) => BigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at))
        : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));

    private ushort U16(byte[] file, int at) => BigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at))
        : BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
}
