using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// Point-to-point and host link layers as Wireshark 4.0 dissects them: PPP in HDLC-like framing (link types 9
/// and 50, and the payload of L2TP), Cisco HDLC (104, 112) and Linux NFLOG (239).
/// </summary>
internal static class SerialLinks
{
    /// <summary>
    /// Wireshark's ppp_hdlc: a first byte of 0F or 8F is Cisco HDLC; FF is the HDLC address (then a control byte);
    /// otherwise address and control are left out. The protocol field takes one byte when that byte is odd
    /// (protocol field compression), else two.
    /// </summary>
    public static bool PppHdlc(ReadOnlySpan<byte> frame, int at, ref IpLocation ip)
    {
        if (ip.End <= at)
        {
            return false;
        }

        if (frame[at] is 0x0F or 0x8F)
        {
            ip.Layers++; // chdlc
            return CiscoHdlc(frame, at, ref ip);
        }

        if (frame[at] == 0xFF)
        {
            at += 2;
        }

        if (ip.End <= at)
        {
            return false;
        }

        int protocol = frame[at];
        if ((protocol & 1) == 0)
        {
            if (ip.End < at + 2)
            {
                return false;
            }

            protocol = LinkLayer.U16(frame[at..]);
            at++;
        }

        at++;
        return protocol switch
        {
            0x0021 or 0x0800 => LinkLayer.At(at, IpHint.ByVersion, ref ip),
            0x0057 or 0x86DD => LinkLayer.At(at, IpHint.Ipv6, ref ip),
            0x0281 or 0x0283 => LinkLayer.Mpls(frame, at, ref ip),
            _ => false,
        };
    }

    /// <summary>Cisco HDLC: address, control and an Ethernet type in four bytes.</summary>
    public static bool CiscoHdlc(ReadOnlySpan<byte> frame, int at, ref IpLocation ip)
    {
        if (ip.End < at + 4)
        {
            return false;
        }

        var protocol = LinkLayer.U16(frame[(at + 2)..]);
        at += 4;
        return protocol switch
        {
            0x0800 => LinkLayer.At(at, IpHint.ByVersion, ref ip),
            0x86DD => LinkLayer.At(at, IpHint.Ipv6, ref ip),
            0x8847 or 0x8848 => LinkLayer.Mpls(frame, at, ref ip),
            0x6558 => LinkLayer.Ethernet(frame, at, ref ip),
            _ => false,
        };
    }

    /// <summary>
    /// NFLOG: family, version, resource id, then type-length-value attributes aligned to four bytes, in the byte
    /// order of the host that captured them. The packet is the last payload attribute (9); a packet header
    /// attribute (1) gives its Ethernet type, otherwise the family does (2 IPv4, 10 IPv6). An attribute shorter
    /// than its own header, or a payload running past the frame, stops Wireshark before the packet.
    /// </summary>
    /// <param name="byteSwapped">
    /// The file is big-endian. wiretap (on a little-endian host, as tshark runs here) swaps the attributes'
    /// lengths and types while they make sense, so those read big-endian and any after them little-endian.
    /// </param>
    public static bool Nflog(ReadOnlySpan<byte> frame, bool byteSwapped, ref IpLocation ip)
    {
        if (frame.IsEmpty)
        {
            return false;
        }

        var lastSwapped = byteSwapped ? LastSwappedAttribute(frame) : -1;
        int hardware = 0, payloadAt = -1, payloadLength = 0;
        for (var at = 4; frame.Length - at >= 4;)
        {
            var bigEndian = at <= lastSwapped;
            var length = U16(frame[at..], bigEndian);
            if (length < 4)
            {
                return false;
            }

            var type = U16(frame[(at + 2)..], bigEndian) & 0x7FFF;
            if (type == 1 && length == 8)
            {
                if (frame.Length < at + 6)
                {
                    return false;
                }

                hardware = LinkLayer.U16(frame[(at + 4)..]);
            }
            else if (type == 9)
            {
                if (frame.Length < at + length)
                {
                    return false;
                }

                (payloadAt, payloadLength) = (at + 4, length - 4);
            }

            at += (length + 3) & ~3;
        }

        if (payloadAt < 0)
        {
            return false;
        }

        ip.CutAt(payloadAt + payloadLength);
        if (hardware != 0)
        {
            // The Ethernet type table directly, without Wireshark's "ethertype" layer (one too many here; only
            // chains hundreds of headers deep would notice).
            return LinkLayer.EtherType(frame, hardware, payloadAt, ref ip);
        }

        return frame[0] switch
        {
            2 => LinkLayer.At(payloadAt, IpHint.ByVersion, ref ip),
            10 => LinkLayer.At(payloadAt, IpHint.Ipv6, ref ip),
            _ => false,
        };
    }

    /// <summary>Where wiretap's swap of NFLOG attributes (pcap_byteswap_nflog_pseudoheader) stopped: the offset of the last attribute it swapped.</summary>
    private static int LastSwappedAttribute(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 4 || frame[1] != 0)
        {
            return -1; // too short, or a version wiretap does not know: nothing swapped
        }

        var last = -1;
        for (var at = 4; frame.Length - at >= 4;)
        {
            last = at;
            var size = (BinaryPrimitives.ReadUInt16BigEndian(frame[at..]) + 3) & ~3;
            if (size < 4 || frame.Length - at < size)
            {
                break;
            }

            at += size;
        }

        return last;
    }

    private static int U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
