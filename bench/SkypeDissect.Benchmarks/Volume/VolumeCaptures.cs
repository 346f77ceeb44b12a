using System.Buffers.Binary;
using System.Text;

namespace SkypeDissect.Benchmarks.Volume;

/// <summary>What a login crowd's client should show in <c>analyze --sessions</c>.</summary>
public sealed record ExpectedLogin(string Client, string Outcome, string Stage, string LoginServer, string Position);

/// <summary>
/// Adversarial captures made on the fly (issue "Hostile input", item 4), streamed frame by frame:
/// a flood of distinct flows, and a crowd of clients each starting a login. Both are deterministic.
/// </summary>
public static class VolumeCaptures
{
    private const double Start = 1431900000.0; // 2015-05-18, as the benchmark captures

    // Table I networks whose hosts 140-162 are all login servers.
    private static readonly uint[] LoginNetworks =
    [
        PcapFrames.Address(111, 221, 77, 0), PcapFrames.Address(157, 55, 130, 0),
        PcapFrames.Address(157, 55, 235, 0), PcapFrames.Address(213, 199, 179, 0),
    ];

    private static readonly uint Resolver = PcapFrames.Address(192, 0, 2, 53);

    /// <summary>
    /// <paramref name="flows"/> flows of one frame each, 10 µs apart, every 5-tuple distinct. Seven of
    /// eight are TCP SYNs from 10.0.0.0/8 clients (two flows each) to a Table I login server on a ladder port:
    /// each is tagged, enters the flow table and starts a client's login state. Every eighth is UDP or TCP
    /// from 172.16.0.0/12 to an address no rule knows, and must stay untagged. Returns the frames that must be tagged.
    /// </summary>
    public static long FlowFlood(Stream output, long flows)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(flows, 16_000_000L);
        var w = new PcapFrames(output);
        int[] ladderPorts = [33033, 80, 443];
        var tagged = 0L;
        for (var i = 0L; i < flows; i++)
        {
            var time = Start + (i * 1e-5);
            if (i % 8 == 7)
            {
                var j = i / 8; // background: 16 ports per client, an unknown server
                var client = PcapFrames.Address(172, 16, 0, 0) + (uint)(j / 16);
                var server = PcapFrames.Address(198, 51, 100, (int)(j % 250) + 1);
                if (j % 2 == 0)
                {
                    w.Udp(time, client, 1024 + (int)(j % 16), server, 9999, "noise"u8);
                }
                else
                {
                    w.Tcp(time, client, 1024 + (int)(j % 16), server, 8080, PcapFrames.Syn);
                }

                continue;
            }

            var k = i - (i / 8);
            var from = PcapFrames.Address(10, 0, 0, 1) + (uint)(k / 2);
            var to = LoginNetworks[k % 4] + 140 + (uint)(k % 23);
            w.Tcp(time, from, 20000 + (int)(k % 2), to, ladderPorts[k % 3], PcapFrames.Syn);
            tagged++;
        }

