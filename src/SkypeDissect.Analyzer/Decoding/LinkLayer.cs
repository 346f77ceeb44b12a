using System.Buffers.Binary;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// Finds where the IP header starts in a frame of a given link type, walking the link layers as Wireshark
/// 4.0 dissects them: Ethernet with any number of VLAN tags, MPLS labels, PPPoE sessions, 802.1ah and
/// 802.3/LLC/SNAP; Linux cooked, BSD loopback and raw IP; PPP and Cisco HDLC (<see cref="SerialLinks"/>);
/// 802.11 with or without radiotap (<see cref="WirelessLinks"/>); NFLOG. Every step consumes bytes, so the
/// walk ends with the frame; there is no count limit of its own (Wireshark's depth limit of 500 protocols
/// is applied to the layers counted here, by the caller).
/// </summary>
internal static class LinkLayer
{
    /// <summary>False when the frame carries no IP packet this decoder reaches (see <see cref="IpLocation"/>).</summary>
    /// <param name="byteSwapped">The file's byte order is big-endian: NFLOG attributes follow it (wiretap swaps them).</param>
    public static bool TryLocateIp(int linkType, ReadOnlySpan<byte> frame, bool byteSwapped, out IpLocation ip)
    {
        ip = new IpLocation { End = frame.Length, Layers = 2 }; // frame and the link layer's own protocol
        var found = linkType switch
        {
            LinkTypes.Ethernet => Ethernet(frame, 0, ref ip),
            LinkTypes.Raw or LinkTypes.RawOpenBsd or LinkTypes.RawBsdOs => true,
            LinkTypes.Ipv4 => RawIp(ref ip, IpHint.ByVersion),
            LinkTypes.Ipv6 => RawIp(ref ip, IpHint.Ipv6),
            LinkTypes.LinuxSll => frame.Length >= 16 && !IsNonIpHardware(U16(frame[2..])) && LinuxCooked(frame, U16(frame[14..]), 16, ref ip),
            LinkTypes.LinuxSll2 => frame.Length >= 20 && !IsNonIpHardware(U16(frame[8..])) && LinuxCooked(frame, U16(frame), 20, ref ip),
            LinkTypes.Null => frame.Length >= 4 && Family(NullFamily(BinaryPrimitives.ReadUInt32LittleEndian(frame)), frame, ref ip),
            LinkTypes.Loop => frame.Length >= 4 && Family(BinaryPrimitives.ReadUInt32BigEndian(frame), frame, ref ip),
            LinkTypes.Ppp or LinkTypes.PppHdlc => SerialLinks.PppHdlc(frame, 0, ref ip),
            LinkTypes.CiscoHdlc or LinkTypes.NetBsdHdlc => SerialLinks.CiscoHdlc(frame, 0, ref ip),
            LinkTypes.Ieee80211 => WirelessLinks.Ieee80211(frame, 0, fcs: false, dataPad: false, ref ip),
            LinkTypes.Radiotap => WirelessLinks.Radiotap(frame, ref ip),
            LinkTypes.Nflog => SerialLinks.Nflog(frame, byteSwapped, ref ip),
            _ => false,
        };
        return found && ip.Offset < ip.End;
    }

    /// <summary>
    /// The VLAN id Wireshark keeps for the frame (pinfo->vlan_id, part of its IPv4 reassembly key): that of the
    /// first 802.1Q tag; 802.1ad tags do not set it. 0 without one.
    /// </summary>
    public static int VlanId(int linkType, ReadOnlySpan<byte> frame)
    {
        var (typeAt, at) = linkType switch
        {
            LinkTypes.Ethernet => (12, 14),
            LinkTypes.LinuxSll => (14, 16),
            LinkTypes.LinuxSll2 => (0, 20),
            _ => (-1, 0),
        };
        if (typeAt < 0 || frame.Length < at)
        {
            return 0;
        }

        var type = U16(frame[typeAt..]);
        for (; type is 0x8100 or 0x88A8 or 0x9100 && frame.Length >= at + 4; at += 4)
        {
            if (type != 0x88A8)
            {
                return U16(frame[at..]) & 0x0FFF;
            }

            type = U16(frame[(at + 2)..]);
        }

        return 0;
    }

