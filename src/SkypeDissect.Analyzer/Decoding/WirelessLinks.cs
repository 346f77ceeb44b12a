using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// 802.11 data frames (link type 105) and radiotap (127) as Wireshark 4.0 dissects them, far enough to find an
/// unprotected IP packet: the header by frame control (four addresses, QoS, HT control, the Atheros padding
/// radiotap announces), a mesh control header by Wireshark's heuristics, A-MSDU subframes, and the payload's
/// encapsulation (LLC, Ethernet, or an Ethernet type directly). Protected frames are not decrypted, and
/// fragments are not reassembled (Wireshark reassembles 802.11 fragments; the analyzer leaves them untagged).
/// </summary>
internal static class WirelessLinks
{
    private const int DataType = 2;

    /// <summary>
    /// Radiotap: a little-endian header length, presence bitmaps (bit 31 chains another), then the fields; the
    /// flags field (bit 1, after the 8-byte-aligned TSFT of bit 0) says whether an FCS ends the frame (0x10)
    /// and whether the 802.11 header is padded to four bytes (0x20). Wireshark reads the flags only when the
    /// bitmaps fit the header; the 802.11 frame starts at the header's length either way.
    /// </summary>
    public static bool Radiotap(ReadOnlySpan<byte> frame, ref IpLocation ip)
    {
        if (frame.Length < 4)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(frame[2..]);
        if (length < 8 || length > frame.Length)
        {
            return false;
        }

        ip.Layers += 2; // wlan_radio, wlan
        var flags = frame[0] == 0 ? Flags(frame[..length]) : 0;
        var fcs = (flags & 0x10) != 0;
        return Ieee80211(frame, length, fcs, dataPad: (flags & 0x20) != 0, ref ip);
    }

    /// <summary>An 802.11 frame at <paramref name="at"/>; <paramref name="fcs"/>: its last four bytes are a frame check sequence.</summary>
    public static bool Ieee80211(ReadOnlySpan<byte> frame, int at, bool fcs, bool dataPad, ref IpLocation ip)
    {
        if (fcs && ip.End - at >= 4)
        {
            ip.CutAt(ip.End - 4);
        }

        if (ip.End < at + 24)
        {
            return false;
        }

        var control = BinaryPrimitives.ReadUInt16LittleEndian(frame[at..]);
        int subtype = (control >> 4) & 0xF, flags = control >> 8;
        var sequence = BinaryPrimitives.ReadUInt16LittleEndian(frame[(at + 22)..]);
        var moreFragments = (flags & 0x04) != 0;
        if (((control >> 2) & 3) != DataType || (subtype & 0x04) != 0 || (flags & 0x40) != 0 || moreFragments || (sequence & 0xF) != 0)
        {
            return false; // not data, a null frame, protected, or a fragment
        }

        var toFromDs = flags & 3;
        var header = toFromDs == 3 ? 30 : 24;
        var qos = 0;
        if ((subtype & 0x08) != 0)
        {
            if (ip.End < at + header + 2)
            {
                return false;
            }

            qos = BinaryPrimitives.ReadUInt16LittleEndian(frame[(at + header)..]);
            header += (flags & 0x80) != 0 ? 6 : 2; // QoS control, and HT control when +HTC/Order is set
        }

        if (dataPad)
        {
            header = (header + 3) & ~3;
        }

        header += MeshControlLength(frame, at + header, toFromDs, subtype, qos, ref ip);
        var body = at + header;
        ip.Layers++; // the payload's first protocol (llc, eth, ...)
        if ((subtype & 0x08) != 0 && (qos & 0x80) != 0 && ip.End - body > 4)
        {
            return Aggregate(frame, body, ref ip);
        }

        // The addresses Wireshark takes as the frame's destination and source, by ToDS and FromDS.
        var (destination, source) = toFromDs switch
        {
            0 => (4, 10),
            1 => (16, 10),
            2 => (4, 16),
            _ => (16, 24),
        };
        return Payload(frame, body, frame.Slice(at + destination, 6), frame.Slice(at + source, 6), sequence, ref ip);
    }

