using System.Buffers.Binary;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>Which IP version the link layer announced for its payload.</summary>
internal enum IpHint
{
    /// <summary>Decide by the version nibble (raw IP, Ethernet type 0x0800: Wireshark's "ip" dissector takes 4 and 6).</summary>
    ByVersion,

    /// <summary>Only IPv6 (Ethernet type 0x86DD, BSD AF_INET6): another version is not decoded.</summary>
    Ipv6,

    /// <summary>Inside a PPPoE session: the PPPoE length bounds the packet (resolved before the caller sees it).</summary>
    Pppoe,
}

/// <summary>Finds where the IP header starts in a frame of a given link type.</summary>
internal static class LinkLayer
{
    private const int MaxTags = 8;

    /// <summary>
    /// False when the frame carries no IP packet this decoder reaches. The packet lies between
    /// <paramref name="offset"/> and <paramref name="end"/> (the frame's end unless a PPPoE length says less).
    /// <paramref name="layers"/> counts the protocols Wireshark lists before IP, "frame" included (frame,
    /// eth, ethertype for Ethernet; each VLAN tag adds vlan and ethertype; PPPoE pppoes and ppp; MPLS mpls):
    /// Wireshark stops dissecting at a depth of 500 protocols, which bounds the IPv6 extension headers.
    /// </summary>
    public static bool TryLocateIp(int linkType, ReadOnlySpan<byte> frame, out int offset, out IpHint hint, out int end, out int layers)
    {
        layers = 2; // frame and the link layer's own protocol
        var found = TryLocateIp(linkType, frame, out offset, out hint, ref layers);
        end = frame.Length;
        if (found && hint == IpHint.Pppoe)
        {
            // The PPPoE length counts the PPP protocol field and the packet.
            end = Math.Min(frame.Length, offset - 2 + U16(frame[(offset - 4)..]));
            hint = frame[offset - 1] == 0x57 ? IpHint.Ipv6 : IpHint.ByVersion;
        }

        return found;
    }

    private static bool TryLocateIp(int linkType, ReadOnlySpan<byte> frame, out int offset, out IpHint hint, ref int layers)
    {
        offset = 0;
        hint = IpHint.ByVersion;
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                return frame.Length >= 14 && EtherType(frame, U16(frame[12..]), 14, out offset, out hint, ref layers);
            case LinkTypes.Raw or LinkTypes.RawOpenBsd or LinkTypes.RawBsdOs:
                return true;
            case LinkTypes.Ipv4:
                layers = 1; // IP straight after the frame, without a "raw" layer
                return true;
            case LinkTypes.Ipv6:
                layers = 1;
                hint = IpHint.Ipv6;
                return true;
            case LinkTypes.LinuxSll:
                return frame.Length >= 16 && !IsNonIpHardware(U16(frame[2..])) && EtherType(frame, U16(frame[14..]), 16, out offset, out hint, ref layers);
            case LinkTypes.LinuxSll2:
                return frame.Length >= 20 && !IsNonIpHardware(U16(frame[8..])) && EtherType(frame, U16(frame), 20, out offset, out hint, ref layers);
            case LinkTypes.Null:
                return frame.Length >= 4 && Family(NullFamily(BinaryPrimitives.ReadUInt32LittleEndian(frame)), frame, out offset, out hint, ref layers);
            case LinkTypes.Loop:
                return frame.Length >= 4 && Family(BinaryPrimitives.ReadUInt32BigEndian(frame), frame, out offset, out hint, ref layers);
            default:
                return false;
        }
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
        for (var tags = 0; tags <= MaxTags && type is 0x8100 or 0x88A8 or 0x9100 && frame.Length >= at + 4; tags++)
        {
            if (type != 0x88A8)
            {
                return U16(frame[at..]) & 0x0FFF;
            }

            type = U16(frame[(at + 2)..]);
            at += 4;
        }

        return 0;
    }

    // Linux cooked captures of GRE tunnels and netlink sockets carry no Ethernet type (Wireshark's sll).
    private static bool IsNonIpHardware(ushort arpHardware) => arpHardware is 778 or 824;

    /// <summary>Follows an Ethernet type through VLAN tags, PPPoE sessions and MPLS labels to IPv4 or IPv6.</summary>
    private static bool EtherType(ReadOnlySpan<byte> frame, int type, int at, out int offset, out IpHint hint, ref int layers)
    {
        offset = at;
        hint = IpHint.ByVersion;
        for (var tags = 0; tags <= MaxTags; tags++)
        {
            layers++; // ethertype, after the link layer and after each tag
            switch (type)
            {
                case 0x0800:
                    offset = at;
                    return true;
                case 0x86DD:
                    offset = at;
                    hint = IpHint.Ipv6;
                    return true;
                case 0x8100 or 0x88A8 or 0x9100:
                    // 802.1Q / 802.1ad: two bytes of tag control, then the next type.
                    if (frame.Length < at + 4)
                    {
                        return false;
                    }

                    type = U16(frame[(at + 2)..]);
                    at += 4;
                    layers++; // vlan or ieee8021ad
                    break;
                case 0x8864:
                    layers += 2; // pppoes, ppp
                    return PppoeSession(frame, at, out offset, out hint);
                case 0x8847 or 0x8848:
                    layers++; // mpls, which hands the payload straight to IP
                    return Mpls(frame, at, out offset, out hint);
                default:
                    // Includes 802.3 length fields (<= 1500) with LLC/SNAP, which this decoder does not follow.
                    return false;
            }
        }

        return false;
    }

    private static bool PppoeSession(ReadOnlySpan<byte> frame, int at, out int offset, out IpHint hint)
    {
        offset = at + 8;
        hint = IpHint.ByVersion;
        if (frame.Length < offset)
        {
            return false;
        }

        var protocol = U16(frame[(at + 6)..]);
        hint = IpHint.Pppoe;
        return protocol is 0x0021 or 0x0057;
    }

    private static bool Mpls(ReadOnlySpan<byte> frame, int at, out int offset, out IpHint hint)
    {
        hint = IpHint.ByVersion;
        for (var labels = 0; labels < 16 && frame.Length >= at + 4; labels++)
        {
            var bottom = (frame[at + 2] & 1) != 0;
            at += 4;
            if (bottom)
            {
                // Wireshark guesses the payload of the bottom label from its first nibble.
                offset = at;
                return frame.Length > at && (frame[at] >> 4) is 4 or 6;
            }
        }

        offset = at;
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

    private static bool Family(uint family, ReadOnlySpan<byte> frame, out int offset, out IpHint hint, ref int layers)
    {
        offset = 4;
        hint = IpHint.ByVersion;
        if (family > 1500)
        {
            // Some captures put an Ethernet type in the loopback header.
            return EtherType(frame, (int)family, 4, out offset, out hint, ref layers);
        }

        // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (Darwin).
        hint = family == 2 ? IpHint.ByVersion : IpHint.Ipv6;
        return family is 2 or 24 or 28 or 30;
    }

    private static ushort U16(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt16BigEndian(b);
}
