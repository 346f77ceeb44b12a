using SkypeDissect.Analyzer.Decoding;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>IPv4 and IPv6 as Wireshark 4.0 decodes them (the expectations were checked with tshark 4.0.17).</summary>
public class IpDecoderTests
{
    private static readonly byte[] Udp8 = UdpSegment(1000, 53, [1, 2, 3, 4, 5, 6, 7, 8]);

    [Fact]
    public void Ipv4_WithOptions_DecodesTransportAfterThem()
    {
        var frame = Ethernet(Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8, options: [1, 1, 1, 0]));

        DecodedFrame.Of(1, frame)!.Payload.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Theory]
    [InlineData(new byte[] { 0x44, 3, 5, 0 }, false)] // timestamp shorter than its pointer and flags: tshark throws
    [InlineData(new byte[] { 1, 0x94, 3, 0 }, false)] // router alert of 3 bytes
    [InlineData(new byte[] { 0x94, 4, 0, 0 }, true)]
    [InlineData(new byte[] { 0x83, 9, 0, 0 }, true)] // past the options: only reported
    [InlineData(new byte[] { 0x44, 1, 0, 0 }, true)] // length below 2: only reported
    [InlineData(new byte[] { 0xC8, 2, 0, 0 }, true)] // an unknown option
    public void Ipv4_ShortKnownOption_StopsLikeWireshark(byte[] options, bool decoded)
    {
        var frame = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8, options: options);

        (DecodedFrame.Of(101, frame) is not null).Should().Be(decoded);
    }

    [Fact]
    public void Ipv4_BogusHeaderLength_YieldsNothing()
    {
        var ip = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8);
        ip[0] = 0x44; // 16-byte header

        DecodedFrame.Of(101, ip).Should().BeNull();
    }

    [Fact]
    public void Ipv4_TotalLengthBelowHeader_YieldsNothing()
    {
        DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8, totalLength: 10)).Should().BeNull();
    }

    [Fact]
    public void Ipv4_TotalLengthZero_TakesCapturedLength()
    {
        DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8, totalLength: 0))!.Payload.Should().HaveCount(8);
    }

    [Fact]
    public void Ipv4_EthernetPadding_IsCutByTotalLength()
    {
        var frame = Ethernet([.. Ipv4("10.0.0.1", "10.0.0.2", Tcp, TcpSegment(5, 80, Data, [0x47])), 0, 0, 0, 0]);

        DecodedFrame.Of(1, frame)!.Payload.Should().Equal(0x47);
    }

    [Theory]
    [InlineData(1)] // ICMP
    [InlineData(4)] // IP in IP
    [InlineData(41)] // IPv6 in IPv4
    [InlineData(47)] // GRE
    public void Ipv4_OtherProtocols_YieldNothing(byte protocol)
    {
        DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", protocol, Ipv4("10.0.0.3", "10.0.0.4", Udp, Udp8))).Should().BeNull();
    }

    [Fact]
    public void Ipv4_AuthenticationHeader_IsWalkedLikeWiresharkDoes()
    {
        byte[] ah = [Udp, 4, 0, 0, .. new byte[20]]; // (4 + 2) * 4 = 24 bytes

        DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", 51, [.. ah, .. Udp8]))!.DestinationPort.Should().Be(53);
    }

    [Fact]
    public void Ipv6_ExtensionHeaders_AreWalked()
    {
        var routing = (43, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 });
        var ip = Ipv6("2001:db8::1", "2001:db8::2", Udp, Udp8, Ipv6Options(0), ((byte)routing.Item1, routing.Item2), Ipv6Options(60));

        DecodedFrame.Of(101, ip)!.Payload.Should().HaveCount(8);
    }

    [Fact]
    public void Ipv6_ExtensionHeaderPastTheEnd_YieldsNothing()
    {
        var ip = Ipv6("2001:db8::1", "2001:db8::2", Udp, [], Ipv6Options(0));
        ip[41] = 200; // claims 1608 bytes

        DecodedFrame.Of(101, ip).Should().BeNull();
    }

    [Theory]
    [InlineData(new byte[] { 1, 4, 0, 0, 0, 0 }, true)] // PadN filling the header
    [InlineData(new byte[] { 1, 5, 0, 0, 0, 0 }, true)] // one byte past the header, still inside the packet
    [InlineData(new byte[] { 1, 0xFF, 0, 0, 0, 0 }, false)] // past the packet: tshark throws
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0 }, true)] // Pad1s
    [InlineData(new byte[] { 5, 3, 0, 0, 0, 0 }, true)] // a router alert of a wrong length is only reported
    public void Ipv6_Options_AreWalkedLikeWireshark(byte[] options, bool decoded)
    {
        foreach (byte type in new byte[] { 0, 60 })
        {
            var ip = Ipv6("2001:db8::1", "2001:db8::2", Udp, Udp8, (type, [0, 0, .. options]));

            (DecodedFrame.Of(101, ip) is not null).Should().Be(decoded);
        }
    }

    [Fact]
    public void Ipv6_UdpLengthZero_IsAJumbogramOfTheWholePayload()
    {
        var ip = Ipv6("2001:db8::1", "2001:db8::2", Udp, UdpSegment(1000, 53, [1, 2, 3], length: 0));

        DecodedFrame.Of(101, ip)!.Payload.Should().Equal(1, 2, 3);
        DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Udp, UdpSegment(1000, 53, [1, 2, 3], length: 0)))!.UdpPayload.Should().BeFalse();
    }

    [Fact]
    public void Ipv6_PayloadLengthZero_YieldsNothing()
    {
        var ip = Ipv6("2001:db8::1", "2001:db8::2", Udp, Udp8);
        ip[4] = ip[5] = 0;

        DecodedFrame.Of(101, ip).Should().BeNull();
    }

    [Fact]
    public void Ipv6_AtomicFragment_IsAWholeDatagram()
    {
        DecodedFrame.Of(101, Ipv6("2001:db8::1", "2001:db8::2", Udp, Udp8, Ipv6Fragment(0, false, 5)))!.SourcePort.Should().Be(1000);
    }

    [Fact]
    public void Ipv6_Fragments_AreReassembledOnTheCompletingFrame()
    {
        var decoder = new PacketDecoder();
        var first = Ipv6("2001:db8::1", "2001:db8::2", Udp, Udp8[..8], Ipv6Fragment(0, true, 77));
        var last = Ipv6("2001:db8::1", "2001:db8::2", Udp, Udp8[8..], Ipv6Fragment(8, false, 77));

        DecodedFrame.Of(decoder, 101, first).Should().BeNull();
        DecodedFrame.Of(decoder, 101, last)!.Payload.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void Ipv4_FragmentsOutOfOrder_CompleteOnTheLastArrival()
    {
        var decoder = new PacketDecoder();
        var first = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[..8], id: 9, flagsAndOffset: 0x2000);
        var second = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[8..], id: 9, flagsAndOffset: 1);

        DecodedFrame.Of(decoder, 101, second).Should().BeNull();
        DecodedFrame.Of(decoder, 101, first)!.Payload.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);

        // Completed datagrams are forgotten: a copy of a fragment starts a new one (tshark shows the same).
        DecodedFrame.Of(decoder, 101, first).Should().BeNull();
        DecodedFrame.Of(decoder, 101, second)!.DestinationPort.Should().Be(53);
        decoder.PendingFragments.Should().Be(0);
    }

    [Fact]
    public void Ipv4_FragmentsOfOtherDatagrams_DoNotMix()
    {
        var decoder = new PacketDecoder();

        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[..8], id: 1, flagsAndOffset: 0x2000)).Should().BeNull();
        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[8..], id: 2, flagsAndOffset: 1)).Should().BeNull();
        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.9", "10.0.0.2", Udp, Udp8[8..], id: 1, flagsAndOffset: 1)).Should().BeNull();
    }

    [Fact]
    public void Ipv4_OverlappingFragments_KeepTheBytesLaidDownFirst()
    {
        var decoder = new PacketDecoder();
        byte[] udp = UdpSegment(1000, 53, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]); // 24 bytes
        byte[] other = [0xEE, 0xEE, 0xEE, 0xEE, 0, 16, 0, 0];

        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, udp[16..], id: 4, flagsAndOffset: 2)).Should().BeNull();
        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, other, id: 4, flagsAndOffset: 0x2000)).Should().BeNull();
        var d = DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, udp[..16], id: 4, flagsAndOffset: 0x2000))!;

        // Both offset-0 pieces start together; the one that arrived first lays down bytes 0-7, the real header is lost.
        (d.SourcePort, d.DestinationPort).Should().Be((0xEEEE, 0xEEEE));
        d.Payload.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void Ipv4_EmptyFragment_IsNotAdded()
    {
        var decoder = new PacketDecoder();

        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[..8], id: 5, flagsAndOffset: 0x2000)).Should().BeNull();
        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, [], id: 5, flagsAndOffset: 1)).Should().BeNull(); // would end it at 8
        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[8..], id: 5, flagsAndOffset: 1))!.Payload.Should().HaveCount(8);
    }

    [Fact]
    public void Ipv4_FragmentsOnOtherVlans_AreOtherDatagrams()
    {
        // tshark 4.0: the VLAN id of the first 802.1Q tag is part of the reassembly key.
        var decoder = new PacketDecoder();
        var first = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[..8], id: 7, flagsAndOffset: 0x2000);
        var last = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[8..], id: 7, flagsAndOffset: 1);

        DecodedFrame.Of(decoder, 1, Ethernet(first, 0x0800, 0x8100)).Should().BeNull();
        DecodedFrame.Of(decoder, 1, Ethernet(first, 0x0800)).Should().BeNull();
        DecodedFrame.Of(decoder, 1, Ethernet(last, 0x0800)).Should().NotBeNull(); // completes the untagged one
        DecodedFrame.Of(decoder, 1, Ethernet(last, 0x0800, 0x8100)).Should().NotBeNull();
    }

    [Fact]
    public void Ipv4_ReassemblyKeyCollisions_AreWiresharks()
    {
        // protocol ^ identification is the key: UDP id 1 and TCP id 1 ^ 17 ^ 6 complete each other, and the
        // completing frame's protocol is used (tshark shows TCP there).
        var decoder = new PacketDecoder();
        byte[] tcp = TcpSegment(1000, 80, Data, [1, 2, 3, 4]);

        DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, tcp[..16], id: 1, flagsAndOffset: 0x2000)).Should().BeNull();
        var d = DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Tcp, tcp[16..], id: 1 ^ 17 ^ 6, flagsAndOffset: 2))!;

        (d.Tcp, d.DestinationPort).Should().Be((true, 80));
        d.Payload.Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void Ipv4_FirstFragmentCutBySnapLength_ShowsPortsButNoPayload()
    {
        var ip = Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8, id: 3, flagsAndOffset: 0x2000);

        var decoded = DecodedFrame.Of(101, ip, captured: 30)!;

        (decoded.SourcePort, decoded.UdpPayload, decoded.Payload.Length).Should().Be((1000, false, 0));
    }

    [Fact]
    public void Ipv4_TcpFirstFragmentCutBySnapLength_ShowsFlagsAndTheCapturedPayload()
    {
        var ip = Ipv4("10.0.0.1", "10.0.0.2", Tcp, TcpSegment(1000, 80, Data, [0x47, 0x45, 0x54, 0x20, 0x2F]), id: 5, flagsAndOffset: 0x2000);

        var decoded = DecodedFrame.Of(101, ip, captured: 44)!;

        (decoded.SourcePort, decoded.Ack).Should().Be((1000, true));
        decoded.Payload.Should().Equal(0x47, 0x45, 0x54, 0x20);
    }

    [Fact]
    public void FragmentTable_ManyIncompleteDatagrams_StaysBounded()
    {
        var decoder = new PacketDecoder();
        for (var id = 0; id < FragmentTable.MaxDatagrams + 500; id++)
        {
            DecodedFrame.Of(decoder, 101, Ipv4("10.0.0.1", "10.0.0.2", Udp, Udp8[..8], id: (ushort)id, flagsAndOffset: 0x2000));
        }

        decoder.PendingFragments.Should().Be(FragmentTable.MaxDatagrams);
    }
}
