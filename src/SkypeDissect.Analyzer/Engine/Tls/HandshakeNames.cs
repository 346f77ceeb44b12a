using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// The names Wireshark shows for a handshake message: every name of the server_name extensions of a ClientHello
/// (tls.handshake.extensions_server_name, whatever its name type), and the names of the first certificate of a
/// Certificate message (docs/tagging.md 3.5). Fields are read in order as far as their lengths fit.
/// </summary>
internal static class HandshakeNames
{
    private const ushort ServerNameExtension = 0;

    public static void ClientHello(ReadOnlySpan<byte> body, TlsNames names)
    {
        // version (2), random (32), session id, cipher suites, compression methods, extensions.
        var at = 34;
        if (!Skip(body, ref at, 1) || !Skip(body, ref at, 2) || !Skip(body, ref at, 1) || at + 2 > body.Length)
        {
            return;
        }

        var end = Math.Min(body.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(body[at..]));
        at += 2;
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]);
            at += 4;
            if (at + length > end)
            {
                return;
            }

            if (type == ServerNameExtension)
            {
                ServerNames(body.Slice(at, length), names);
            }

            at += length;
        }
    }

    public static void Certificate(ReadOnlySpan<byte> body, TlsNames names)
    {
        // certificate_list <0..2^24-1>, each certificate <1..2^24-1>: the first one is the server's own.
        if (body.Length < 6)
        {
            return;
        }

        var length = (int)(((uint)body[3] << 16) | ((uint)body[4] << 8) | body[5]);
        if (6 + length > body.Length || length == 0)
        {
            return;
        }

        names.MarkCertificate();
        X509Names.Read(body.Slice(6, length), names);
    }

    // ServerNameList: list length (2), then entries of type (1), length (2), name.
    private static void ServerNames(ReadOnlySpan<byte> data, TlsNames names)
    {
        if (data.Length < 2)
        {
            return;
        }

        var end = Math.Min(data.Length, 2 + BinaryPrimitives.ReadUInt16BigEndian(data));
        var at = 2;
        while (at + 3 <= end)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 1)..]);
            at += 3;
            if (at + length > end)
            {
                return;
            }

            names.AddBytes(data.Slice(at, length), certificate: false);
            at += length;
        }
    }

    private static bool Skip(ReadOnlySpan<byte> body, ref int at, int lengthBytes)
    {
        if (at + lengthBytes > body.Length)
        {
            return false;
        }

        var length = lengthBytes == 1 ? body[at] : BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
        at += lengthBytes + length;
        return at <= body.Length;
    }
}
