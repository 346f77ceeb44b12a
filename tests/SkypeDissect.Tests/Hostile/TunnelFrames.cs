using SkypeDissect.Tests.Analyzer;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// UDP tunnel payloads built from explicit values: each tunnel's header around an inner packet. The inner
/// packets: an IPv4 datagram, an IPv6 one, and an ARP frame (a link layer without IP).
/// </summary>
internal static class TunnelFrames
{
    public static byte[] InnerIpv4 { get; } = Ipv4("10.0.0.1", "10.0.0.2", Udp, UdpSegment(1000, 2000, [1, 2, 3]));

    public static byte[] InnerIpv6 { get; } = Ipv6("2001:db8::1", "2001:db8::2", Udp, UdpSegment(1000, 2000, [1, 2, 3]));

    public static byte[] InnerArp { get; } = Ethernet(new byte[28], 0x0806);

    /// <summary>Tunnel name, UDP port, and the payload around an IP packet and around a packet without IP.</summary>
    public static IReadOnlyList<(string Name, int Port, byte[] WithIp, byte[] WithoutIp)> All { get; } =
    [
        ("vxlan", 4789, [8, 0, 0, 0, 0, 0, 1, 0, .. Ethernet(InnerIpv4)], [8, 0, 0, 0, 0, 0, 1, 0, .. InnerArp]),
        ("vxlan-gpe", 4790, [0x0C, 0, 0, 2, 0, 0, 1, 0, .. InnerIpv6], [0x0C, 0, 0, 3, 0, 0, 1, 0, .. InnerArp]),
        ("geneve", 6081, [1, 0, 0x65, 0x58, 0, 0, 1, 0, 0, 1, 2, 0, .. Ethernet(InnerIpv4)], [0, 0, 0x08, 0x06, 0, 0, 1, 0, .. new byte[28]]),
        ("teredo", 3544, [0, 0, 0xFF, 0xFF, 1, 2, 3, 4, .. InnerIpv6], InnerIpv4),
        ("gtp-u", 2152, Gtp(InnerIpv4), Gtp([0x30, .. InnerIpv4[1..]])),
        ("l2tp", 1701, L2tp([0xFF, 0x03, 0x00, 0x21, .. InnerIpv4]), L2tp([0xFF, 0x03, 0xC0, 0x21, 1, 1, 0, 4])),
        ("mpls-in-udp", 6635, [0, 0x10, 1, 64, .. InnerIpv4], [0, 0x10, 1, 64, 0x20, 0, 0, 0]),
        ("gre-in-udp", 4754, [0x20, 0, 0x65, 0x58, 0, 0, 0, 9, .. Ethernet(InnerIpv4)], [0x20, 0, 0x65, 0x58, 0, 0, 0, 9, .. InnerArp]),
        ("lisp-data", 4341, [0x80, 0, 0, 1, 0, 0, 0, 0, .. InnerIpv6], [0x80, 0, 0, 1, 0, 0, 0, 0, 0x50, 0, 0, 0]),
    ];

    /// <summary>GTPv1-U T-PDU with a sequence number: flags 32, type FF, length, TEID, then 4 optional bytes.</summary>
    public static byte[] Gtp(byte[] inner) => [0x32, 0xFF, .. Be16(4 + inner.Length), 0, 0, 0, 1, 0, 7, 0, 0, .. inner];

    /// <summary>L2TPv2 data message with a length field: flags 4002, length, tunnel and session ids.</summary>
    public static byte[] L2tp(byte[] ppp) => [0x40, 0x02, .. Be16(8 + ppp.Length), 0, 1, 0, 1, .. ppp];
}
