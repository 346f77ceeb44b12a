using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// The parts of a DNS message the rules use, read the way Wireshark 4.0's DNS dissector reads them (checked
/// with tshark): a record that runs past the message stops the walk and what came before stays; A and AAAA
/// records are read whatever their class, their address taken from the start of the data whatever its
/// declared length; a compression loop is not fatal (Wireshark prints a placeholder name and goes on).
/// </summary>
internal static class DnsMessage
{
    public const int HeaderLength = 12;

    /// <summary>Wireshark's MAX_DNAME_LEN: longer names print as "&lt;Name too long&gt;".</summary>
    public const int MaxNameLength = 255;

    private const int MaxPointers = 255;

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

        var result = ReadName(message, HeaderLength, name, out var written, out var end);
        if (result == NameResult.Malformed || end + 4 > message.Length)
        {
            return false;
        }

        nameLength = result == NameResult.Ok ? written : -1;
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
            if (ReadName(message, offset, scratch, out _, out offset) == NameResult.Malformed || (offset += 4) > message.Length)
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
        if (ReadName(message, offset, scratch, out _, out var at) == NameResult.Malformed || at + 10 > message.Length)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
        var data = at + 10;
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
                if (!RecordDataReadable(message, type, data, scratch))
                {
                    return false;
                }

                break;
        }

        offset = data + dataLength;
        return true;
    }

    /// <summary>The names inside common records are parsed by Wireshark too, and a broken one stops the message.</summary>
    private static bool RecordDataReadable(ReadOnlySpan<byte> message, int type, int data, Span<byte> scratch)
    {
        return type switch
        {
            2 or 5 or 12 => ReadName(message, data, scratch, out _, out _) != NameResult.Malformed, // NS, CNAME, PTR
            15 => data + 2 <= message.Length && ReadName(message, data + 2, scratch, out _, out _) != NameResult.Malformed, // MX
            6 => ReadName(message, data, scratch, out _, out var next) != NameResult.Malformed // SOA
                 && ReadName(message, next, scratch, out _, out next) != NameResult.Malformed && next + 20 <= message.Length,
            _ => true,
        };
    }

    private enum NameResult
    {
        Ok,
        Unprintable,
        Malformed,
    }

    /// <summary>
    /// Walks a possibly compressed name from <paramref name="offset"/>; <paramref name="end"/> is where the
    /// record continues. Lowercased text goes to <paramref name="text"/> (up to its length).
    /// </summary>
    private static NameResult ReadName(ReadOnlySpan<byte> message, int offset, Span<byte> text, out int written, out int end)
    {
        written = 0;
        end = -1;
        var position = offset;
        var pointers = 0;
        var tooLong = false;
        while (true)
        {
            if (position >= message.Length)
            {
                return NameResult.Malformed;
            }

            int length = message[position];
            if (length == 0)
            {
                end = end < 0 ? position + 1 : end;
                return tooLong ? NameResult.Unprintable : NameResult.Ok;
            }

            switch (length & 0xC0)
            {
                case 0x00:
                    if (position + 1 + length > message.Length)
                    {
                        return NameResult.Malformed;
                    }

                    tooLong |= !Append(message.Slice(position + 1, length), text, ref written);
                    position += 1 + length;
                    break;
                case 0xC0:
                    if (position + 1 >= message.Length)
                    {
                        return NameResult.Malformed;
                    }

                    end = end < 0 ? position + 2 : end;
                    position = ((length & 0x3F) << 8) | message[position + 1];
                    if (++pointers > MaxPointers || tooLong)
                    {
                        // A loop (Wireshark: "<Name contains a pointer that loops>"); the record goes on after the pointer.
                        // A name already too long cannot match either, so the walk stops there too.
                        return NameResult.Unprintable;
                    }

                    break;
                default:
                    return NameResult.Malformed; // extended (0x40) and reserved (0x80) label types
            }
        }
    }

    private static bool Append(ReadOnlySpan<byte> label, Span<byte> text, ref int written)
    {
        var needed = written + label.Length + (written > 0 ? 1 : 0);
        if (needed > MaxNameLength || needed > text.Length)
        {
            return false;
        }

        if (written > 0)
        {
            text[written++] = (byte)'.';
        }

        foreach (var b in label)
        {
            text[written++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        return true;
    }
}
