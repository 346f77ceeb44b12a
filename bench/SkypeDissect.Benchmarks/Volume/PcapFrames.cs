using System.Buffers.Binary;

namespace SkypeDissect.Benchmarks.Volume;

/// <summary>
/// Writes a microsecond Ethernet pcap frame by frame, straight to a stream (nothing is held back, so
/// captures of any size stream out in constant memory). IPv4 only; UDP checksums are left at 0 (allowed)
/// and TCP checksums are not computed: neither the analyzer nor tshark checks them by default.
/// </summary>
public sealed class PcapFrames
{
    public const byte Syn = 0x02;
    public const byte Ack = 0x10;
    public const byte Psh = 0x08;

    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private readonly Stream output;
    private readonly byte[] frame = new byte[16 + 1514];
    private ushort ipId;

    public PcapFrames(Stream output)
    {
        this.output = output;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // Ethernet
        output.Write(header);
    }

    /// <summary>Frames written so far.</summary>
    public long Count { get; private set; }

    /// <summary>An IPv4 address from its four octets, as a number.</summary>
    public static uint Address(int a, int b, int c, int d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | (uint)d;

    public static string Text(uint address) => $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";

    /// <summary>A UDP datagram carrying <paramref name="payload"/>.</summary>
    public void Udp(double time, uint src, int sport, uint dst, int dport, ReadOnlySpan<byte> payload)
    {
        var udp = frame.AsSpan(16 + EthernetLength + Ipv4Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)dport);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(udp[8..]);
        Finish(time, src, dst, 17, 8 + payload.Length);
    }

    /// <summary>A TCP segment with <paramref name="flags"/> and <paramref name="payloadLength"/> zero bytes of data.</summary>
    public void Tcp(double time, uint src, int sport, uint dst, int dport, byte flags, int payloadLength = 0)
    {
        var tcp = frame.AsSpan(16 + EthernetLength + Ipv4Length, 20 + payloadLength);
        tcp.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)dport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], (flags & Syn) != 0 && (flags & Ack) == 0 ? 1000u : 2000u);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & Ack) != 0 ? 1001u : 0u);
        tcp[12] = 5 << 4; // data offset: 20 bytes
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        Finish(time, src, dst, 6, 20 + payloadLength);
    }

    /// <summary>An IPv4 fragment: <paramref name="data"/> at byte <paramref name="offset"/> (a multiple of 8) of datagram <paramref name="id"/>.</summary>
    public void Fragment(double time, uint src, uint dst, byte protocol, ushort id, int offset, bool more, ReadOnlySpan<byte> data)
    {
        data.CopyTo(frame.AsSpan(16 + EthernetLength + Ipv4Length));
        Finish(time, src, dst, protocol, data.Length, id, (ushort)((more ? 0x2000 : 0) | (offset / 8)));
    }

    private void Finish(double time, uint src, uint dst, byte protocol, int transportLength, ushort? id = null, ushort flagsOffset = 0)
    {
        var ethernet = frame.AsSpan(16, EthernetLength);
        ethernet[..12].Fill(0x02); // locally administered MACs; no rule looks at them
        BinaryPrimitives.WriteUInt16BigEndian(ethernet[12..], 0x0800);
        var ip = frame.AsSpan(16 + EthernetLength, Ipv4Length);
        ip.Clear();
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + transportLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], id ?? ipId++);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], flagsOffset);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], src);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], dst);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));

        var length = EthernetLength + Ipv4Length + transportLength;
        var micros = (long)Math.Round(time * 1e6);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(12), (uint)length);
        output.Write(frame, 0, 16 + length);
        Count++;
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        var sum = 0u;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
