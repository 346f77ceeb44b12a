using SkypeDissect.Model;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// Five clients log in one after the other under the test model (<see cref="Support.KindsTestModel"/>), then frames ask
/// about what they left in each state table of docs/tagging.md section 4. With <see cref="Small"/> bounds each question
/// is about the entry a table drops last: it is answered otherwise when its table holds one entry more, so the scenario
/// shows whether an implementation evicts at exactly the bounds it was given.
/// </summary>
public static class BoundsScenario
{
    /// <summary>
    /// Bounds five such clients overflow; each a different number, so a bound applied to the wrong table shows. The
    /// tables this scenario does not fill keep the contract's bounds (TLS connections and recent connections have
    /// tests of their own at the contract's bounds, TlsNameBoundsTests and RecentConnectionBoundsTests).
    /// </summary>
    public static StateBounds Small { get; } = TaggingContract.Bounds with
    {
        Flows = 6, LearnedAddresses = 10, Clients = 3, RemoteSets = 2, PayloadSeen = 7, Openings = 2,
    };

    /// <summary><see cref="Small"/> with one table at the contract's bound, by the name of its <see cref="StateBounds"/> member.</summary>
    public static IReadOnlyDictionary<string, StateBounds> OneTableKept { get; } = new Dictionary<string, StateBounds>
    {
        ["Flows"] = Small with { Flows = TaggingContract.Bounds.Flows },
        ["LearnedAddresses"] = Small with { LearnedAddresses = TaggingContract.Bounds.LearnedAddresses },
        ["Clients"] = Small with { Clients = TaggingContract.Bounds.Clients },
        ["RemoteSets"] = Small with { RemoteSets = TaggingContract.Bounds.RemoteSets },
        ["PayloadSeen"] = Small with { PayloadSeen = TaggingContract.Bounds.PayloadSeen },
        ["Openings"] = Small with { Openings = TaggingContract.Bounds.Openings },
    };

    public static Scenario Build()
    {
        var lan = new Lan(seed: 0xB0D5);
        var s = lan.S;
        var clients = Enumerable.Range(0, 5)
            .Select(i => lan.WithClient(s.Local($"client-{i}", $"192.168.1.{30 + i}", $"f0:de:f1:5c:3e:{30 + i:x2}"), 38562 + i))
            .ToList();
        var feedback = s.Remote("feedback-91.190.216.125", "91.190.216.125", 0.05);
        var skypeServer = s.Remote("skype-server", "91.190.216.126", 0.05);
        var node = s.Remote("skype-node", "149.13.32.15", 0.06);
        var answerA = lan.Servers("login-a", Cast.LoginAnswerA);
        var answerB = lan.Servers("login-b", Cast.LoginAnswerB);

        // Each client: eight learned addresses, a completed login (client state, its Skype port), and a connection
        // whose first payload (8 bytes) is no opener (two payload-seen directions); clients 0, 3 and 4 also talk to
        // four super nodes (a remote set each: client 0's has two newer ones, Small.RemoteSets).
        var first = new List<TcpFlow>();
        for (var i = 0; i < clients.Count; i++)
        {
            var c = clients[i];
            var t = 5.0 * i;
            s.At(t).Dns(c.Client, lan.Router, "dsn0.d.skype.net", Cast.LoginAnswerA);
            SkypeSteps.UdpRung(c, answerA, t + 0.2, answeredBy: 7);
            SkypeSteps.Channel(c, answerA[7], 40035, t + 0.7);
            if (i is 0 or 3 or 4)
            {
                SkypeSteps.SuperNodes(c, t + 2.0);
            }

            first.Add(s.At(t + 4.0).Tcp(c.Client.NextPort(), node.On(13392)).Handshake().Send(8).Reply(20));
        }

        var c0 = clients[0];
        const double b = 40;

        // Client state: the skype-server rule needs client 1's completed login; three clients (Small.Clients) logged in
        // after it.
        s.At(b).Tcp(clients[1].Client.NextPort(), skypeServer.On(33033)).Syn();

        // Client 0 logs in again without DNS (its learned addresses stay as they are), so the rules below that need
        // a completed login can pass.
        SkypeSteps.UdpRung(c0, answerB, b + 1.0, answeredBy: 7);
        SkypeSteps.Channel(c0, answerB[7], 40035, b + 1.5);

        // Flow memory: a connection tagged at its first payload, whose later frames only flow memory tags.
        var opened = s.At(b + 5).Tcp(c0.Client.NextPort(), s.Remote("skype-node-2", "149.13.32.16", 0.06).On(13395))
            .Handshake().Send(NewKindScenario.FakeTls).Reply(20);

        // Openings: client 0's opening to the feedback server, then two other clients' (Small.Openings). Flow memory:
        // these three and three connections to the Skype server are the six tagged connections (Small.Flows) after
        // the one above.
        s.At(b + 6).Tcp(c0.Client.NextPort(), feedback.On(12350)).Syn();
        s.At(b + 6.1).Tcp(clients[1].Client.NextPort(), feedback.On(12350)).Syn();
        s.At(b + 6.2).Tcp(clients[2].Client.NextPort(), feedback.On(12350)).Syn();
        s.At(b + 6.3).Tcp(clients[3].Client.NextPort(), skypeServer.On(33033)).Syn();
        s.At(b + 6.4).Tcp(clients[4].Client.NextPort(), skypeServer.On(33033)).Syn();
        s.At(b + 6.5).Tcp(clients[3].Client.NextPort(), skypeServer.On(33033)).Syn();
        s.At(b + 7.5).Tcp(c0.Client.NextPort(), feedback.On(443)).Syn(); // the fall-back, 1.5 s after client 0's opening
        opened.At(b + 8).Send(100);                                    // flow memory, or nothing

        // Remote sets: a fifth remote host on client 0's Skype port is a super node again once its set is forgotten.
        s.At(b + 9).Udp(c0.ClientSkypePort, s.Remote("fifth-node", "203.0.113.77", 0.08).On(4000), 30);

        // Payload seen: the opener on client 3's first connection is a first payload again once its direction is
        // forgotten. The directions that carried payload after it (client 4's channel and connection, client 0's
        // second channel and the opener's connection), taken as the sweep of section 4 orders them (a direction used
        // since it was written counts from its last use), push it out of a table of Small.PayloadSeen entries with
        // the last of them: one entry more and it stays.
        first[3].At(b + 10).Send(NewKindScenario.FakeTls);

        // Learned addresses: the sixth address of client 3's answer, learned or only in Table I's ranges. Ten addresses
        // (Small.LearnedAddresses) were learned after it, the last two of client 3's answer and client 4's eight.
        s.At(b + 11).Tcp(clients[3].Client.NextPort(), answerA[5].On(33033)).Syn();
        return s;
    }
}
