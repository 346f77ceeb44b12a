using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>Builds frames byte by byte from explicit values, so every field a test relies on is visible.</summary>
internal static class Packets
{
    public const byte Udp = 17;
    public const byte Tcp = 6;
    public const byte Syn = 0x02;
    public const byte AckFlag = 0x10;
    public const byte Psh = 0x08;
    public const byte SynAck = Syn | AckFlag;
    public const byte Data = Psh | AckFlag;

    public static byte[] Ethernet(byte[] payload, ushort type = 0x0800, params ushort[] vlanTypes)
    {
        var header = new List<byte> { 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6 };
        foreach (var tagType in vlanTypes)
        {
            header.AddRange(Be16(tagType));
            header.AddRange(Be16(0x0064)); // VLAN 100
        }

        header.AddRange(Be16(type));
        return [.. header, .. payload];
    }

    public static byte[] Ipv4(string src, string dst, byte protocol, byte[] payload, ushort id = 1, ushort flagsAndOffset = 0, byte[]? options = null, int? totalLength = null)
    {
        options ??= [];
        var header = new byte[20 + options.Length];
        header[0] = (byte)(0x40 | (header.Length / 4));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(totalLength ?? header.Length + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), flagsAndOffset);
        header[8] = 64;
        header[9] = protocol;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 16);
        options.CopyTo(header, 20);
        return [.. header, .. payload];
    }

    /// <summary>IPv6 with extension headers given as (type, bytes) in order; their next-header bytes are filled in.</summary>
    public static byte[] Ipv6(string src, string dst, byte next, byte[] payload, params (byte Type, byte[] Bytes)[] extensions)
    {
        var chain = new List<byte>();
        for (var i = 0; i < extensions.Length; i++)
        {
            var bytes = (byte[])extensions[i].Bytes.Clone();
            bytes[0] = i + 1 < extensions.Length ? extensions[i + 1].Type : next;
            chain.AddRange(bytes);
        }

        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(chain.Count + payload.Length));
        header[6] = extensions.Length > 0 ? extensions[0].Type : next;
        header[7] = 64;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 8);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 24);
        return [.. header, .. chain, .. payload];
    }

    /// <summary>An IPv6 option header (hop-by-hop or destination options) of 8 bytes, padded with PadN.</summary>
    public static (byte, byte[]) Ipv6Options(byte type) => (type, [0, 0, 1, 4, 0, 0, 0, 0]);

    public static (byte, byte[]) Ipv6Fragment(int offset, bool more, uint id)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)(offset | (more ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), id);
        return (44, bytes);
    }

    public static byte[] UdpSegment(int sport, int dport, byte[] payload, int? length = null)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)dport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(length ?? 8 + payload.Length));
        return [.. header, .. payload];
    }

    public static byte[] TcpSegment(int sport, int dport, byte flags, byte[]? payload = null, int headerLength = 20, uint seq = 1000, uint ack = 0)
    {
        var header = new byte[Math.Max(20, headerLength)];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)dport);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), ack);
        header[12] = (byte)((headerLength / 4) << 4);
        header[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 65535);
        return [.. header, .. payload ?? []];
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Be16(int value) => [(byte)(value >> 8), (byte)value];

    public static byte[] Be32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
