using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Analyzer;

public class LinkLayerTests
{
    private static readonly byte[] V4Udp = Ipv4("10.0.0.1", "10.0.0.2", Udp, UdpSegment(1000, 2000, [7, 7]));
    private static readonly byte[] V6Udp = Ipv6("2001:db8::1", "2001:db8::2", Udp, UdpSegment(1000, 2000, [7, 7]));

    public static TheoryData<string, int, byte[], string> Frames => new()
    {
        { "Ethernet IPv4", 1, Ethernet(V4Udp), "10.0.0.1" },
        { "Ethernet IPv6", 1, Ethernet(V6Udp, 0x86DD), "2001:db8::1" },
        { "802.1Q", 1, Ethernet(V4Udp, 0x0800, 0x8100), "10.0.0.1" },
        { "802.1ad + 802.1Q", 1, Ethernet(V6Udp, 0x86DD, 0x88A8, 0x8100), "2001:db8::1" },
        { "PPPoE session", 1, Ethernet([0x11, 0, 0, 1, .. Be16(2 + V4Udp.Length), 0, 0x21, .. V4Udp], 0x8864), "10.0.0.1" },
        { "PPPoE session, IPv6", 1, Ethernet([0x11, 0, 0, 1, .. Be16(2 + V6Udp.Length), 0, 0x57, .. V6Udp], 0x8864), "2001:db8::1" },
        { "MPLS two labels", 1, Ethernet([0, 1, 0, 64, 0, 2, 1, 64, .. V4Udp], 0x8847), "10.0.0.1" },
        { "Linux SLL", 113, [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, 0x08, 0x00, .. V4Udp], "10.0.0.1" },
        { "Linux SLL with VLAN", 113, [0, 0, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, 0x81, 0x00, 0, 100, 0x86, 0xDD, .. V6Udp], "2001:db8::1" },
        { "Linux SLL2", 276, [0x86, 0xDD, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0, 1, 2, 3, 4, 5, 0, 0, .. V6Udp], "2001:db8::1" },
        { "raw IPv4", 101, V4Udp, "10.0.0.1" },
        { "raw IPv6", 101, V6Udp, "2001:db8::1" },
        { "raw (OpenBSD 12)", 12, V4Udp, "10.0.0.1" },
        { "IPv4 link type", 228, V4Udp, "10.0.0.1" },
        { "IPv6 link type", 229, V6Udp, "2001:db8::1" },
        { "BSD null, little-endian AF_INET", 0, [2, 0, 0, 0, .. V4Udp], "10.0.0.1" },
        { "BSD null, big-endian AF_INET", 0, [0, 0, 0, 2, .. V4Udp], "10.0.0.1" },
        { "BSD null, Darwin AF_INET6", 0, [30, 0, 0, 0, .. V6Udp], "2001:db8::1" },
        { "BSD null, FreeBSD AF_INET6", 0, [28, 0, 0, 0, .. V6Udp], "2001:db8::1" },
        { "OpenBSD loop, AF_INET", 108, [0, 0, 0, 2, .. V4Udp], "10.0.0.1" },
        { "OpenBSD loop, AF_INET6", 108, [0, 0, 0, 24, .. V6Udp], "2001:db8::1" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Decode_EachLinkType_FindsTheUdpDatagram(string what, int linkType, byte[] frame, string source)
    {
        var decoded = DecodedFrame.Of(linkType, frame);

        decoded.Should().NotBeNull(what);
        decoded!.Source.Should().Be(source);
        (decoded.SourcePort, decoded.DestinationPort, decoded.Tcp).Should().Be((1000, 2000, false));
        decoded.Payload.Should().Equal(7, 7);
    }

    [Theory]
    [InlineData(1, new byte[] { 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x06, 0, 1 })] // ARP
    [InlineData(1, new byte[] { 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x00, 0x40, 0xAA, 0xAA })] // 802.3 length + LLC
    [InlineData(113, new byte[] { 0, 0, 0x03, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00 })] // SLL of a GRE tunnel
    [InlineData(0, new byte[] { 7, 0, 0, 0, 0x45 })] // BSD AF_ISO
    [InlineData(147, new byte[] { 0x45, 0, 0, 20 })] // a user link type
    public void Decode_NonIpFrames_YieldNothing(int linkType, byte[] frame)
    {
        DecodedFrame.Of(linkType, frame).Should().BeNull();
    }

    [Fact]
    public void Decode_PppoeLengthCutsThePacket()
    {
        // tshark 4.0 bounds the PPP payload by the PPPoE length: a zero length leaves no IP packet.
        DecodedFrame.Of(1, Ethernet([0x11, 0, 0, 1, 0, 0, 0, 0x21, .. V4Udp], 0x8864)).Should().BeNull();
    }

    [Fact]
    public void Decode_Ipv4VersionOnIpv6Ethertype_YieldsNothing()
    {
        DecodedFrame.Of(1, Ethernet(V4Udp, 0x86DD)).Should().BeNull();
    }

    [Fact]
    public void Decode_Ipv6OnIpv4Ethertype_IsDecodedByVersion()
    {
        DecodedFrame.Of(1, Ethernet(V6Udp, 0x0800))!.Source.Should().Be("2001:db8::1");
    }
}
