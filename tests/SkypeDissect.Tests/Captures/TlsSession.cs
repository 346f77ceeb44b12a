namespace SkypeDissect.Tests.Captures;

/// <summary>
/// One TCP connection whose segments are given one by one: the server's flight by byte offsets, in the order
/// given, so segments can arrive out of order, twice, or late.
/// </summary>
public sealed class TlsSession(Scenario s, HostPort client, HostPort server, string what)
{
    private readonly uint clientIsn = s.Payloads.NextUInt32();
    private readonly uint serverIsn = s.Payloads.NextUInt32();
    private uint clientSent;
    private uint serverSent;

    public TlsSession Open() => Open([]);

    /// <summary>The client's SYN alone.</summary>
    public TlsSession Syn()
    {
        Segment(client, server, clientIsn, 0, TcpFlags.Syn, [], "SYN");
        return this;
    }

    /// <summary>A pure ACK from the client of what the server sent so far.</summary>
    public TlsSession ClientAck()
    {
        Segment(client, server, clientIsn + 1 + clientSent, serverIsn + 1 + serverSent, TcpFlags.Ack, [], "ACK");
        return this;
    }

    /// <summary>The handshake; the SYN carries <paramref name="synData"/> (TCP Fast Open), which the SYN-ACK acknowledges.</summary>
    public TlsSession Open(byte[] synData)
    {
        Segment(client, server, clientIsn, 0, TcpFlags.Syn, synData, "SYN");
        clientSent = (uint)synData.Length;
        s.Wait(server.Host.RttSeconds);
        Segment(server, client, serverIsn, clientIsn + 1 + clientSent, TcpFlags.Syn | TcpFlags.Ack, [], "SYN-ACK");
        Segment(client, server, clientIsn + 1 + clientSent, serverIsn + 1, TcpFlags.Ack, [], "ACK");
        return this;
    }

    /// <summary>Client data, cut after the given numbers of bytes.</summary>
    public TlsSession Send(byte[] data, params int[] cuts)
    {
        var starts = new[] { 0 }.Concat(cuts).ToArray();
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1] : data.Length;
            Segment(client, server, clientIsn + 1 + clientSent, serverIsn + 1, TcpFlags.Ack | TcpFlags.Psh, data[starts[i]..end], $"client data {end - starts[i]}");
            clientSent += (uint)(end - starts[i]);
        }

        s.Wait(server.Host.RttSeconds);
        return this;
    }

    /// <summary>One server segment: bytes [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="data"/>.</summary>
    public TlsSession Segment(byte[] data, int start, int end) => Flight(data, [start], ends: [start, end]);

    /// <summary>
    /// Server segments of <paramref name="data"/> (placed at <paramref name="sequenceOffset"/> of the server's
    /// stream): one per entry of <paramref name="order"/>, a start offset; each runs to the next start of
    /// <paramref name="ends"/> (default: <paramref name="order"/> itself) or the end of the data.
    /// </summary>
    public TlsSession Flight(byte[] data, int[] order, int[]? ends = null, int sequenceOffset = 0)
    {
        var starts = (ends ?? order).Order().ToArray();
        foreach (var start in order)
        {
            var index = Array.IndexOf(starts, start);
            var end = index + 1 < starts.Length ? starts[index + 1] : data.Length;
            Segment(server, client, serverIsn + 1 + (uint)(sequenceOffset + start), clientIsn + 1 + clientSent, TcpFlags.Ack, data[start..end],
                $"server data {start}-{end} of {data.Length}");
            serverSent = Math.Max(serverSent, (uint)(sequenceOffset + end));
        }

        return this;
    }

    /// <summary>The client's ACK of the server's first <paramref name="acknowledged"/> bytes, <paramref name="count"/> times.</summary>
    public TlsSession DuplicateAcks(int acknowledged, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Segment(client, server, clientIsn + 1 + clientSent, serverIsn + 1 + (uint)acknowledged, TcpFlags.Ack, [], $"ACK {acknowledged}");
        }

        return this;
    }

    public TlsSession Wait(double seconds)
    {
        s.Wait(seconds);
        return this;
    }

    public TlsSession Close()
    {
        Segment(client, server, clientIsn + 1 + clientSent, serverIsn + 1 + serverSent, TcpFlags.Ack, [], "ACK");
        Segment(client, server, clientIsn + 1 + clientSent, serverIsn + 1 + serverSent, TcpFlags.Fin | TcpFlags.Ack, [], "FIN-ACK");
        return this;
    }

    private void Segment(HostPort from, HostPort to, uint seq, uint ack, TcpFlags flags, byte[] payload, string note)
    {
        var window = (ushort)(from == client ? 65535 : 14600);
        var options = flags.HasFlag(TcpFlags.Syn) ? PacketFactory.SynOptions : [];
        s.Emit(from.Host, to.Host, PacketFactory.Tcp(from, to, new TcpSegment(seq, ack, flags, window, options, payload)), $"TLS {what}: {note}");
    }
}