        return tagged;
    }

    /// <summary>
    /// <paramref name="clients"/> clients starting <paramref name="stagger"/> seconds apart, each looking up
    /// dsnN.d.skype.net (eight Table I addresses answered) and probing the eight over UDP 33033. Then one in
    /// three completes on TCP 33033 with the eighth address (<c>success</c>), one in three sends unanswered SYNs
    /// to TCP 33033 (<c>incomplete</c>), one in three climbs to TCP 443 unanswered (<c>failure</c>). Every
    /// frame belongs to a login and must be tagged. Returns the expectation per client, in client order.
    /// </summary>
    public static List<ExpectedLogin> LoginCrowd(Stream output, int clients, double stagger, out long frames)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clients, 16_000_000);
        var w = new PcapFrames(output);
        var expected = new List<ExpectedLogin>(clients);
        var pending = new PriorityQueue<Event, (double, long)>();
        var order = 0L;
        var next = 0;
        while (next < clients || pending.Count > 0)
        {
            var nextStart = Start + (next * stagger);
            if (next < clients && (pending.Count == 0 || pending.Peek().Time >= nextStart))
            {
                foreach (var e in Login(next, nextStart, expected))
                {
                    pending.Enqueue(e, (e.Time, order++));
                }

                next++;
                continue;
            }

            Write(w, pending.Dequeue());
        }

        frames = w.Count;
        return expected;
    }

    private enum Kind
    {
        Query,
        Answer,
        Probe,
        Syn,
        SynAck,
        ClientData,
        ServerData,
    }

    private readonly record struct Event(double Time, int Client, Kind Kind, uint Server, int Port, int ClientPort);

    private static uint ClientAddress(int c) => PcapFrames.Address(10, 0, 0, 1) + (uint)c;

    private static uint Server(int c, int j) => LoginNetworks[c % 4] + 140 + (uint)((c + j) % 23);

    private static List<Event> Login(int c, double t, List<ExpectedLogin> expected)
    {
        var skypePort = 20000 + (c % 30000);
        var tcpPort = 50000 + (c % 5000);
        List<Event> events =
        [
            new(t, c, Kind.Query, Resolver, 53, 40000 + (c % 1000)),
            new(t + 0.02, c, Kind.Answer, Resolver, 53, 40000 + (c % 1000)),
        ];
        for (var j = 0; j < 8; j++)
        {
            events.Add(new(t + 0.2 + (j * 0.012), c, Kind.Probe, Server(c, j), 33033, skypePort));
        }

        var client = PcapFrames.Text(ClientAddress(c));
        switch (c % 3)
        {
            case 0:
                var s = Server(c, 7);
                events.Add(new(t + 1.2, c, Kind.Syn, s, 33033, tcpPort));
                events.Add(new(t + 1.3, c, Kind.SynAck, s, 33033, tcpPort));
                events.Add(new(t + 1.3, c, Kind.ClientData, s, 33033, tcpPort));
                events.Add(new(t + 1.35, c, Kind.ClientData, s, 33033, tcpPort));
                events.Add(new(t + 1.45, c, Kind.ServerData, s, 33033, tcpPort));
                expected.Add(new(client, "success", "tcp-33033", $"{PcapFrames.Text(s)}:33033/tcp", "8"));
                break;
            case 1:
                for (var j = 0; j < 8; j++)
                {
                    events.Add(new(t + 1.2 + (j * 0.012), c, Kind.Syn, Server(c, j), 33033, tcpPort + j));
                }

                expected.Add(new(client, "incomplete", "tcp-33033", "", ""));
                break;
            default:
                events.Add(new(t + 1.2, c, Kind.Syn, Server(c, 0), 33033, tcpPort));
                events.Add(new(t + 5.2, c, Kind.Syn, Server(c, 1), 80, tcpPort + 1));
                events.Add(new(t + 9.2, c, Kind.Syn, Server(c, 2), 443, tcpPort + 2));
                expected.Add(new(client, "failure", "tcp-443", "", ""));
                break;
        }

        return events;
    }

    private static void Write(PcapFrames w, Event e)
    {
        var client = ClientAddress(e.Client);
        switch (e.Kind)
        {
            case Kind.Query:
                w.Udp(e.Time, client, e.ClientPort, e.Server, 53, Dns(e.Client, answer: false));
                break;
            case Kind.Answer:
                w.Udp(e.Time, e.Server, 53, client, e.ClientPort, Dns(e.Client, answer: true));
                break;
            case Kind.Probe:
                w.Udp(e.Time, client, e.ClientPort, e.Server, e.Port, new byte[31]);
                break;
            case Kind.Syn:
                w.Tcp(e.Time, client, e.ClientPort, e.Server, e.Port, PcapFrames.Syn);
                break;
            case Kind.SynAck:
                w.Tcp(e.Time, e.Server, e.Port, client, e.ClientPort, PcapFrames.Syn | PcapFrames.Ack);
                break;
            case Kind.ClientData:
                w.Tcp(e.Time, client, e.ClientPort, e.Server, e.Port, PcapFrames.Ack | PcapFrames.Psh, 204);
                break;
            default:
                w.Tcp(e.Time, e.Server, e.Port, client, e.ClientPort, PcapFrames.Ack | PcapFrames.Psh, 126);
                break;
        }
    }

    /// <summary>A query for dsnN.d.skype.net, or its answer with the client's eight login servers as A records.</summary>
    private static byte[] Dns(int c, bool answer)
    {
        var m = new List<byte>(200);
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)c);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), answer ? (ushort)0x8180 : (ushort)0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), answer ? (ushort)8 : (ushort)0);
        m.AddRange(header);
        foreach (var label in $"dsn{c % 18}.d.skype.net".Split('.'))
        {
            m.Add((byte)label.Length);
            m.AddRange(Encoding.ASCII.GetBytes(label));
        }

        m.AddRange([0, 0, 1, 0, 1]); // end of name, type A, class IN
        for (var j = 0; answer && j < 8; j++)
        {
            var record = new byte[16];
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xc00c); // the question's name
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(2), 1);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(4), 1);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(6), 300);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(10), 4);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(12), Server(c, j));
            m.AddRange(record);
        }

        return [.. m];
    }
}
