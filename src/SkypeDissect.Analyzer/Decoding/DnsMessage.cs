using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// The parts of a DNS message the rules use, read the way Wireshark 4.0's DNS dissector reads them (checked
/// with tshark): a record that runs past the message stops the walk and what came before stays; A and AAAA
/// records are read whatever their class, their address taken from the start of the data whatever its
/// declared length; a compression loop is not fatal (Wireshark prints a placeholder name and goes on).
/// Names: <see cref="DnsName"/>; the data of other records: <see cref="DnsRecordData"/>.
/// </summary>
internal static class DnsMessage
{
    public const int HeaderLength = 12;

    /// <summary>Size of the buffer a caller gives for the first question's name.</summary>
    public const int MaxNameLength = DnsName.MaxLength;

    /// <summary>
    /// Reads the QR bit and the first question's name, ASCII-lowercased, into <paramref name="name"/> (at least
    /// <see cref="MaxNameLength"/> bytes). False when there is no readable first question. A name that Wireshark
    /// would print as a placeholder (loop, too long) gives <paramref name="nameLength"/> -1: it matches nothing.
    /// </summary>
    public static bool TryReadFirstQuestion(ReadOnlySpan<byte> message, Span<byte> name, out bool isResponse, out int nameLength)
    {
        nameLength = -1;
        isResponse = message.Length >= 4 && (message[2] & 0x80) != 0;
        if (message.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(message[4..]) == 0)
        {
            return false;
        }

        var result = DnsName.Read(message, HeaderLength, name, out var written, out var end);
        if (result == DnsNameResult.Malformed || end + 4 > message.Length)
        {
            return false;
        }

        nameLength = result == DnsNameResult.Ok ? written : -1;
        return true;
    }

    /// <summary>Every A record's address in message order into <paramref name="a"/>, every AAAA record's into <paramref name="aaaa"/>.</summary>
    public static void ReadAddresses(ReadOnlySpan<byte> message, List<IpAddress> a, List<IpAddress> aaaa)
    {
        if (message.Length < HeaderLength)
        {
            return;
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var records = BinaryPrimitives.ReadUInt16BigEndian(message[6..])
            + BinaryPrimitives.ReadUInt16BigEndian(message[8..])
            + BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        Span<byte> scratch = stackalloc byte[MaxNameLength];
        var offset = HeaderLength;
        for (var i = 0; i < questions; i++)
        {
            if (DnsName.Read(message, offset, scratch, out _, out offset) == DnsNameResult.Malformed || (offset += 4) > message.Length)
            {
                return;
            }
        }

        for (var i = 0; i < records; i++)
        {
            if (!ReadRecord(message, ref offset, scratch, a, aaaa))
            {
                return;
            }
        }
    }

    private static bool ReadRecord(ReadOnlySpan<byte> message, ref int offset, Span<byte> scratch, List<IpAddress> a, List<IpAddress> aaaa)
    {
        if (DnsName.Read(message, offset, scratch, out _, out var at) == DnsNameResult.Malformed || at + 10 > message.Length)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
        var data = at + 10;
        if (data + dataLength > message.Length)
        {
            return false; // Wireshark gives the record's data its declared length first and throws past the end
        }

        if (dataLength == 0)
        {
            offset = data; // Wireshark looks no further into a record without data
            return true;
        }

        switch (type)
        {
            case 1:
                if (data + 4 > message.Length)
                {
                    return false;
                }

                a.Add(IpAddress.FromV4(message[data..]));
                break;
            case 28:
                if (data + 16 > message.Length)
                {
                    return false;
                }

                aaaa.Add(IpAddress.FromV6(message[data..]));
                break;
            default:
                if (!DnsRecordData.Readable(message, type, data, dataLength, scratch))
                {
                    return false;
                }

                break;
        }

        offset = data + dataLength;
        return true;
    }
}
