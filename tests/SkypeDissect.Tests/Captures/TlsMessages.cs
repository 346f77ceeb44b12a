using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Text;

namespace SkypeDissect.Tests.Captures;

/// <summary>An attribute of a distinguished name: its OID, the ASN.1 string type of its value, and the value's bytes.</summary>
public sealed record NameAttribute(string Oid, UniversalTagNumber Type, byte[] Value)
{
    public const string CommonNameOid = "2.5.4.3";
    public const string OrganizationOid = "2.5.4.10";
    public const string CountryOid = "2.5.4.6";

    public static NameAttribute CommonName(string name, UniversalTagNumber type = UniversalTagNumber.UTF8String) => new(CommonNameOid, type, Encode(name, type));

    public static NameAttribute Organization(string name) => new(OrganizationOid, UniversalTagNumber.PrintableString, Encoding.ASCII.GetBytes(name));

    public static NameAttribute Country(string code) => new(CountryOid, UniversalTagNumber.PrintableString, Encoding.ASCII.GetBytes(code));

    private static byte[] Encode(string text, UniversalTagNumber type) => type switch
    {
        UniversalTagNumber.BMPString => Encoding.BigEndianUnicode.GetBytes(text),
        UniversalTagNumber.UniversalString => new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(text),
        UniversalTagNumber.UTF8String => Encoding.UTF8.GetBytes(text),
        _ => Encoding.Latin1.GetBytes(text),
    };
}

/// <summary>
/// TLS 1.0-1.2 handshake messages and X.509 certificates built from explicit values (RFC 5246 section 7.4,
/// RFC 5280 section 4.1), deterministic for a seed: keys and signatures are random bytes of the right shape,
/// which Wireshark dissects without checking.
/// </summary>
public static class TlsMessages
{
    public const byte Handshake = 22;
    public const byte Alert = 21;
    public const byte ChangeCipherSpec = 20;
    public const byte ApplicationData = 23;

    /// <summary>A record: content type, version, length, content.</summary>
    public static byte[] Record(byte type, byte[] content, ushort version = 0x0301)
    {
        var record = new byte[5 + content.Length];
        record[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), version);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), checked((ushort)content.Length));
        content.CopyTo(record, 5);
        return record;
    }

    /// <summary>A handshake message: type, 24-bit length, body.</summary>
    public static byte[] Message(byte type, byte[] body) => [type, .. Uint24(body.Length), .. body];

    /// <summary>A TLS 1.2 ClientHello message with a server_name extension listing <paramref name="serverNames"/> (none: no extension).</summary>
    public static byte[] ClientHello(Payloads random, params string[] serverNames)
    {
        List<byte> body = [0x03, 0x03, .. random.Opaque(32), 0, 0x00, 0x04, 0xC0, 0x2F, 0x00, 0x2F, 0x01, 0x00];
        if (serverNames.Length > 0)
        {
            var list = serverNames.SelectMany(n => (byte[])[0, .. Uint16(n.Length), .. Encoding.ASCII.GetBytes(n)]).ToArray();
            byte[] extension = [0x00, 0x00, .. Uint16(list.Length + 2), .. Uint16(list.Length), .. list];
            body.AddRange(Uint16(extension.Length));
            body.AddRange(extension);
        }

        return Message(1, [.. body]);
    }

    /// <summary>A TLS 1.0 ServerHello message choosing TLS_RSA_WITH_AES_128_CBC_SHA.</summary>
    public static byte[] ServerHello(Payloads random) => Message(2, [0x03, 0x01, .. random.Opaque(32), 0, 0x00, 0x2F, 0x00]);

    /// <summary>A Certificate message: the chain, the server's own certificate first.</summary>
    public static byte[] Certificate(params byte[][] chain)
    {
        var list = chain.SelectMany(c => (byte[])[.. Uint24(c.Length), .. c]).ToArray();
        return Message(11, [.. Uint24(list.Length), .. list]);
    }

    public static byte[] ServerHelloDone() => Message(14, []);

    /// <summary>
    /// An X.509 v3 certificate for <paramref name="subject"/> signed (in appearance) by <paramref name="issuer"/>, with a
    /// subjectAltName extension of the DNS names given (none: no extension) and, optionally, one URI alternative name.
    /// </summary>
    public static byte[] X509(Payloads random, IReadOnlyList<NameAttribute> subject, IReadOnlyList<NameAttribute> issuer, IReadOnlyList<string> dnsNames, string? uri = null)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    w.WriteInteger(2);
                }

                w.WriteInteger([0x01, .. random.Opaque(8)]);
                AlgorithmIdentifier(w, "1.2.840.113549.1.1.11");
                Name(w, issuer);
                using (w.PushSequence())
                {
                    w.WriteUtcTime(new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero));
                    w.WriteUtcTime(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
                }

                Name(w, subject);
                using (w.PushSequence())
                {
                    AlgorithmIdentifier(w, "1.2.840.113549.1.1.1");
                    var key = new AsnWriter(AsnEncodingRules.DER);
                    using (key.PushSequence())
                    {
                        key.WriteInteger([0x00, 0xC1, .. random.Opaque(127)]);
                        key.WriteInteger(65537);
                    }

                    w.WriteBitString(key.Encode());
                }

                if (dnsNames.Count > 0 || uri is not null)
                {
                    using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3)))
                    using (w.PushSequence())
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier("2.5.29.17");
                        var names = new AsnWriter(AsnEncodingRules.DER);
                        using (names.PushSequence())
                        {
                            foreach (var n in dnsNames)
                            {
                                names.WriteCharacterString(UniversalTagNumber.IA5String, n, new Asn1Tag(TagClass.ContextSpecific, 2));
                            }

                            if (uri is not null)
                            {
                                names.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
                            }
                        }

                        w.WriteOctetString(names.Encode());
                    }
                }
            }

            AlgorithmIdentifier(w, "1.2.840.113549.1.1.11");
            w.WriteBitString(random.Opaque(256));
        }

        return w.Encode();
    }

    private static void Name(AsnWriter w, IReadOnlyList<NameAttribute> attributes)
    {
        using (w.PushSequence())
        {
            foreach (var a in attributes)
            {
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(a.Oid);
                    w.WriteEncodedValue([(byte)a.Type, .. Length(a.Value.Length), .. a.Value]);
                }
            }
        }
    }

    private static void AlgorithmIdentifier(AsnWriter w, string oid)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            w.WriteNull();
        }
    }

    private static byte[] Length(int length) => length < 0x80 ? [(byte)length] : length < 0x100 ? [0x81, (byte)length] : [0x82, (byte)(length >> 8), (byte)length];

    private static byte[] Uint16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] Uint24(int value) => [(byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