    /// <summary>An Ethernet header at <paramref name="at"/> (destination, source, type or 802.3 length) and what follows.</summary>
    public static bool Ethernet(ReadOnlySpan<byte> frame, int at, ref IpLocation ip)
    {
        if (ip.End < at + 14)
        {
            return false;
        }

        var type = U16(frame[(at + 12)..]);
        // Cisco ISL frames look like 802.3 frames with a multicast destination of 01-00-0C-00-00 (or 0C-00-0C-00-00).
        if (type <= 1500 && frame[at] is 0x01 or 0x0C && frame[(at + 1)..(at + 5)].SequenceEqual(stackalloc byte[] { 0x00, 0x0C, 0x00, 0x00 }))
        {
            return false;
        }

        return EtherType(frame, type, at + 14, ref ip);
    }

    /// <summary>
    /// Follows an Ethernet type (or an 802.3 length) through VLAN tags, 802.1ah, bridged Ethernet, PPPoE
    /// sessions and MPLS labels to IPv4 or IPv6, as many as the frame holds.
    /// </summary>
    public static bool EtherType(ReadOnlySpan<byte> frame, int type, int at, ref IpLocation ip)
    {
        while (true)
        {
            if (type is > 0 and <= 1500)
            {
                return Ieee8023(frame, type, at, ref ip);
            }

            ip.Layers++; // ethertype, after the link layer and after each tag
            switch (type)
            {
                case 0x0800:
                    return At(at, IpHint.ByVersion, ref ip);
                case 0x86DD:
                    return At(at, IpHint.Ipv6, ref ip);
                case 0x8100 or 0x88A8 or 0x9100:
                    // 802.1Q / 802.1ad: two bytes of tag control, then the next type (or an 802.3 length).
                    if (ip.End < at + 4)
                    {
                        return false;
                    }

                    type = U16(frame[(at + 2)..]);
                    at += 4;
                    ip.Layers++; // vlan or ieee8021ad
                    break;
                case 0x88E7:
                    // 802.1ah: the I-tag, the customer's destination and source, then their type (an 18-byte header).
                    if (ip.End < at + 18)
                    {
                        return false;
                    }

                    type = U16(frame[(at + 16)..]);
                    at += 18;
                    ip.Layers++; // ieee8021ah
                    if (type <= 1500)
                    {
                        return false; // the ethertype dispatch has no 802.3 branch
                    }

                    break;
                case 0x6558:
                    // Transparent Ethernet bridging: a whole Ethernet frame follows.
                    ip.Layers++; // eth
                    return Ethernet(frame, at, ref ip);
                case 0x8864:
                    ip.Layers += 2; // pppoes, ppp
                    return PppoeSession(frame, at, ref ip);
                case 0x8847 or 0x8848:
                    ip.Layers++; // mpls, which hands the payload straight to IP
                    return Mpls(frame, at, ref ip);
                default:
                    return false;
            }
        }
    }

    /// <summary>An IP header at <paramref name="at"/>, announced as <paramref name="hint"/>.</summary>
    public static bool At(int at, IpHint hint, ref IpLocation ip)
    {
        ip.Offset = at;
        ip.Hint = hint;
        return true;
    }

    /// <summary>An 802.3 frame: the length field bounds the payload, which is an 802.2 LLC frame unless it starts FF FF (raw IPX).</summary>
    private static bool Ieee8023(ReadOnlySpan<byte> frame, int length, int at, ref IpLocation ip)
    {
        ip.CutAt(at + length);
        if (ip.End >= at + 2 && U16(frame[at..]) == 0xFFFF)
        {
            return false;
        }

        ip.Layers++; // llc
        return Llc(frame, at, ref ip);
    }

