using System.Buffers.Binary;
using PacketDotNet;
using PacketDotNet.Utils;

namespace SkypeDissect.Tests.Captures;

/// <summary>The capture builder writes what the cases claim: sizes, headers, checksums, fragments, link layers.</summary>
public sealed class CaptureBuilderTests
{
    [Fact]
    public void TcpSyn_OnEthernet_Is62BytesWithMssNopNopSackPermitted()
    {
        var (s, client, server) = TwoHosts(LinkKind.Ethernet);
        s.At(0).Tcp(client.On(49152), server.On(33033)).Syn();

        var frame = s.Records().Single().Data;

        frame.Length.Should().Be(62, "the paper's three TCP packets have 62 bytes (14 + 20 + 28)");
        frame[14 + 20 + 12].Should().Be(0x70, "a 28-byte TCP header");
        frame[(14 + 20 + 20)..].Should().Equal(2, 4, 0x05, 0xB4, 1, 1, 4, 2);
    }

    [Fact]
    public void Packets_CarryValidChecksums()
    {
        var (s, client, server) = TwoHosts(LinkKind.Ethernet);
        s.At(0).Tcp(client.On(49152), server.On(80)).Handshake().Send(300).Reply(2000);
        s.At(1).Udp(client.On(38562), server.On(33033), 31);

        foreach (var record in s.Records())
        {
            var ip = (IPv4Packet)new EthernetPacket(new ByteArraySegment(record.Data)).PayloadPacket;
            ip.ValidIPChecksum.Should().BeTrue();
            switch (ip.PayloadPacket)
            {
                case TcpPacket tcp:
                    tcp.ValidTcpChecksum.Should().BeTrue();
                    break;
                case UdpPacket udp:
                    udp.ValidUdpChecksum.Should().BeTrue();
                    break;
                default:
                    throw new InvalidOperationException("unexpected transport");
            }
        }
    }

    [Fact]
    public void DnsResponse_HoldsTheQuestionAndOneARecordPerAddress()
    {
        var response = DnsMessage.Response(7, "dsn1.d.skype.net", [System.Net.IPAddress.Parse("111.221.74.38"), System.Net.IPAddress.Parse("157.55.130.147")]);

        BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)).Should().Be(0x8180);
        BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(6)).Should().Be(2, "two answers");
        var question = DnsMessage.EncodeName("dsn1.d.skype.net");
        response.AsSpan(12, question.Length).ToArray().Should().Equal(question);
        var lastRecord = response[^16..];
        lastRecord[..2].Should().Equal(0xC0, 12); // name: pointer to the question
        lastRecord[^4..].Should().Equal(157, 55, 130, 147);
    }

    [Fact]
    public void VlanFrame_CarriesTheTagBetweenMacsAndEtherType()
    {
        var (s, client, server) = TwoHosts(LinkKind.EthernetVlan, vlanId: 100);
        s.At(0).Udp(client.On(38562), server.On(33033), 31);

        var frame = s.Records().Single().Data;

        frame[12..18].Should().Equal(0x81, 0x00, 0x00, 100, 0x08, 0x00);
        frame.Length.Should().Be(4 + 14 + 20 + 8 + 31);
    }

    [Fact]
    public void LinuxCookedFrame_MarksOutgoingAndIncomingAndWritesLinkType113()
    {
        var (s, client, server) = TwoHosts(LinkKind.LinuxCooked);
        s.At(0).Udp(client.On(38562), server.On(33033), 31).Wait(0.1).Udp(server.On(33033), client.On(38562), 47);

        var records = s.Records();
        var file = s.ToPcap();

        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)).Should().Be(113);
        BinaryPrimitives.ReadUInt16BigEndian(records[0].Data).Should().Be(4, "sent by the capturing host");
        BinaryPrimitives.ReadUInt16BigEndian(records[1].Data).Should().Be(0, "addressed to the capturing host");
        BinaryPrimitives.ReadUInt16BigEndian(records[0].Data.AsSpan(14)).Should().Be(0x0800);
    }

    [Fact]
    public void Fragments_SplitTheDatagramAtAnEightByteBoundary()
    {
        var (s, client, server) = TwoHosts(LinkKind.Ethernet);
        var datagram = PacketFactory.Udp(client.On(38562), server.On(33033), s.Payloads.Opaque(1600));

        var (first, second) = PacketFactory.Fragment(datagram, 1480);

        BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(6)).Should().Be(0x2000, "More Fragments, offset 0");
        BinaryPrimitives.ReadUInt16BigEndian(second.AsSpan(6)).Should().Be(1480 / 8, "last fragment at offset 1480");
        first[20..].Concat(second[20..]).Should().Equal(datagram.Bytes[20..]);
        new IPv4Packet(new ByteArraySegment(first)).ValidIPChecksum.Should().BeTrue();
        new IPv4Packet(new ByteArraySegment(second)).ValidIPChecksum.Should().BeTrue();
    }

    [Fact]
    public void PcapFile_HasTheClassicHeaderAndFramesInTimeOrder()
    {
        var (s, client, server) = TwoHosts(LinkKind.Ethernet);
        s.At(2.5).Udp(client.On(1), server.On(2), 1);
        s.At(1.25).Udp(client.On(3), server.On(4), 1);

        var file = s.ToPcap();

        BinaryPrimitives.ReadUInt32LittleEndian(file).Should().Be(0xA1B2C3D4, "microsecond classic pcap");
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)).Should().Be(1, "Ethernet");
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)).Should().Be((uint)Scenario.EpochSeconds + 1);
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)).Should().Be(250_000, "the frame at 1.25 s comes first");
    }

    private static (Scenario S, Host Client, Host Server) TwoHosts(LinkKind link, ushort vlanId = 0)
    {
        var s = new Scenario(seed: 1, link, vlanId);
        var client = s.Local("client", "192.168.1.23", "f0:de:f1:5c:3e:12");
        s.Gateway("router", "192.168.1.1", "c0:c1:c0:8e:4a:21");
        return (s, client, s.Remote("server", "111.221.74.38", 0.072));
    }
}
