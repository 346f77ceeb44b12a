using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 5: link layers. Any number of VLAN tags and MPLS labels, 802.1ah, 802.3 with LLC/SNAP,
/// PPP (9), PPP in HDLC framing (50), Cisco HDLC (104, 112), 802.11 (105), radiotap (127), NFLOG (239) in
/// either byte order and Linux cooked LLC: each frame carries a login DNS query, which both implementations
/// tag. One pcapng file holds them all, one interface per link type.
/// </summary>
public sealed class LinkStackTests
{
    private static readonly byte[] V4 = Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net")));
    private static readonly byte[] V6 = Ipv6("2001:db8::23", "2001:db8::1", Udp, UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net")));
    private static readonly byte[] Snap = [0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00];
    private static readonly byte[] Mac = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6];

    /// <summary>Name, link type, frame; all carry the query, so all are tagged.</summary>
    public static IReadOnlyList<(string Name, int LinkType, byte[] Frame)> Tagged { get; } =
    [
        ("9 VLAN tags", 1, [.. Mac, .. Vlans(9), .. V4]),
        ("14 VLAN tags", 1, [.. Mac, .. Vlans(14), .. V4]),
        ("17 MPLS labels", 1, Ethernet([.. Labels(17), .. V4], 0x8847)),
        ("24 MPLS labels", 1, Ethernet([.. Labels(24), .. V4], 0x8847)),
        ("802.1ah", 1, Ethernet([0, 0, 0, 1, .. Mac, 0x08, 0x00, .. V4], 0x88E7)),
        ("bridged Ethernet", 1, Ethernet(Ethernet(V4), 0x6558)),
        ("802.3 LLC/SNAP", 1, [.. Mac, .. Be16(Snap.Length + V4.Length), .. Snap, .. V4]),
        ("802.3 LLC, IP SAP", 1, [.. Mac, .. Be16(3 + V4.Length), 0x06, 0x06, 0x03, .. V4]),
        ("PPP with address", 9, [0xFF, 0x03, 0x00, 0x21, .. V4]),
        ("PPP without address", 9, [0x00, 0x21, .. V4]),
        ("PPP, compressed protocol", 9, [0x21, .. V4]),
        ("PPP, IPv6", 9, [0xFF, 0x03, 0x00, 0x57, .. V6]),
        ("PPP that is Cisco HDLC", 9, [0x0F, 0x00, 0x08, 0x00, .. V4]),
        ("PPP in HDLC framing", 50, [0xFF, 0x03, 0x00, 0x21, .. V4]),
        ("Cisco HDLC", 104, [0x0F, 0x00, 0x08, 0x00, .. V4]),
        ("Cisco HDLC, IPv6", 112, [0x8F, 0x00, 0x86, 0xDD, .. V6]),
        ("802.11 data to DS", 105, [.. Wlan(0x08, 0x01), .. Snap, .. V4]),
        ("802.11 QoS data", 105, [.. Wlan(0x88, 0x02), 0, 0, .. Snap, .. V4]),
        ("802.11 four addresses", 105, [.. Wlan(0x08, 0x03), .. new byte[6], .. Snap, .. V4]),
        ("802.11 Ethernet type, no LLC", 105, [.. Wlan(0x08, 0x02), 0x08, 0x00, .. V4]),
        ("802.11 A-MSDU of one", 105, [.. Wlan(0x88, 0x02), 0x80, 0, .. Mac, .. Be16(Snap.Length + V4.Length), .. Snap, .. V4]),
        ("radiotap", 127, [0, 0, 8, 0, 0, 0, 0, 0, .. Wlan(0x08, 0x02), .. Snap, .. V4]),
        ("radiotap, FCS", 127, [0, 0, 9, 0, 2, 0, 0, 0, 0x10, .. Wlan(0x08, 0x02), .. Snap, .. V4, 1, 2, 3, 4]),
        ("radiotap, TSFT and padding", 127, [0, 0, 17, 0, 3, 0, 0, 0, .. new byte[8], 0x20, .. Wlan(0x88, 0x02), 0, 0, 0, 0, .. Snap, .. V4]),
        ("NFLOG, family", 239, [2, 0, 0, 0, .. Tlv(10, [0, 0, 0, 1]), .. Tlv(9, V4)]),
        ("NFLOG, packet header", 239, [0, 0, 0, 0, .. Tlv(1, [0x08, 0x00, 3, 0]), .. Tlv(9, V4)]),
        ("Linux cooked, LLC", 113, [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, 0, 4, .. Snap, .. V4]),
    ];

