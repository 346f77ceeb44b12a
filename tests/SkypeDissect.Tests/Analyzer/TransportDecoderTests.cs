using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>UDP and TCP in short and bogus cases, as tshark 4.0 shows them.</summary>
public class TransportDecoderTests
{
    private static DecodedFrame? Tcp4(byte[] segment, int? totalLength = null) =>
        DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Tcp, segment, totalLength: totalLength));

    [Fact]
    public void Tcp_Segment_GivesFlagsAndPayload()
    {
        var d = Tcp4(TcpSegment(51000, 443, SynAck, [1, 2, 3]))!;

        (d.Tcp, d.SourcePort, d.DestinationPort, d.Syn, d.Ack).Should().Be((true, 51000, 443, true, true));
        d.Payload.Should().Equal(1, 2, 3);
    }

    [Theory]
    [InlineData(0x04)]
    [InlineData(0x14)]
    [InlineData(0x3F)]
    public void Tcp_ResetWithData_HasNoPayload(byte flags)
    {
        Tcp4(TcpSegment(1, 80, flags, [0x47, 0x45, 0x54]))!.Payload.Should().BeEmpty();
    }

    [Fact]
    public void Tcp_BogusHeaderLength_KeepsPortsButNoFlags()
    {
        var d = Tcp4(TcpSegment(1, 80, Syn, [1], headerLength: 12))!;

        (d.SourcePort, d.Syn, d.Payload.Length).Should().Be((1, false, 0));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(15, false)]
    [InlineData(16, true)]
    public void Tcp_ShortSegment_FlagsOnlyFromSixteenBytes(int length, bool flags)
    {
        var d = Tcp4(TcpSegment(1, 80, Syn)[..length], totalLength: 40)!;

        (d.SourcePort, d.Syn).Should().Be((1, flags));
    }

    [Fact]
    public void Tcp_ThreeBytes_IsNoTcp()
    {
        Tcp4(TcpSegment(1, 80, Syn)[..3], totalLength: 40).Should().BeNull();
    }

    [Fact]
    public void Udp_LengthBelowEight_HasNoPayload()
    {
        var d = DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Udp, UdpSegment(1, 53, [1, 2], length: 4)))!;

        (d.DestinationPort, d.UdpPayload).Should().Be((53, false));
    }

    [Fact]
    public void Udp_LengthBeyondIpPayload_PayloadIsWhatIsThere()
    {
        var d = DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Udp, UdpSegment(1, 53, [1, 2], length: 500)))!;

        d.Payload.Should().Equal(1, 2);
    }

    [Fact]
    public void Udp_LengthShorterThanIpPayload_CutsThePayload()
    {
        var d = DecodedFrame.Of(101, Ipv4("10.0.0.1", "10.0.0.2", Udp, UdpSegment(1, 53, [1, 2, 3], length: 9)))!;

        d.Payload.Should().Equal(1);
    }
}
