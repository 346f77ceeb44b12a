using System.Buffers.Binary;
using PacketDotNet;
using PacketDotNet.Utils;

namespace SkypeDissect.Tests.Captures;

/// <summary>TCP flag combinations the scenarios use.</summary>
[Flags]
public enum TcpFlags
{
    None = 0,
    Fin = 1,
    Syn = 2,
    Rst = 4,
    Psh = 8,
    Ack = 16,
}

/// <summary>One TCP segment before it is put on the wire.</summary>
/// <param name="Options">Raw TCP options; their length must be a multiple of four.</param>
public sealed record TcpSegment(uint Sequence, uint Acknowledgment, TcpFlags Flags, ushort Window, byte[] Options, byte[] Payload);

/// <summary>
/// Builds IP packets (IPv4 or IPv6, with UDP, TCP or ICMP inside) with PacketDotNet, checksums filled in.
/// The link layer is added by <see cref="LinkFramer"/>.
/// </summary>
public static class PacketFactory
{
    /// <summary>MSS 1460, NOP, NOP, SACK permitted: 8 bytes, which makes a SYN 14+20+28 = 62 bytes on Ethernet (paper, Section III.B.1).</summary>
    public static byte[] SynOptions => [2, 4, 0x05, 0xB4, 1, 1, 4, 2];

    private const int LocalTtl = 128; // Windows' initial TTL: the paper's clients ran on Windows
    private const int RemoteTtl = 49; // a server some 15 hops away

    public static Packet Udp(HostPort source, HostPort destination, byte[] payload)
    {
        var udp = new UdpPacket(checked((ushort)source.Port), checked((ushort)destination.Port)) { PayloadData = payload };
        var ip = Ip(source.Host, destination.Host, udp, dontFragment: false);
        udp.UpdateCalculatedValues();
        udp.UpdateUdpChecksum();
        UpdateIpChecksum(ip);
        return ip;
    }

    public static Packet Tcp(HostPort source, HostPort destination, TcpSegment segment)
    {
        if (segment.Options.Length % 4 != 0 || segment.Options.Length > 40)
        {
            throw new ArgumentException("TCP options must be padded to a multiple of four bytes and fit in 40", nameof(segment));
        }

        // PacketDotNet sizes the header from the data offset of the bytes it parses, so options need a
        // header parsed at its final length rather than the 20 bytes the port constructor allocates.
        var header = new byte[20 + segment.Options.Length];
        header[12] = (byte)(header.Length / 4 << 4);
        var tcp = new TcpPacket(new ByteArraySegment(header))
        {
            SourcePort = checked((ushort)source.Port),
            DestinationPort = checked((ushort)destination.Port),
            SequenceNumber = segment.Sequence,
            AcknowledgmentNumber = segment.Acknowledgment,
            WindowSize = segment.Window,
            Finished = segment.Flags.HasFlag(TcpFlags.Fin),
            Synchronize = segment.Flags.HasFlag(TcpFlags.Syn),
            Reset = segment.Flags.HasFlag(TcpFlags.Rst),
            Push = segment.Flags.HasFlag(TcpFlags.Psh),
            Acknowledgment = segment.Flags.HasFlag(TcpFlags.Ack),
        };
        if (segment.Options.Length > 0)
        {
            tcp.Options = segment.Options;
        }

        tcp.PayloadData = segment.Payload;
        var ip = Ip(source.Host, destination.Host, tcp, dontFragment: true);
        tcp.UpdateTcpChecksum();
        UpdateIpChecksum(ip);
        return ip;
    }

