namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// The names of an X.509 certificate that Wireshark's x509 dissector shows and docs/tagging.md 3.5 counts: the
/// values of the subject's commonName attributes (x509sat teletexString, printableString, universalString,
/// uTF8String or bmpString) and the dNSName entries of the subjectAltName extension (x509ce.dNSName). The DER is
/// walked as far as it is well formed; what was read before a fault stays.
/// </summary>
internal static class X509Names
{
    private static readonly byte[] CommonName = [0x55, 0x04, 0x03];        // 2.5.4.3
    private static readonly byte[] SubjectAltName = [0x55, 0x1D, 0x11];    // 2.5.29.17

    public static void Read(ReadOnlySpan<byte> der, TlsNames names)
    {
        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version?, serialNumber, signature, issuer,
        // validity, subject, subjectPublicKeyInfo, [1]?, [2]?, [3] extensions? }, ... }
        if (!Element(der, 0x30, out var certificate, out _) || !Element(certificate, 0x30, out var tbs, out _))
        {
            return;
        }

        var rest = tbs;
        if (rest.Length > 0 && rest[0] == 0xA0 && !Skip(ref rest))
        {
            return;
        }

        for (var i = 0; i < 4; i++) // serialNumber, signature, issuer, validity
        {
            if (!Skip(ref rest))
            {
                return;
            }
        }

        if (!Element(rest, 0x30, out var subject, out rest))
        {
            return;
        }

        Subject(subject, names);
        if (!Skip(ref rest))
        {
            return; // subjectPublicKeyInfo
        }

        while (rest.Length > 0)
        {
            var tag = rest[0];
            if (tag == 0xA3)
            {
                if (Element(rest, 0xA3, out var explicitExtensions, out _) && Element(explicitExtensions, 0x30, out var extensions, out _))
                {
                    Extensions(extensions, names);
                }

                return;
            }

            if (!Skip(ref rest))
            {
                return;
            }
        }
    }

    // RDNSequence: SET OF SEQUENCE { type OID, value }.
    private static void Subject(ReadOnlySpan<byte> rdns, TlsNames names)
    {
        while (Element(rdns, 0x31, out var set, out rdns))
        {
            while (Element(set, 0x30, out var attribute, out set))
            {
                if (Element(attribute, 0x06, out var oid, out var value) && oid.SequenceEqual(CommonName) && value.Length > 0
                    && Element(value, value[0], out var text, out _))
                {
                    switch (value[0])
                    {
                        case 0x14: // teletexString
                        case 0x13: // printableString
                        case 0x0C: // uTF8String
                            names.AddBytes(text, certificate: true);
                            break;
                        case 0x1C: // universalString
                            names.AddUnits(text, 4, certificate: true);
                            break;
                        case 0x1E: // bmpString
                            names.AddUnits(text, 2, certificate: true);
                            break;
                    }
                }
            }
        }
    }

    // Extensions: SEQUENCE OF SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }.
    private static void Extensions(ReadOnlySpan<byte> extensions, TlsNames names)
    {
        while (Element(extensions, 0x30, out var extension, out extensions))
        {
            if (!Element(extension, 0x06, out var oid, out var rest) || !oid.SequenceEqual(SubjectAltName))
            {
                continue;
            }

            if (rest.Length > 0 && rest[0] == 0x01 && !Skip(ref rest))
            {
                continue;
            }

            // GeneralNames: SEQUENCE OF GeneralName; dNSName is [2] IA5String.
            if (Element(rest, 0x04, out var value, out _) && Element(value, 0x30, out var generalNames, out _))
            {
                while (generalNames.Length > 0)
                {
                    var tag = generalNames[0];
                    if (!Element(generalNames, tag, out var name, out generalNames))
                    {
                        break;
                    }

                    if (tag == 0x82)
                    {
                        names.AddBytes(name, certificate: true);
                    }
                }
            }
        }
    }

    private static bool Skip(ref ReadOnlySpan<byte> data) => data.Length > 0 && Element(data, data[0], out _, out data);

    /// <summary>A DER element with tag <paramref name="tag"/> at the start of <paramref name="data"/>: its content and what follows it.</summary>
    private static bool Element(ReadOnlySpan<byte> data, byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> after)
    {
        content = default;
        after = default;
        if (data.Length < 2 || data[0] != tag)
        {
            return false;
        }

        var at = 2;
        long length = data[1];
        if (length >= 0x80)
        {
            var count = (int)(length & 0x7F);
            if (count == 0 || count > 4 || data.Length < 2 + count)
            {
                return false; // indefinite or oversized lengths are not DER
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | data[2 + i];
            }

            at += count;
        }

        if (at + length > data.Length)
        {
            return false;
        }

        content = data.Slice(at, (int)length);
        after = data[(at + (int)length)..];
        return true;
    }
}