    /// <summary>
    /// 802.2 LLC: SNAP (AA AA) with the Ethernet or Cisco OUI hands its protocol id to the Ethernet types; the IP
    /// SAP (06) hands the payload to IP. Only information frames (I, or UI = 03) carry either. The control field
    /// takes two bytes for I and S frames.
    /// </summary>
    public static bool Llc(ReadOnlySpan<byte> frame, int at, ref IpLocation ip)
    {
        if (ip.End < at + 3)
        {
            return false;
        }

        int dsap = frame[at], ssap = frame[at + 1], control = frame[at + 2];
        var controlLength = (control & 1) == 0 || (control & 3) == 1 ? 2 : 1;
        if (ip.End < at + 2 + controlLength)
        {
            return false;
        }

        if (controlLength == 2)
        {
            control |= frame[at + 3] << 8;
        }

        var information = (control & 1) == 0 || control == 0x03;
        var body = at + 2 + controlLength;
        if (dsap == 0xAA && ssap == 0xAA)
        {
            if (ip.End < body + 5 || !information)
            {
                return false;
            }

            var oui = (frame[body] << 16) | (frame[body + 1] << 8) | frame[body + 2];
            return oui is 0x000000 or 0x0000F8 && EtherType(frame, U16(frame[(body + 3)..]), body + 5, ref ip);
        }

        return dsap == 0x06 && information && At(body, IpHint.ByVersion, ref ip);
    }

    private static bool RawIp(ref IpLocation ip, IpHint hint)
    {
        ip.Layers = 1; // IP straight after the frame, without a "raw" layer
        ip.Hint = hint;
        return true;
    }

    /// <summary>Linux cooked: an Ethernet type, or below 1536 a Linux protocol number, of which 4 is an 802.2 LLC frame.</summary>
    private static bool LinuxCooked(ReadOnlySpan<byte> frame, int protocol, int at, ref IpLocation ip)
    {
        if (protocol > 1500)
        {
            return EtherType(frame, protocol, at, ref ip);
        }

        ip.Layers++; // llc
        return protocol == 4 && Llc(frame, at, ref ip);
    }

    // Linux cooked captures of GRE tunnels and netlink sockets carry no Ethernet type (Wireshark's sll).
    private static bool IsNonIpHardware(ushort arpHardware) => arpHardware is 778 or 824;

    /// <summary>A PPPoE session: the PPP protocol selects IPv4 or IPv6, and the PPPoE length bounds the packet.</summary>
    private static bool PppoeSession(ReadOnlySpan<byte> frame, int at, ref IpLocation ip)
    {
        if (ip.End < at + 8)
        {
            return false;
        }

        // The PPPoE length counts the PPP protocol field and the packet.
        ip.CutAt(at + 6 + U16(frame[(at + 4)..]));
        return U16(frame[(at + 6)..]) switch
        {
            0x0021 => At(at + 8, IpHint.ByVersion, ref ip),
            0x0057 => At(at + 8, IpHint.Ipv6, ref ip),
            _ => false,
        };
    }

    /// <summary>MPLS labels up to the bottom of the stack; Wireshark guesses the payload from its first nibble.</summary>
    public static bool Mpls(ReadOnlySpan<byte> frame, int at, ref IpLocation ip)
    {
        for (; ip.End >= at + 4; at += 4)
        {
            if ((frame[at + 2] & 1) != 0)
            {
                at += 4;
                return ip.End > at && (frame[at] >> 4) switch
                {
                    4 => At(at, IpHint.ByVersion, ref ip),
                    6 => At(at, IpHint.Ipv6, ref ip),
                    _ => false, // 0: an Ethernet pseudo-wire, told apart by Wireshark's table of MAC vendors; not followed
                };
            }
        }

        return false;
    }

    /// <summary>
    /// The BSD loopback header is in the capturing host's byte order. As Wireshark's null dissector: a value
    /// with upper bits set is a 16-bit family in the upper half (IRIX) when its top byte is zero and the
    /// next one small, and otherwise the other byte order.
    /// </summary>
    private static uint NullFamily(uint value)
    {
        if ((value & 0xFFFF0000) == 0)
        {
            return value;
        }

        return (value & 0xFF000000) == 0 && (value & 0x00FF0000) < 0x00060000
            ? value >> 16
            : BinaryPrimitives.ReverseEndianness(value);
    }

    private static bool Family(uint family, ReadOnlySpan<byte> frame, ref IpLocation ip)
    {
        if (family > 1500)
        {
            // Some captures put an Ethernet type in the loopback header.
            return EtherType(frame, (int)family, 4, ref ip);
        }

        // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (Darwin).
        return family switch
        {
            2 => At(4, IpHint.ByVersion, ref ip),
            24 or 28 or 30 => At(4, IpHint.Ipv6, ref ip),
            _ => false,
        };
    }

    public static ushort U16(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt16BigEndian(b);
}
