using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// UDP and TCP as Wireshark 4.0 shows them in truncated and bogus cases (checked with tshark): ports
/// appear once four bytes are there; TCP flags once sixteen bytes are there and the header length is at
/// least 20; payload only when the header is complete.
/// </summary>
internal static class TransportDecoder
{
    public static bool DecodeUdp(ReadOnlySpan<byte> data, bool payloadUsable, ref FrameFacts facts)
    {
        if (data.Length < 4)
        {
            return false;
        }

        facts.IsTcp = false;
        facts.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data);
        facts.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (data.Length < 8 || !payloadUsable)
        {
            return true;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        if (length == 0 && facts.Source.IsV6)
        {
            length = data.Length; // RFC 2675 jumbogram: Wireshark takes the IPv6 payload
        }

        if (length < 8)
        {
            return true; // "Bad length value < 8": Wireshark stops before the payload.
        }

        // A length beyond the IP payload is reported but the payload is dissected all the same.
        facts.Payload = data[8..Math.Min(length, data.Length)];
        facts.UdpPayloadDissected = true;
        return true;
    }

    public static bool DecodeTcp(ReadOnlySpan<byte> data, ref FrameFacts facts)
    {
        if (data.Length < 4)
        {
            return false;
        }

        facts.IsTcp = true;
        facts.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data);
        facts.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (data.Length < 16)
        {
            return true;
        }

        var headerLength = (data[12] >> 4) * 4;
        if (headerLength < 20)
        {
            return true; // "Bogus TCP header length": no flags, no payload.
        }

        facts.Syn = (data[13] & 0x02) != 0;
        facts.Ack = (data[13] & 0x10) != 0;
        facts.TcpHeader = true;
        facts.Seq = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        facts.AckNumber = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        facts.Window = BinaryPrimitives.ReadUInt16BigEndian(data[14..]);
        facts.Fin = (data[13] & 0x01) != 0;
        facts.Rst = (data[13] & 0x04) != 0;
        facts.TcpDataLength = Math.Max(0, data.Length - headerLength);

        // Unlike UDP, Wireshark shows the payload of a TCP first fragment that was not reassembled. The data of
        // a segment with RST is shown as the reset cause, not as payload.
        if (data.Length > headerLength && (data[13] & 0x04) == 0)
        {
            facts.Payload = data[headerLength..];
        }

        return true;
    }
}
