using System.Buffers.Binary;
using System.Net;
using System.Text;
using PacketDotNet;

namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// tests/cases/malformed-streams: the version-check GET (tagged by its request line alone during the login,
/// no DNS in the capture) split over segments, out of order and retransmitted with other bytes; DNS answers of login
/// server names in IPv4 fragments that overlap with conflicting bytes or never complete.
/// </summary>
public static class MalformedStreams
{
    private static readonly byte[] Get = Payloads.HttpGet(Cast.UpdateName, Cast.UpdateTarget, Cast.SkypeUserAgent);
    private static readonly byte[] News = Payloads.HttpGet(Cast.UpdateName, "/ui/0/6.3.0.197/en/news?ver=6.3.0.197ab", Cast.SkypeUserAgent);
    private static readonly int LineLength = Array.IndexOf(Get, (byte)'\n') + 1;

    public static Scenario Build()
    {
        var lan = new Lan(seed: 0x5E65);
        var update = lan.S.Remote("version-update", Cast.UpdateAddress, 0.212).On(80);
        // The client's login is under way (a login server name looked up, not answered): the version check's
        // request line is evidence only during a login of its host (update-http is gated, Section III.B.5).
        lan.S.At(0.0).Udp(lan.Client.NextPort(), lan.Router.On(53), DnsMessage.Query(0x70, "dsn9.d.skype.net"), "DNS query dsn9.d.skype.net");
        Connection(lan, update, "request line whole in segment 1 of 2", [(0, Get[..LineLength]), (LineLength, Get[LineLength..])]);
        Connection(lan, update, "request line whole, segment 2 of 2 arriving first", [(LineLength, Get[LineLength..]), (0, Get[..LineLength])]);
        Connection(lan, update, "split inside the request line, second part first", [(30, Get[30..]), (0, Get[..30])]);
        Connection(lan, update, "a news GET, retransmitted over the same sequence numbers as the version check", [(0, News), (0, Get)]);
        Connection(lan, update, "the version check, retransmitted as a news GET", [(0, Get), (0, News)]);

        // Fragmented DNS answers: the first 40 bytes of the UDP datagram, then the rest (offset 40).
        lan.S.At(2.0);
        FragmentedAnswer(lan, 0x71, "dsn1.d.skype.net", "203.0.113.21", [(0, null), (0, "dsn1.d.skype.nyt"), (40, null)], "first fragment, then a conflicting copy of it, then the tail");
        FragmentedAnswer(lan, 0x72, "dsn2.d.skype.net", "203.0.113.22", [(0, "dsn2.d.skype.nyt"), (0, null), (40, null)], "a conflicting copy of the first fragment first, then the first, then the tail");
        FragmentedAnswer(lan, 0x73, "dsn3.d.skype.net", "203.0.113.23", [(40, null), (0, null)], "the tail first, then the first fragment");
        FragmentedAnswer(lan, 0x74, "dsn4.d.skype.net", "203.0.113.24", [(0, null)], "the first fragment only: never complete");

        lan.S.At(3.0);
        foreach (var address in new[] { "203.0.113.21", "203.0.113.22", "203.0.113.23", "203.0.113.24" })
        {
            lan.S.Wait(0.012).Udp(lan.ClientSkypePort, lan.S.Remote("answered", address, 0.2).On(33033), 31);
        }

        return lan.S;
    }

    /// <summary>A handshake, the client's segments (offset into the stream, bytes) in the order given, the server's ACK.</summary>
    private static void Connection(Lan lan, HostPort server, string what, IReadOnlyList<(int Offset, byte[] Bytes)> segments)
    {
        var client = lan.Client.NextPort();
        const uint Isn = 0x10000, ServerIsn = 0x80000;
        lan.S.Wait(0.1);
        Segment(lan, client, server, new(Isn, 0, TcpFlags.Syn, 65535, PacketFactory.SynOptions, []), $"SYN ({what})");
        Segment(lan, server, client, new(ServerIsn, Isn + 1, TcpFlags.Syn | TcpFlags.Ack, 14600, PacketFactory.SynOptions, []), "SYN-ACK");
        Segment(lan, client, server, new(Isn + 1, ServerIsn + 1, TcpFlags.Ack, 65535, [], []), "ACK");
        foreach (var (offset, bytes) in segments)
        {
            var head = Encoding.ASCII.GetString(bytes[..Math.Min(12, bytes.Length)]).Replace("\r\n", " ", StringComparison.Ordinal);
            Segment(lan, client, server, new(Isn + 1 + (uint)offset, ServerIsn + 1, TcpFlags.Ack | TcpFlags.Psh, 65535, [], bytes), $"data at {offset}, {bytes.Length} bytes \"{head}...\" ({what})");
        }

        var end = segments.Max(s => s.Offset + s.Bytes.Length);
        Segment(lan, server, client, new(ServerIsn + 1, Isn + 1 + (uint)end, TcpFlags.Ack, 14600, [], []), "ACK");
    }

    private static void Segment(Lan lan, HostPort from, HostPort to, TcpSegment segment, string note) =>
        lan.S.Wait(0.01).Emit(from.Host, to.Host, PacketFactory.Tcp(from, to, segment), note);

    /// <summary>
    /// A query, then its answer as IPv4 fragments: each entry is a fragment offset (0 or 40) and, for a
    /// conflicting copy, the question name its bytes carry instead (same length).
    /// </summary>
    private static void FragmentedAnswer(Lan lan, ushort id, string name, string address, IReadOnlyList<(int Offset, string? Name)> fragments, string what)
    {
        var port = lan.Client.NextPort();
        var resolver = lan.Router.On(53);
        lan.S.Wait(0.1).Udp(port, resolver, DnsMessage.Query(id, name), $"DNS query {name}");
        var datagram = PacketFactory.Udp(resolver, port, DnsMessage.Response(id, name, [IPAddress.Parse(address)]));
        lan.S.Wait(lan.Router.RttSeconds);
        foreach (var (offset, other) in fragments)
        {
            var bytes = Fragment(datagram, offset, other is null ? null : (name, other));
            var kind = other is null ? "" : $", a copy naming {other}";
            lan.S.Wait(0.001).Emit(lan.Router, lan.Client, bytes, $"DNS answer {name} ({address}): fragment at {offset}{kind} ({what})");
        }
    }

    /// <summary>The fragment at <paramref name="offset"/> (0: the first 40 bytes, UDP and DNS headers and the question name, with More Fragments; 40: the rest).</summary>
    private static byte[] Fragment(Packet datagram, int offset, (string From, string To)? rename)
    {
        var whole = datagram.Bytes;
        var payload = whole[20..];
        if (rename is { } r)
        {
            var at = payload.AsSpan().IndexOf(DnsMessage.EncodeName(r.From));
            DnsMessage.EncodeName(r.To).CopyTo(payload, at);
        }

        var part = offset == 0 ? payload[..40] : payload[40..];
        byte[] fragment = [.. whole[..20], .. part];
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(2), (ushort)fragment.Length);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(6), (ushort)((offset == 0 ? 0x2000 : 0) | (offset / 8)));
        fragment[10] = 0;
        fragment[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(10), Checksum(fragment.AsSpan(0, 20)));
        return fragment;
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
