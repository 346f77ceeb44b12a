using System.Buffers.Binary;
using System.Text;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// Derives another session from a classic little-endian pcap of Ethernet frames: IPv4 addresses and UDP/TCP
/// ports mapped, times shifted, and byte strings of DNS payloads swapped for others of the same length (other
/// indexes, another build). Checksums are left as they are: neither the analyzer nor the learner checks them.
/// </summary>
internal static class CaptureVariant
{
    public sealed record Changes(Func<uint, uint> Address, Func<int, int> Port, long ShiftMicroseconds, IReadOnlyList<(byte[] From, byte[] To)> DnsSwaps);

    public static byte[] Derive(byte[] pcap, Changes changes)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(pcap) != 0xA1B2C3D4 || BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(20)) != 1)
        {
            throw new ArgumentException("only little-endian microsecond pcap of Ethernet frames is derived");
        }

        var bytes = (byte[])pcap.Clone();
        for (var at = 24; at + 16 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            Shift(bytes.AsSpan(at, 8), changes.ShiftMicroseconds);
            Frame(bytes.AsSpan(at + 16, length), changes);
            at += 16 + length;
        }

        return bytes;
    }

    /// <summary>DNS label bytes of a dotted name (no root label), for swapping inside DNS payloads.</summary>
    public static byte[] Labels(string dotted) =>
        [.. dotted.Split('.').SelectMany(l => new[] { (byte)l.Length }.Concat(Encoding.ASCII.GetBytes(l)))];

    private static void Shift(Span<byte> header, long micros)
    {
        var total = (BinaryPrimitives.ReadUInt32LittleEndian(header) * 1_000_000L) + BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) + micros;
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(total / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(total % 1_000_000));
    }

    private static void Frame(Span<byte> frame, Changes changes)
    {
        if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800)
        {
            return;
        }

        var ip = frame[14..];
        var headerLength = (ip[0] & 0x0F) * 4;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], changes.Address(BinaryPrimitives.ReadUInt32BigEndian(ip[12..])));
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], changes.Address(BinaryPrimitives.ReadUInt32BigEndian(ip[16..])));
        var protocol = ip[9];
        if (protocol is not (6 or 17) || ip.Length < headerLength + 8)
        {
            return; // ICMP and what it quotes stay as they were: no rule looks at them
        }

        var transport = ip[headerLength..];
        var sport = BinaryPrimitives.ReadUInt16BigEndian(transport);
        var dport = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(transport, (ushort)changes.Port(sport));
        BinaryPrimitives.WriteUInt16BigEndian(transport[2..], (ushort)changes.Port(dport));
        if (protocol == 17 && (sport == 53 || dport == 53))
        {
            foreach (var (from, to) in changes.DnsSwaps)
            {
                Swap(transport[8..], from, to);
            }
        }
    }

    private static void Swap(Span<byte> payload, byte[] from, byte[] to)
    {
        for (var i = payload.IndexOf(from); i >= 0; i = payload.IndexOf(from))
        {
            to.CopyTo(payload[i..]);
        }
    }
}
