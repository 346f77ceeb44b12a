namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// Whether Wireshark 4.0 gets through the data of a resource record without throwing (its dissector reads
/// the data field by field, and an exception ends the message). Mirrored for the record types that carry
/// names, character strings or fixed fields; the data of other types is taken as readable (a known gap,
/// only on malformed answers).
/// </summary>
internal static class DnsRecordData
{
    public static bool Readable(ReadOnlySpan<byte> message, int type, int data, int length, Span<byte> scratch)
    {
        return type switch
        {
            2 or 3 or 4 or 5 or 7 or 8 or 9 or 12 or 39 => Names(message, data, 1, scratch, out _), // NS, MD, MF, CNAME, MB, MG, MR, PTR, DNAME
            14 or 17 or 58 => Names(message, data, 2, scratch, out _), // MINFO, RP, TALINK
            6 => Names(message, data, 2, scratch, out var next) && next + 20 <= message.Length, // SOA
            15 or 18 or 21 or 36 or 107 or 64 or 65 => Names(message, data + 2, 1, scratch, out _), // MX, AFSDB, RT, KX, LP, SVCB, HTTPS
            33 => Names(message, data + 6, 1, scratch, out _), // SRV
            16 or 99 => Strings(message, data, length), // TXT, SPF
            13 => Strings(message, data, -1) && Strings(message, data + 1 + message[data], -1), // HINFO: CPU and OS
            11 => length >= 5, // WKS: address and protocol, then a bit map read to the end of the data
            47 => Names(message, data, 1, scratch, out var bitmap) && TypeBitmap(message, bitmap, length - (bitmap - data)), // NSEC
            _ => true,
        };
    }

    private static bool Names(ReadOnlySpan<byte> message, int offset, int count, Span<byte> scratch, out int end)
    {
        end = offset;
        for (var i = 0; i < count; i++)
        {
            if (end > message.Length || DnsName.Read(message, end, scratch, out _, out end) == DnsNameResult.Malformed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Character strings filling <paramref name="length"/> bytes exactly (Wireshark loops until the count reaches
    /// zero, so an overshoot reads on until it throws); a length of -1 reads one string.
    /// </summary>
    private static bool Strings(ReadOnlySpan<byte> message, int offset, int length)
    {
        if (length < 0)
        {
            return offset < message.Length && offset + 1 + message[offset] <= message.Length;
        }

        var left = length;
        while (left > 0)
        {
            if (offset >= message.Length)
            {
                return false;
            }

            var size = 1 + message[offset];
            offset += size;
            left -= size;
        }

        return left == 0 && offset <= message.Length;
    }

    /// <summary>An NSEC type bit map: (window, size, bits) blocks that must fill the rest of the data exactly.</summary>
    private static bool TypeBitmap(ReadOnlySpan<byte> message, int offset, int length)
    {
        while (length > 0)
        {
            if (offset + 2 > message.Length)
            {
                return false;
            }

            var size = 2 + message[offset + 1];
            offset += size;
            length -= size;
        }

        return length == 0 && offset <= message.Length;
    }
}