    /// <summary>Frames Wireshark does not reach IP in: a protected 802.11 frame, an NFLOG attribute shorter than its header.</summary>
    public static IReadOnlyList<(string Name, int LinkType, byte[] Frame)> Untagged { get; } =
    [
        ("802.11 protected", 105, [.. Wlan(0x08, 0x41), .. Snap, .. V4]),
        ("802.11 null data", 105, [.. Wlan(0x48, 0x01), .. Snap, .. V4]),
        ("NFLOG, broken attribute after the payload", 239, [2, 0, 0, 0, .. Tlv(9, V4), 2, 0, 0, 0]),
        ("PPP, other protocol", 9, [0xFF, 0x03, 0xC0, 0x21, .. V4]),
    ];

    [SkippableFact]
    public void LinkStacks_TaggedByBoth_WhereWiresharkReachesIp()
    {
        var all = Tagged.Concat(Untagged).ToList();
        var file = new PcapNg().Section();
        foreach (var (_, linkType, _) in all)
        {
            file = file.Interface(linkType);
        }

        for (var i = 0; i < all.Count; i++)
        {
            file = file.Enhanced(i, (ulong)(1_370_426_400_000_000L + (i * 10_000L)), all[i].Frame);
        }

        // A big-endian section: its NFLOG attributes are big-endian, wiretap reads them swapped.
        var bigEndian = NflogBigEndian();
        file = file.Section(bigEndian: true).Interface(239).Enhanced(0, 1_370_426_401_000_000UL, bigEndian);

        var r = ParityCheck.Run(file.ToArray(), "link-stacks", pcapng: true);

        TagRows.Difference(r.Plugin, r.Analyzer, frame => frame <= all.Count ? all[(int)frame - 1].Name : "NFLOG, big-endian").Should().BeEmpty();
        r.AnalyzerFrames.Should().Equal([.. Enumerable.Range(1, Tagged.Count).Select(i => (long)i), all.Count + 1]);
    }

    private static byte[] Vlans(int count) =>
        [.. Enumerable.Range(0, count).SelectMany(i => (byte[])[0x81, 0x00, 0, (byte)(i + 1)]), 0x08, 0x00];

    private static byte[] Labels(int count) =>
        [.. Enumerable.Range(0, count).SelectMany(i => (byte[])[0, (byte)(i + 16), (byte)(i + 1 == count ? 1 : 0), 64])];

    /// <summary>An 802.11 data header of 24 bytes: frame control, duration, three addresses, sequence 0.</summary>
    private static byte[] Wlan(byte control, byte flags) => [control, flags, 0, 0, .. Mac, .. Mac[..6], 0, 0];

    /// <summary>An NFLOG attribute in little-endian (the usual capturing host), padded to four bytes.</summary>
    private static byte[] Tlv(int type, byte[] value) =>
        [(byte)(4 + value.Length), (byte)((4 + value.Length) >> 8), (byte)type, 0, .. value, .. new byte[(4 - (value.Length % 4)) % 4]];

    private static byte[] NflogBigEndian()
    {
        var value = V4;
        return [2, 0, 0, 0, .. Be16(4 + value.Length), 0, 9, .. value, .. new byte[(4 - (value.Length % 4)) % 4]];
    }
}
