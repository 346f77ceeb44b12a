using System.Buffers.Binary;
using PacketDotNet;

namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// Breaks one field of a well-formed IP packet (built by <see cref="PacketFactory"/>) and returns new bytes.
/// The IPv4 header checksum is recomputed so that only the named field is wrong; Wireshark does not check
/// transport checksums by default, so those are left as they were.
/// </summary>
public static class Damage
{
    public static byte[] Ipv4HeaderWords(Packet ip, int words) => Ipv4(ip, b => b[0] = (byte)(0x40 | words));

    public static byte[] Ipv4TotalLength(Packet ip, int length) => Ipv4(ip, b => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)length));

    /// <summary>The UDP length field (IPv4, 20-byte header).</summary>
    public static byte[] UdpLength(Packet ip, int length) => Ipv4(ip, b => BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(24), (ushort)length));

    /// <summary>The TCP data offset in 32-bit words (IPv4, 20-byte header).</summary>
    public static byte[] TcpDataOffset(Packet ip, int words) => Ipv4(ip, b => b[32] = (byte)((words << 4) | (b[32] & 0x0F)));

    /// <summary>
    /// Puts IPv6 extension headers between the fixed header and the transport header: each entry is a next-header
    /// type (0, 43, 60) and its whole bytes, whose first byte (next header) is filled in to chain them.
    /// <paramref name="payloadLength"/> overrides the payload length field (default: what follows the header).
    /// </summary>
    public static byte[] Ipv6Extensions(Packet ip, IReadOnlyList<(byte Type, byte[] Bytes)> headers, int? payloadLength = null)
    {
        var original = ip.Bytes;
        if (original[0] >> 4 != 6)
        {
            throw new ArgumentException("an IPv6 packet is needed", nameof(ip));
        }

        var transport = original[6];
        var chain = new List<byte>();
        for (var i = 0; i < headers.Count; i++)
        {
            var h = (byte[])headers[i].Bytes.Clone();
            h[0] = i + 1 < headers.Count ? headers[i + 1].Type : transport;
            chain.AddRange(h);
        }

        byte[] result = [.. original[..40], .. chain, .. original[40..]];
        result[6] = headers.Count > 0 ? headers[0].Type : transport;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)(payloadLength ?? result.Length - 40));
        return result;
    }

    /// <summary>An 8-byte hop-by-hop or destination options header holding one PadN option (RFC 8200 section 4.2).</summary>
    public static byte[] PadOptions() => [0, 0, 1, 4, 0, 0, 0, 0];

    /// <summary>An options header whose length field claims <paramref name="units"/> more 8-byte units than follow.</summary>
    public static byte[] OptionsClaiming(int units) => [0, (byte)units, 1, 4, 0, 0, 0, 0];

    private static byte[] Ipv4(Packet ip, Action<byte[]> change)
    {
        var b = (byte[])ip.Bytes.Clone();
        if (b[0] != 0x45)
        {
            throw new ArgumentException("an IPv4 packet with a 20-byte header is needed", nameof(ip));
        }

        change(b);
        b[10] = 0;
        b[11] = 0;
        var headerLength = Math.Min(b.Length, Math.Max(20, (b[0] & 0x0F) * 4));
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(10), Checksum(b.AsSpan(0, headerLength)));
        return b;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
