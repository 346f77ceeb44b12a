using System.Buffers.Binary;
using System.Text;

namespace SkypeDissect.Learning;

/// <summary>
/// Server names in the first bytes of a TLS handshake: the server name extension of a ClientHello (RFC 6066
/// section 3) and the DNS names of a server certificate (subject common name and subjectAltName dNSName,
/// RFC 5280 section 4.2.1.6). Both are read leniently from at most a few kilobytes and never throw: the
/// learner only proposes, a person reviews.
/// </summary>
internal static class TlsNames
{
    /// <summary>True when the bytes start like a TLS handshake record (content type 22, version 3.x).</summary>
    public static bool IsHandshake(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0x16 && data[1] == 0x03;

    /// <summary>The host name of a ClientHello's server name extension, or null.</summary>
    public static string? ClientHelloServerName(ReadOnlySpan<byte> record)
    {
        // Record header (5), handshake header (4), version (2), random (32).
        if (!IsHandshake(record) || record.Length < 5 + 4 + 2 + 32 + 1 || record[5] != 0x01)
        {
            return null;
        }

        var at = 5 + 4 + 2 + 32;
        at += 1 + record[at]; // session id
        if (at + 2 > record.Length)
        {
            return null;
        }

        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(record[at..]); // cipher suites
        if (at + 1 > record.Length)
        {
            return null;
        }

        at += 1 + record[at]; // compression methods
        if (at + 2 > record.Length)
        {
            return null;
        }

        var end = Math.Min(record.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(record[at..]));
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(record[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(record[(at + 2)..]);
            if (type == 0 && at + 9 <= end && record[at + 6] == 0)
            {
                var nameLength = BinaryPrimitives.ReadUInt16BigEndian(record[(at + 7)..]);
                return at + 9 + nameLength <= end ? NameOrNull(record.Slice(at + 9, nameLength)) : null;
            }

            at += 4 + length;
        }

        return null;
    }

    /// <summary>
    /// DNS names in DER strings of a server's first flight: a tag of UTF8String (0x0C), PrintableString (0x13),
    /// IA5String (0x16) or dNSName ([2], 0x82) with a short length, followed by a name with at least one dot.
    /// A tag byte inside random data rarely precedes a valid name of exactly its length, so false finds are rare.
    /// </summary>
    public static IReadOnlyList<string> CertificateNames(ReadOnlySpan<byte> flight)
    {
        var names = new List<string>();
        for (var i = 0; i + 2 < flight.Length; i++)
        {
            if (flight[i] is not (0x0C or 0x13 or 0x16 or 0x82))
            {
                continue;
            }

            int length = flight[i + 1];
            if (length is < 4 or > 127 || i + 2 + length > flight.Length)
            {
                continue;
            }

            if (NameOrNull(flight.Slice(i + 2, length)) is { } name && name.Contains('.') && !names.Contains(name))
            {
                names.Add(name);
                i += 1 + length;
            }
        }

        return names;
    }

    /// <summary>A lowercased DNS name (labels of letters, digits, '-', '_', a leading "*." allowed), or null.</summary>
    private static string? NameOrNull(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is 0 or > 253 || bytes[0] == (byte)'.' || bytes[^1] == (byte)'.')
        {
            return null;
        }

        var text = new StringBuilder(bytes.Length);
        var labelLength = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            if (c == '*' && i == 0 && bytes.Length > 2 && bytes[1] == (byte)'.')
            {
                text.Append(c);
                continue;
            }

            if (c == '.')
            {
                if (labelLength == 0 && i > 1)
                {
                    return null;
                }

                labelLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                labelLength++;
            }
            else
            {
                return null;
            }

            text.Append(char.ToLowerInvariant(c));
        }

        var result = text.ToString();
        return result.Split('.').Any(l => l.Length > 0 && l.All(char.IsAsciiLetter)) ? result : null;
    }
}
