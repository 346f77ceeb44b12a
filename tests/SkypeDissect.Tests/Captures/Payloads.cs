using System.Buffers.Binary;
using System.Text;

namespace SkypeDissect.Tests.Captures;

/// <summary>
/// Payload bytes for scenarios. Skype's own payloads are encrypted, so random bytes stand in for them; the
/// generator is a fixed xorshift so captures come out byte-identical on every run and every .NET version.
/// Background traffic gets plausible plaintext (HTTP) or TLS record framing.
/// </summary>
public sealed class Payloads(ulong seed)
{
    private ulong state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    /// <summary>Opaque bytes, as encrypted Skype payloads look on the wire.</summary>
    public byte[] Opaque(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(Next() >> 56);
        }

        return bytes;
    }

    public uint NextUInt32() => (uint)(Next() >> 32);

    /// <summary>A TLS 1.2 ClientHello record (RFC 5246 section 7.4.1.2) carrying a server name extension (RFC 6066 section 3).</summary>
    public byte[] TlsClientHello(string serverName)
    {
        var name = Encoding.ASCII.GetBytes(serverName);
        var sni = new List<byte>();
        Add16(sni, 0x0000); // extension type server_name
        Add16(sni, name.Length + 5);
        Add16(sni, name.Length + 3); // server name list length
        sni.Add(0); // host_name
        Add16(sni, name.Length);
        sni.AddRange(name);

        var body = new List<byte> { 0x03, 0x03 }; // client_version TLS 1.2
        body.AddRange(Opaque(32)); // random
        body.Add(0); // no session id
        ushort[] suites = [0xC02B, 0xC02F, 0xC00A, 0xC009, 0xC013, 0xC014, 0x009C, 0x002F, 0x0035];
        Add16(body, suites.Length * 2);
        foreach (var suite in suites)
        {
            Add16(body, suite);
        }

        body.Add(1); // one compression method
        body.Add(0); // null
        Add16(body, sni.Count);
        body.AddRange(sni);

        var handshake = new List<byte> { 0x01 }; // client_hello
        handshake.Add(0);
        Add16(handshake, body.Count);
        handshake.AddRange(body);
        return TlsRecord(0x16, 0x0301, [.. handshake]);
    }

    /// <summary>A TLS application-data record of the given total length, its content opaque.</summary>
    public byte[] TlsApplicationData(int length) => TlsRecord(0x17, 0x0303, Opaque(Math.Max(0, length - 5)));

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>A plain HTTP/1.1 GET as a desktop client sends it.</summary>
    public static byte[] HttpGet(string host, string target, string userAgent) =>
        Ascii($"GET {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {userAgent}\r\nAccept: */*\r\nConnection: Keep-Alive\r\n\r\n");

    /// <summary>A 200 OK with a text body and a fixed date, so captures stay reproducible.</summary>
    public static byte[] HttpOk(string contentType, string body) =>
        Ascii($"HTTP/1.1 200 OK\r\nDate: Wed, 05 Jun 2013 10:00:00 GMT\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: keep-alive\r\n\r\n{body}");

    private static byte[] TlsRecord(byte type, ushort version, byte[] content)
    {
        var record = new byte[5 + content.Length];
        record[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), version);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), checked((ushort)content.Length));
        content.CopyTo(record.AsSpan(5));
        return record;
    }

    private static void Add16(List<byte> bytes, int value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }

    // xorshift64* (Vigna 2014): tiny, fast, and its output depends on nothing but the seed.
    private ulong Next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }
}
