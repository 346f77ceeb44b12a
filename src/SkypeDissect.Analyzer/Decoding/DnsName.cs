namespace SkypeDissect.Analyzer.Decoding;

/// <summary>How a DNS name reads, following Wireshark 4.0's expand_dns_name and get_dns_name.</summary>
internal enum DnsNameResult
{
    /// <summary>A name of plain labels (or the root): its text can match a pattern.</summary>
    Ok,

    /// <summary>Readable, but Wireshark prints a placeholder or escapes (loop, unknown extended label, bit string, too long).</summary>
    Unprintable,

    /// <summary>Wireshark throws: the message stops here.</summary>
    Malformed,
}

/// <summary>
/// Walks a possibly compressed DNS name as Wireshark 4.0 does, including its odd corners: a loop (more than
/// 255 pointers, or a pointer two bytes past itself) and an unknown extended label end the name with a
/// placeholder instead of failing; the name's length is what Wireshark computes, even when that is strange
/// (after a pointer, an unknown extended label measures from where the name started).
/// </summary>
internal static class DnsName
{
    /// <summary>Wireshark's MAX_DNAME_LEN: the text holds up to 253 characters, longer prints "&lt;Name too long&gt;".</summary>
    public const int MaxLength = 255;

    private const int MaxPointers = 255;

    /// <summary>
    /// Reads the name at <paramref name="offset"/>; <paramref name="end"/> is where the record goes on. Its text,
    /// ASCII-lowercased, goes to <paramref name="text"/> (<see cref="MaxLength"/> bytes or more).
    /// </summary>
    public static DnsNameResult Read(ReadOnlySpan<byte> message, int offset, Span<byte> text, out int written, out int end)
    {
        written = 0;
        end = -1;
        var position = offset;
        var pointers = 0;
        var printed = false; // something was printed (labels or bit strings): later labels get a dot
        var plainCharacters = 0; // Wireshark's name_len: characters of plain labels and their dots
        var unprintable = false;
        while (true)
        {
            if (position >= message.Length)
            {
                return DnsNameResult.Malformed;
            }

            int length = message[position++];
            if (length == 0)
            {
                break;
            }

            switch (length & 0xC0)
            {
                case 0x00:
                    if (position + length > message.Length)
                    {
                        return DnsNameResult.Malformed;
                    }

                    plainCharacters += length + (printed ? 1 : 0);
                    unprintable |= !Append(message.Slice(position, length), text, ref written, printed);
                    printed = true;
                    position += length;
                    break;
                case 0x40 when (length & 0x3F) == 1:
                    // A bit-string label (RFC 2673), printed as \[x...]: it matches no pattern.
                    if (position >= message.Length)
                    {
                        return DnsNameResult.Malformed;
                    }

                    var bits = message[position++];
                    position += bits == 0 ? 1 : ((bits - 1) / 8) + 1;
                    plainCharacters += printed ? 1 : 0;
                    printed = unprintable = true;
                    break;
                case 0x40:
                    // "<Unknown extended label>": the length is counted from the start to here, wherever "here" is.
                    end = position;
                    return position - offset < 2 ? DnsNameResult.Malformed : DnsNameResult.Unprintable;
                case 0x80:
                    return DnsNameResult.Malformed;
                default:
                    if (position >= message.Length)
                    {
                        return DnsNameResult.Malformed;
                    }

                    var target = ((length & 0x3F) << 8) | message[position++];
                    end = end < 0 ? position : end;
                    if (target == position + 2 || ++pointers > MaxPointers)
                    {
                        return DnsNameResult.Unprintable; // "<Name contains a pointer that loops>"
                    }

                    position = target;
                    break;
            }
        }

        end = end < 0 ? position : end;
        var consumed = end - offset;
        if (!printed && consumed <= 2)
        {
            return DnsNameResult.Ok; // the root, "<Root>": its empty text matches nothing
        }

        if (consumed < 2 || plainCharacters == 0)
        {
            return DnsNameResult.Malformed; // get_dns_name throws on these
        }

        return unprintable ? DnsNameResult.Unprintable : DnsNameResult.Ok;
    }

    private static bool Append(ReadOnlySpan<byte> label, Span<byte> text, ref int written, bool dot)
    {
        var needed = written + label.Length + (dot ? 1 : 0);
        if (needed > MaxLength - 2 || needed > text.Length)
        {
            return false;
        }

        if (dot)
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
