using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>What TLS asks of TCP after reading some bytes: nothing, or more data from an offset on.</summary>
internal readonly record struct MoreData(bool Needed, int Offset, int Length, bool OneMoreSegment)
{
    public static MoreData None => default;

    public static MoreData Bytes(int offset, int length) => new(true, offset, length, false);

    public static MoreData NextSegment(int offset) => new(true, offset, 0, true);
}

/// <summary>The place a frame's records are read in: the connection, the direction, the frame and where names go.</summary>
internal readonly record struct RecordContext(TlsConnection Connection, TlsDirection Direction, long Frame, TlsNames? Names);

/// <summary>
/// Wireshark 4.0's TLS record layer and handshake reassembly (packet-tls.c dissect_ssl, dissect_ssl3_record,
/// dissect_tls_handshake), reduced to what decides which frame completes a ClientHello or a Certificate
/// (docs/tagging.md 3.5). SSLv2 records are not read: reading stops there, as at anything that is not a record.
/// </summary>
internal static class TlsRecords
{
    private const byte ChangeCipherSpec = 20;
    private const byte HandshakeRecord = 22;
    private const byte ClientHello = 1;
    private const byte ServerHello = 2;
    private const byte Certificate = 11;

    /// <summary>Reads the records in <paramref name="data"/> (a segment, or a reassembled PDU), from its first byte.</summary>
    public static MoreData Read(ReadOnlySpan<byte> data, in RecordContext context)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var rest = data[offset..];
            if (!context.Connection.VersionKnown)
            {
                // Before a ServerHello Wireshark guesses from the first bytes: an SSLv3/TLS record header, else
                // SSLv2 or "continuation data". Fewer than 3 bytes cannot be judged yet.
                if (rest.Length >= 3 && !LooksLikeTls(rest))
                {
                    return MoreData.None;
                }
            }
            else if ((rest[0] & 0x80) != 0)
            {
                return MoreData.None; // an SSLv2 ClientHello in a known session, or nothing
            }

            if (rest.Length < 5)
            {
                return MoreData.NextSegment(offset);
            }

            var type = rest[0];
            if (!ValidContentType(type))
            {
                return MoreData.None; // "Ignored Unknown Record": the rest of the buffer is not read
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[3..]);
            if (rest.Length < 5 + length)
            {
                return MoreData.Bytes(offset, 5 + length - rest.Length);
            }

            var body = rest.Slice(5, length);
            if (type == ChangeCipherSpec && context.Direction.Tcp.CcsFrame == 0)
            {
                context.Direction.Tcp.CcsFrame = context.Frame;
            }
            else if (type == HandshakeRecord)
            {
                Handshake(body, context);
            }

            offset += 5 + length;
        }

        return MoreData.None;
    }

    // ssl_looks_like_sslv3: a content type, then SSL 3.0, TLS 1.0-1.2 or GM/T 0024.
    private static bool LooksLikeTls(ReadOnlySpan<byte> rest) =>
        ValidContentType(rest[0]) && BinaryPrimitives.ReadUInt16BigEndian(rest[1..]) is 0x0300 or 0x0301 or 0x0302 or 0x0303 or 0x0101;

    // ChangeCipherSpec, Alert, Handshake, ApplicationData, Heartbeat, TLS 1.2 connection id.
    private static bool ValidContentType(byte type) => type is >= 20 and <= 25;

    // dissect_tls_handshake: continue a message cut by a record end, else read whole messages and start a new
    // reassembly with a message the record does not hold whole.
    private static void Handshake(ReadOnlySpan<byte> body, in RecordContext context)
    {
        var direction = context.Direction;
        var offset = 0;
        if (direction.Handshake is { } pending)
        {
            var have = pending.Count;
            var subset = body.Length;
            var messageLength = 0;
            if (have + body.Length >= 4)
            {
                Span<byte> head = stackalloc byte[4];
                for (var i = 0; i < 4; i++)
                {
                    head[i] = i < have ? pending[i] : body[i - have];
                }

                messageLength = 4 + (int)ReadUInt24(head[1..]);
                subset = Math.Min(subset, messageLength - have);
            }

            foreach (var b in body[..subset])
            {
                pending.Add(b);
            }

            if (have + subset != messageLength)
            {
                return;
            }

            direction.Handshake = null;
            Message([.. pending], context);
            offset = subset;
        }
        else if (LooksEncrypted(body, direction, context.Frame))
        {
            return;
        }

        while (offset < body.Length)
        {
            var rest = body[offset..];
            var messageLength = rest.Length >= 4 ? 4 + (int)ReadUInt24(rest[1..]) : 0;
            if (messageLength == 0 || rest.Length < messageLength)
            {
                direction.Handshake = [.. rest.ToArray()];
                return;
            }

            Message(rest[..messageLength], context);
            offset += messageLength;
        }
    }

    // is_encrypted_handshake_message: from 16 bytes on, a record is taken as encrypted when it starts with five
    // zero bytes, comes after this direction's ChangeCipherSpec (in an earlier frame), or its first message
    // has an unknown type or a length of 64 KiB or more.
    private static bool LooksEncrypted(ReadOnlySpan<byte> body, TlsDirection direction, long frame)
    {
        if (body.Length < 16)
        {
            return false;
        }

        if (body[..5].IndexOfAnyExcept((byte)0) < 0)
        {
            return true;
        }

        if (direction.Tcp.CcsFrame != 0 && frame > direction.Tcp.CcsFrame)
        {
            return true;
        }

        return !KnownMessageType(body[0]) || ReadUInt24(body[1..]) >= 0x10000;
    }

    // The handshake types Wireshark 4.0 names (ssl_31_handshake_type).
    private static bool KnownMessageType(byte type) =>
        type is <= 6 or 8 or (>= 11 and <= 16) or (>= 20 and <= 25) or 67;

    private static void Message(ReadOnlySpan<byte> message, in RecordContext context)
    {
        var body = message[4..];
        switch (message[0])
        {
            case ClientHello:
                if (context.Names is { } names)
                {
                    HandshakeNames.ClientHello(body, names);
                }

                break;
            case ServerHello:
                if (body.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(body) is >= 0x0300 and <= 0x0304 or 0x0101)
                {
                    context.Connection.VersionKnown = true;
                }

                break;
            case Certificate:
                if (context.Names is { HasCertificate: false } sink)
                {
                    HandshakeNames.Certificate(body, sink);
                }

                break;
        }
    }

    private static uint ReadUInt24(ReadOnlySpan<byte> b) => ((uint)b[0] << 16) | ((uint)b[1] << 8) | b[2];
}
