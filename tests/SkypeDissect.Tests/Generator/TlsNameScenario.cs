using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// TLS handshakes cut and disturbed at random (seeded, so the capture is the same on every run): the ClientHello with
/// or without a server name, over one or two records and segments; the server's flight over one to three records
/// and one to six segments, with segments swapped, sent twice, lost and sent again late, or sent again after
/// duplicate ACKs; some sessions without their SYN. Both implementations must tag it alike (docs/tagging.md 3.5).
/// </summary>
public static class TlsNameScenario
{
    public const string Gateway = "*.gateway.messenger.live.com";

    public static Scenario Build(int sessions, ulong seed)
    {
        var lan = new Lan(seed);
        var s = lan.S;
        var p = s.Payloads;
        var random = new Random((int)seed);
        NameAttribute[] ca = [NameAttribute.Organization("Example CA"), NameAttribute.CommonName("Example CA R1")];
        byte[][] leaves =
        [
            TlsMessages.X509(p, [NameAttribute.CommonName(Gateway)], ca, ["*.beta.gateway.edge.messenger.live.com"]),
            TlsMessages.X509(p, [NameAttribute.Organization("Example")], ca, ["www.example.com", "db3.gateway.messenger.live.com"]),
            TlsMessages.X509(p, [NameAttribute.CommonName("www.example.com")], ca, ["www.example.com"]),
        ];
        var caCertificate = TlsMessages.X509(p, ca, ca, []);
        string?[] serverNames = [null, null, "DB3msgr5011709.gateway.messenger.live.com", "www.example.com"];
        double[] roundTrips = [0.0005, 0.002, 0.05, 0.1];
        double[] gaps = [0, 0.0005, 0.001, 0.002, 0.004];
        for (var i = 0; i < sessions; i++)
        {
            s.At(1.0 + (i * 2.0));
            var server = s.Remote($"server-{i}", $"198.51.{100 + (i / 200)}.{1 + (i % 200)}", roundTrips[random.Next(roundTrips.Length)]).On(443);
            var session = new TlsSession(s, lan.Client.NextPort(), server, $"random session {i}");
            if (random.NextDouble() < 0.9)
            {
                session.Open();
            }

            var name = serverNames[random.Next(serverNames.Length)];
            var hello = name is null ? TlsMessages.ClientHello(p) : TlsMessages.ClientHello(p, name);
            var helloRecords = random.NextDouble() < 0.3 ? Records(hello, random, 2) : TlsMessages.Record(TlsMessages.Handshake, hello);
            if (random.NextDouble() < 0.3)
            {
                session.Send(helloRecords, 1 + random.Next(helloRecords.Length - 1));
            }
            else
            {
                session.Send(helloRecords);
            }

            byte[][] chain = random.NextDouble() < 0.5 ? [leaves[random.Next(leaves.Length)], caCertificate] : [leaves[random.Next(leaves.Length)]];
            byte[] messages = [.. TlsMessages.ServerHello(p), .. TlsMessages.Certificate(chain), .. TlsMessages.ServerHelloDone()];
            var flight = Records(messages, random, 1 + random.Next(3));
            Disturbed(session, flight, random, gaps, s);
            session.Close();
        }

        return s;
    }

    // The messages over `count` handshake records, an alert between two of them now and then.
    private static byte[] Records(byte[] messages, Random random, int count)
    {
        var cuts = Enumerable.Range(0, count - 1).Select(_ => 1 + random.Next(messages.Length - 1)).Distinct().Order().ToList();
        var bytes = new List<byte>();
        var start = 0;
        foreach (var end in cuts.Append(messages.Length))
        {
            bytes.AddRange(TlsMessages.Record(TlsMessages.Handshake, messages[start..end]));
            if (random.NextDouble() < 0.15)
            {
                bytes.AddRange(TlsMessages.Record(TlsMessages.Alert, [1, 0]));
            }

            start = end;
        }

        return [.. bytes];
    }

    private static void Disturbed(TlsSession session, byte[] flight, Random random, double[] gaps, Scenario s)
    {
        var count = 1 + random.Next(6);
        var starts = Enumerable.Range(0, count - 1).Select(_ => 1 + random.Next(flight.Length - 1)).Append(0).Distinct().Order().ToList();
        var segments = starts.Select((start, i) => (Start: start, End: i + 1 < starts.Count ? starts[i + 1] : flight.Length)).ToList();
        var events = segments.Select(x => (Kind: "segment", x.Start, x.End)).ToList();
        switch (random.Next(7))
        {
            case 1 when events.Count >= 2: // two neighbours swapped
                var a = random.Next(events.Count - 1);
                (events[a], events[a + 1]) = (events[a + 1], events[a]);
                break;
            case 2: // one segment twice
                var d = random.Next(events.Count);
                events.Insert(random.Next(d, events.Count) + 1, events[d]);
                break;
            case 3 when events.Count >= 2: // one segment lost and sent again late
                var l = random.Next(events.Count - 1);
                var late = events[l];
                events.RemoveAt(l);
                events.Add(("wait", 0, 0));
                events.Add(late);
                break;
            case 4 when events.Count >= 3: // one segment lost, duplicate ACKs, sent again
                var f = random.Next(events.Count - 1);
                var again = events[f];
                events.RemoveAt(f);
                var at = random.Next(f, events.Count) + 1;
                events.Insert(at, ("acks", again.Start, 0));
                events.Insert(at + 1, again);
                break;
            case 5 when events.Count >= 2: // one segment never sent
                events.RemoveAt(random.Next(events.Count));
                break;
            case 6: // three segments sent again anywhere
                for (var k = 0; k < 3; k++)
                {
                    events.Insert(random.Next(events.Count + 1), events[random.Next(events.Count)]);
                }

                break;
        }

        foreach (var (kind, start, end) in events)
        {
            switch (kind)
            {
                case "wait":
                    s.Wait(random.NextDouble() < 0.5 ? 0.2 : 1.0);
                    break;
                case "acks":
                    session.DuplicateAcks(start, 3);
                    break;
                default:
                    session.Segment(flight, start, end);
                    s.Wait(gaps[random.Next(gaps.Length)]);
                    if (random.NextDouble() < 0.2)
                    {
                        session.DuplicateAcks(end, 1);
                    }

                    break;
            }
        }
    }
}