    /// <summary>Wireshark's guesses for a body that does not start AA AA (see packet-ieee80211.c, "ENCAP_802_2").</summary>
    private static bool Payload(ReadOnlySpan<byte> frame, int body, ReadOnlySpan<byte> destination, ReadOnlySpan<byte> source, ushort sequence, ref IpLocation ip)
    {
        if (ip.End < body + 2 || frame[body] == 0xAA && frame[body + 1] == 0xAA)
        {
            return LinkLayer.Llc(frame, body, ref ip);
        }

        var data = frame[body..ip.End];
        if ((data.Length >= 12 && data.Slice(6, 6).SequenceEqual(source)) || (data.Length >= 6 && data[..6].SequenceEqual(destination)))
        {
            return LinkLayer.Ethernet(frame, body, ref ip);
        }

        if (data[0] == 0xFF && data[1] == 0xFF)
        {
            return false; // IPX
        }

        if (data[0] == 0 && data[1] == 0 && data.Length >= 18 && data.Slice(6, 6).SequenceEqual(destination) && data.Slice(12, 6).SequenceEqual(source))
        {
            return LinkLayer.Ethernet(frame, body + 6, ref ip);
        }

        if ((data[0] == 0 && data[1] == 0) || ((data[1] << 8) | data[0]) == sequence)
        {
            return LinkLayer.Llc(frame, body + 2, ref ip);
        }

        var type = (data[0] << 8) | data[1];
        return type > 1536 && KnownEtherType(type) ? LinkLayer.EtherType(frame, type, body + 2, ref ip) : LinkLayer.Llc(frame, body, ref ip);
    }

    // The Ethernet types of the chain the analyzer follows; Wireshark knows many more, none of them leading to IP.
    private static bool KnownEtherType(int type) => type is 0x0800 or 0x86DD or 0x8100 or 0x88A8 or 0x9100 or 0x88E7 or 0x6558 or 0x8864 or 0x8847 or 0x8848;

    /// <summary>
    /// A-MSDU: subframes of destination, source, a big-endian length and an LLC frame, each padded to four
    /// bytes. The frame holds exactly one IP header only when exactly one subframe reaches one.
    /// </summary>
    private static bool Aggregate(ReadOnlySpan<byte> frame, int body, ref IpLocation ip)
    {
        var found = 0;
        var result = ip;
        var at = body;
        do
        {
            if (ip.End < at + 14)
            {
                break;
            }

            var length = LinkLayer.U16(frame[(at + 12)..]);
            var start = at + 14;
            if (start + length > ip.End)
            {
                break; // Wireshark throws at a subframe running past the frame; the subframes before it stay
            }

            var sub = ip;
            sub.End = start + length;
            if (LinkLayer.Llc(frame, start, ref sub) && IpHeader.HasFields(frame[sub.Offset..sub.End], sub.Hint))
            {
                found++;
                result = sub;
            }

            at = (start + length + 3) & ~3;
        }
        while (ip.End - at > 14);

        ip = result;
        return found == 1;
    }

    /// <summary>
    /// Wireshark's mesh control heuristics: with four addresses or FromDS alone, mesh flags with no reserved bit
    /// set and an address extension mode of 0-2, and an LLC header (AA AA) after the mesh control; when the
    /// frame is too short to see that header, the QoS field's Mesh Control Present bit decides.
    /// </summary>
    private static int MeshControlLength(ReadOnlySpan<byte> frame, int at, int toFromDs, int subtype, int qos, ref IpLocation ip)
    {
        if (ip.End <= at || toFromDs is not (3 or 2))
        {
            return 0;
        }

        int meshFlags = frame[at], length = 6 + (6 * (meshFlags & 3));
        var legal = (meshFlags & ~3) == 0 && (meshFlags & 3) != 3;
        if (ip.End >= at + length + 2)
        {
            return legal && BinaryPrimitives.ReadUInt16LittleEndian(frame[(at + length)..]) == 0xAAAA ? length : 0;
        }

        return (subtype & 0x08) != 0 && legal && (qos & 0x100) != 0 ? length : 0;
    }

    /// <summary>The radiotap flags field, or 0 when the header does not hold it where the bitmaps say.</summary>
    private static int Flags(ReadOnlySpan<byte> header)
    {
        var present = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var at = 8;
        for (var word = present; (word & 0x80000000) != 0; at += 4)
        {
            if (header.Length < at + 4)
            {
                return 0; // bitmaps past the header: the iterator refuses it
            }

            word = BinaryPrimitives.ReadUInt32LittleEndian(header[at..]);
        }

        if ((present & 2) == 0)
        {
            return 0;
        }

        if ((present & 1) != 0)
        {
            at = ((at + 7) & ~7) + 8; // TSFT: eight bytes aligned to eight
        }

        return at < header.Length ? header[at] : 0;
    }
}
