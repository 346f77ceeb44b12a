using System.Buffers.Binary;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// Rewrites a classic pcap seed as pcapng (section header with an application option, one interface
/// description with if_tsresol, one enhanced packet block per record), so that the pcapng reader's
/// blocks, options and lengths are mutated as often as the pcap reader's records.
/// </summary>
public static class PcapNgConversion
{
    public static byte[] FromPcap(byte[] pcap, CaptureLayout layout)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(pcap);
        var nano = magic is 0xa1b23c4d or 0x4d3cb2a1;
        using var output = new MemoryStream();
        Block(output, 0x0A0D0D0A, body =>
        {
            Write32(body, 0x1A2B3C4D);
            Write16(body, 1);
            Write16(body, 0);
            Write64(body, ulong.MaxValue); // section length unknown
            Option(body, 4, "skypedissect fuzz seed"u8); // shb_userappl
            Option(body, 0, []);
        });
        var linkType = layout.Packets.Count > 0 ? layout.Packets[0].LinkType : 1;
        Block(output, 1, body =>
        {
            Write16(body, (ushort)linkType);
            Write16(body, 0);
            Write32(body, 262144);
            Option(body, 9, [(byte)(nano ? 9 : 6)]); // if_tsresol
            Option(body, 0, []);
        });
        foreach (var p in layout.Packets)
        {
            var seconds = Read32(pcap, p.Offset, layout.BigEndian);
            var fraction = Read32(pcap, p.Offset + 4, layout.BigEndian);
            var ticks = ((ulong)seconds * (nano ? 1_000_000_000UL : 1_000_000UL)) + fraction;
            var original = Read32(pcap, p.Offset + 12, layout.BigEndian);
            Block(output, 6, body =>
            {
                Write32(body, 0);
                Write32(body, (uint)(ticks >> 32));
                Write32(body, (uint)ticks);
                Write32(body, (uint)p.DataLength);
                Write32(body, original);
                body.Write(pcap, p.DataOffset, p.DataLength);
                body.Write(new byte[(4 - (p.DataLength % 4)) % 4]);
            });
        }

        return output.ToArray();
    }

    private static void Block(MemoryStream output, uint type, Action<MemoryStream> fill)
    {
        using var body = new MemoryStream();
        fill(body);
        var length = (uint)body.Length + 12;
        Write32(output, type);
        Write32(output, length);
        body.WriteTo(output);
        Write32(output, length);
    }

    private static void Option(MemoryStream body, ushort code, ReadOnlySpan<byte> value)
    {
        Write16(body, code);
        Write16(body, (ushort)value.Length);
        body.Write(value);
        body.Write(new byte[(4 - (value.Length % 4)) % 4]);
    }

    private static uint Read32(byte[] b, int at, bool big) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    private static void Write16(Stream s, ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        s.Write(b);
    }

    private static void Write32(Stream s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }

    private static void Write64(Stream s, ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        s.Write(b);
    }
}
