namespace SkypeDissect.Tests.Captures;

/// <summary>
/// One TCP connection of a scenario, keeping both sides' sequence numbers. Client-side methods send at the
/// scenario's clock; server-side ones first wait for the server's round-trip time. All return the flow so a
/// connection reads as one line: <c>s.Tcp(a, b).Handshake().Send(120).Reply(300).Close()</c>.
/// </summary>
public sealed class TcpFlow
{
    private const int Mss = 1460;
    private const ushort ClientWindow = 65535;
    private const ushort ServerWindow = 14600;
    private readonly Scenario scenario;
    private readonly uint clientIsn;
    private readonly uint serverIsn;
    private uint clientNext;
    private uint serverNext;

    internal TcpFlow(Scenario scenario, HostPort client, HostPort server, uint clientIsn, uint serverIsn)
    {
        if (client.Host.IsIPv6 != server.Host.IsIPv6)
        {
            throw new ArgumentException($"{client} and {server} are not of the same IP version");
        }

        this.scenario = scenario;
        Client = client;
        Server = server;
        this.clientIsn = clientIsn;
        this.serverIsn = serverIsn;
        clientNext = clientIsn + 1;
        serverNext = serverIsn + 1;
    }

    public HostPort Client { get; }

    public HostPort Server { get; }

    /// <summary>The client's SYN: 62 bytes on Ethernet with its MSS, NOP, NOP, SACK-permitted options. Calling it again retransmits it.</summary>
    public TcpFlow Syn() => FromClient(new(clientIsn, 0, TcpFlags.Syn, 8192, PacketFactory.SynOptions, []), "SYN");

    /// <summary>Moves the clock to <paramref name="seconds"/> (a retransmission's time, for instance).</summary>
    public TcpFlow At(double seconds)
    {
        scenario.At(seconds);
        return this;
    }

    public TcpFlow SynAck() => FromServer(new(serverIsn, clientIsn + 1, TcpFlags.Syn | TcpFlags.Ack, ServerWindow, PacketFactory.SynOptions, []), "SYN-ACK");

    /// <summary>The client's acknowledgement of everything the server sent.</summary>
    public TcpFlow Ack() => FromClient(new(clientNext, serverNext, TcpFlags.Ack, ClientWindow, [], []), "ACK");

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public TcpFlow Handshake() => Syn().SynAck().Ack();

    /// <summary>The server refuses the connection: RST-ACK to the SYN.</summary>
    public TcpFlow Refuse() => FromServer(new(0, clientIsn + 1, TcpFlags.Rst | TcpFlags.Ack, 0, [], []), "RST-ACK");

    public TcpFlow Send(int bytes) => Send(scenario.Payloads.Opaque(bytes));

    /// <summary>Client data in segments of at most one MSS, the last one pushed.</summary>
    public TcpFlow Send(byte[] payload)
    {
        foreach (var (chunk, last) in Segments(payload))
        {
            FromClient(new(clientNext, serverNext, TcpFlags.Ack | (last ? TcpFlags.Psh : TcpFlags.None), ClientWindow, [], chunk), $"data {chunk.Length}");
            clientNext += (uint)chunk.Length;
        }

        return this;
    }

    /// <summary>Client data in two segments split after <paramref name="firstSegmentBytes"/> bytes, as a sender whose write was cut in two.</summary>
    public TcpFlow SendSplit(byte[] payload, int firstSegmentBytes)
    {
        if (firstSegmentBytes <= 0 || firstSegmentBytes >= payload.Length || payload.Length - firstSegmentBytes > Mss)
        {
            throw new ArgumentOutOfRangeException(nameof(firstSegmentBytes), "both segments need at least one byte and must fit one MSS");
        }

        FromClient(new(clientNext, serverNext, TcpFlags.Ack, ClientWindow, [], payload[..firstSegmentBytes]), $"data {firstSegmentBytes} (first part)");
        clientNext += (uint)firstSegmentBytes;
        var rest = payload[firstSegmentBytes..];
        FromClient(new(clientNext, serverNext, TcpFlags.Ack | TcpFlags.Psh, ClientWindow, [], rest), $"data {rest.Length} (second part)");
        clientNext += (uint)rest.Length;
        return this;
    }

    public TcpFlow Reply(int bytes) => Reply(scenario.Payloads.Opaque(bytes));

    /// <summary>Server data one round trip after the client's last segment, in MSS-sized segments; the client acknowledges it.</summary>
    public TcpFlow Reply(byte[] payload)
    {
        var first = true;
        foreach (var (chunk, last) in Segments(payload))
        {
            FromServer(new(serverNext, clientNext, TcpFlags.Ack | (last ? TcpFlags.Psh : TcpFlags.None), ServerWindow, [], chunk), $"data {chunk.Length}", wait: first);
            serverNext += (uint)chunk.Length;
            first = false;
        }

        return Ack();
    }

    /// <summary>The client closes: FIN-ACK, the server's FIN-ACK, the last ACK.</summary>
    public TcpFlow Close()
    {
        FromClient(new(clientNext, serverNext, TcpFlags.Fin | TcpFlags.Ack, ClientWindow, [], []), "FIN-ACK");
        clientNext++;
        FromServer(new(serverNext, clientNext, TcpFlags.Fin | TcpFlags.Ack, ServerWindow, [], []), "FIN-ACK");
        serverNext++;
        return Ack();
    }

    private TcpFlow FromClient(TcpSegment segment, string what)
    {
        scenario.Emit(Client.Host, Server.Host, PacketFactory.Tcp(Client, Server, segment), $"TCP {Client} > {Server} {what}");
        return this;
    }

    private TcpFlow FromServer(TcpSegment segment, string what, bool wait = true)
    {
        if (wait)
        {
            scenario.Wait(Server.Host.RttSeconds);
        }

        scenario.Emit(Server.Host, Client.Host, PacketFactory.Tcp(Server, Client, segment), $"TCP {Server} > {Client} {what}");
        return this;
    }

    private static IEnumerable<(byte[] Chunk, bool Last)> Segments(byte[] payload)
    {
        if (payload.Length == 0)
        {
            throw new ArgumentException("a data segment needs at least one byte", nameof(payload));
        }

        for (var offset = 0; offset < payload.Length; offset += Mss)
        {
            var length = Math.Min(Mss, payload.Length - offset);
            yield return (payload[offset..(offset + length)], offset + length == payload.Length);
        }
    }
}
