using System.Buffers.Binary;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>One frame of a test capture: time in seconds and its bytes.</summary>
internal sealed record TestFrame(double Time, byte[] Bytes);

/// <summary>Writes classic pcap files from explicit values.</summary>
internal static class Pcap
{
    public static byte[] Write(int linkType, IEnumerable<TestFrame> frames, bool bigEndian = false, bool nanoseconds = false)
    {
        var o = new List<byte>();
        o.AddRange(U32(nanoseconds ? 0xa1b23c4du : 0xa1b2c3d4u, bigEndian));
        o.AddRange(U16(2, bigEndian));
        o.AddRange(U16(4, bigEndian));
        o.AddRange(new byte[8]);
        o.AddRange(U32(262144, bigEndian));
        o.AddRange(U32((uint)linkType, bigEndian));
        foreach (var f in frames)
        {
            var seconds = (uint)Math.Floor(f.Time);
            var fraction = (uint)Math.Round((f.Time - seconds) * (nanoseconds ? 1e9 : 1e6));
            o.AddRange(U32(seconds, bigEndian));
            o.AddRange(U32(fraction, bigEndian));
            o.AddRange(U32((uint)f.Bytes.Length, bigEndian));
            o.AddRange(U32((uint)f.Bytes.Length, bigEndian));
            o.AddRange(f.Bytes);
        }

        return [.. o];
    }

    public static byte[] Ethernet(params TestFrame[] frames) => Write(1, frames);

    public static byte[] U32(uint v, bool bigEndian)
    {
        var b = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }

        return b;
    }

    public static byte[] U16(ushort v, bool bigEndian) => bigEndian ? [(byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8)];
}

/// <summary>Writes pcapng files block by block; each section may use its own byte order.</summary>
internal sealed class PcapNg
{
    private readonly List<byte> output = [];
    private bool bigEndian;

    public PcapNg Section(bool bigEndian = false, ushort major = 1, ushort minor = 0)
    {
        this.bigEndian = bigEndian;
        return Block(0x0A0D0D0A, [.. Pcap.U32(0x1A2B3C4D, bigEndian), .. Pcap.U16(major, bigEndian), .. Pcap.U16(minor, bigEndian), .. Enumerable.Repeat((byte)0xFF, 8)]);
    }

    /// <summary>An interface description; <paramref name="tsresol"/> adds the if_tsresol option, <paramref name="tsoffset"/> if_tsoffset (seconds).</summary>
    public PcapNg Interface(int linkType, byte? tsresol = null, uint snapLength = 0, long? tsoffset = null)
    {
        List<byte> body = [.. Pcap.U16((ushort)linkType, bigEndian), 0, 0, .. Pcap.U32(snapLength, bigEndian)];
        if (tsresol is { } r)
        {
            body.AddRange([.. Pcap.U16(9, bigEndian), .. Pcap.U16(1, bigEndian), r, 0, 0, 0]);
        }

        if (tsoffset is { } o)
        {
            body.AddRange([.. Pcap.U16(14, bigEndian), .. Pcap.U16(8, bigEndian), .. Pcap.U32((uint)(o >> (bigEndian ? 32 : 0)), bigEndian), .. Pcap.U32((uint)(o >> (bigEndian ? 0 : 32)), bigEndian)]);
        }

        if (tsresol is not null || tsoffset is not null)
        {
            body.AddRange([0, 0, 0, 0]); // opt_endofopt
        }

        return Block(1, [.. body]);
    }

    public PcapNg Enhanced(int interfaceId, ulong ticks, byte[] data) =>
        Block(6, [.. Pcap.U32((uint)interfaceId, bigEndian), .. Pcap.U32((uint)(ticks >> 32), bigEndian), .. Pcap.U32((uint)ticks, bigEndian),
            .. Pcap.U32((uint)data.Length, bigEndian), .. Pcap.U32((uint)data.Length, bigEndian), .. Padded(data)]);

    public PcapNg Obsolete(int interfaceId, ulong ticks, byte[] data) =>
        Block(2, [.. Pcap.U16((ushort)interfaceId, bigEndian), 0, 0, .. Pcap.U32((uint)(ticks >> 32), bigEndian), .. Pcap.U32((uint)ticks, bigEndian),
            .. Pcap.U32((uint)data.Length, bigEndian), .. Pcap.U32((uint)data.Length, bigEndian), .. Padded(data)]);

    public PcapNg Simple(byte[] data) => Block(3, [.. Pcap.U32((uint)data.Length, bigEndian), .. Padded(data)]);

    public PcapNg Block(uint type, byte[] body)
    {
        var length = (uint)(12 + body.Length);
        output.AddRange(Pcap.U32(type, bigEndian));
        output.AddRange(Pcap.U32(length, bigEndian));
        output.AddRange(body);
        output.AddRange(Pcap.U32(length, bigEndian));
        return this;
    }

    public byte[] ToArray() => [.. output];

    private static byte[] Padded(byte[] data) => [.. data, .. new byte[(4 - (data.Length % 4)) % 4]];
}