    /// <summary>
    /// An ICMPv4 destination-unreachable message (RFC 792) from <paramref name="router"/> quoting the IP
    /// header and the first eight bytes of <paramref name="offending"/>, as a firewall sends it.
    /// </summary>
    public static Packet IcmpUnreachable(Host router, Packet offending, byte code)
    {
        if (router.IsIPv6 || offending is not IPv4Packet original)
        {
            throw new ArgumentException("the builder writes ICMP errors for IPv4 only");
        }

        var bytes = original.Bytes;
        var quoted = bytes.AsSpan(0, HeaderBytes(bytes) + 8);
        var icmp = new byte[8 + quoted.Length];
        icmp[0] = 3; // destination unreachable
        icmp[1] = code;
        quoted.CopyTo(icmp.AsSpan(8));
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(2), InternetChecksum(icmp));
        var ip = new IPv4Packet(router.Address, original.SourceAddress)
        {
            Protocol = ProtocolType.Icmp,
            TimeToLive = 64,
            Id = router.NextIpId(),
            PayloadData = icmp,
        };
        ip.UpdateCalculatedValues();
        UpdateIpChecksum(ip);
        return ip;
    }

    /// <summary>
    /// Splits an IPv4 datagram into two fragments (RFC 791 section 3.2): the first carries
    /// <paramref name="firstPayloadBytes"/> bytes of the IP payload (a multiple of 8) with More Fragments set,
    /// the second the rest at that offset. Both copy the original header, checksums recomputed.
    /// </summary>
    public static (byte[] First, byte[] Second) Fragment(Packet datagram, int firstPayloadBytes)
    {
        if (datagram is not IPv4Packet v4)
        {
            throw new ArgumentException("the builder fragments IPv4 datagrams only", nameof(datagram));
        }

        var bytes = v4.Bytes;
        var headerLength = HeaderBytes(bytes);
        var payloadLength = bytes.Length - headerLength;
        if (firstPayloadBytes <= 0 || firstPayloadBytes % 8 != 0 || firstPayloadBytes >= payloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(firstPayloadBytes), "the first fragment needs a positive multiple of 8 bytes, less than the payload");
        }

        var first = FragmentBytes(bytes, headerLength, 0, firstPayloadBytes, moreFragments: true);
        var second = FragmentBytes(bytes, headerLength, firstPayloadBytes, payloadLength - firstPayloadBytes, moreFragments: false);
        return (first, second);
    }

    /// <summary>The IPv4 header length in bytes, from the IHL field (32-bit words).</summary>
    private static int HeaderBytes(byte[] ipv4) => (ipv4[0] & 0x0F) * 4;

    private static byte[] FragmentBytes(byte[] datagram, int headerLength, int offset, int length, bool moreFragments)
    {
        var fragment = new byte[headerLength + length];
        datagram.AsSpan(0, headerLength).CopyTo(fragment);
        datagram.AsSpan(headerLength + offset, length).CopyTo(fragment.AsSpan(headerLength));
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(2), (ushort)fragment.Length);
        var flags = (ushort)(moreFragments ? 0x2000 : 0); // DF is cleared: a fragmented datagram cannot carry it
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(6), (ushort)(flags | (offset / 8)));
        fragment[10] = 0;
        fragment[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(10), InternetChecksum(fragment.AsSpan(0, headerLength)));
        return fragment;
    }

    private static IPPacket Ip(Host source, Host destination, TransportPacket transport, bool dontFragment)
    {
        if (source.IsIPv6 != destination.IsIPv6)
        {
            throw new ArgumentException($"{source} and {destination} are not of the same IP version");
        }

        IPPacket ip = source.IsIPv6
            ? new IPv6Packet(source.Address, destination.Address) { HopLimit = source.IsLocal ? 64 : 55 }
            : new IPv4Packet(source.Address, destination.Address)
            {
                TimeToLive = source.IsLocal ? LocalTtl : RemoteTtl,
                Id = source.NextIpId(),
                FragmentFlags = dontFragment ? 2 : 0,
            };
        ip.PayloadPacket = transport;
        ip.UpdateCalculatedValues();
        return ip;
    }

    private static void UpdateIpChecksum(Packet ip)
    {
        if (ip is IPv4Packet v4)
        {
            v4.UpdateIPChecksum();
        }
    }

    /// <summary>The ones' complement sum of RFC 1071 over the data (its checksum field must be zero).</summary>
    private static ushort InternetChecksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
