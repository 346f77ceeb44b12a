namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// The steps of the paper's Fig. 1 as the client performs them on the wire, each from explicit times.
/// Sizes of encrypted payloads are plausible, not measured: the tagging never looks at them.
/// </summary>
public static class SkypeSteps
{
    /// <summary>Retransmission offsets of the three 62-byte SYNs of a ladder rung (Section III.B.1, Fig. 3).</summary>
    public static IReadOnlyList<double> SynOffsets { get; } = [0.0, 1.0, 3.0];

    private const double Stagger = 0.012; // the client walks the eight addresses 12 ms apart

    /// <summary>Step 1, first rung: one UDP packet to port 33033 of each address from the client's Skype port; optionally one answers.</summary>
    public static void UdpRung(Lan lan, IReadOnlyList<Host> servers, double at, int? answeredBy = null, Host? refusingFirewall = null)
    {
        for (var i = 0; i < servers.Count; i++)
        {
            lan.S.At(at + i * Stagger);
            if (refusingFirewall is null)
            {
                lan.S.Udp(lan.ClientSkypePort, servers[i].On(33033), 31);
            }
            else
            {
                lan.S.UdpRefused(lan.ClientSkypePort, servers[i].On(33033), 31, refusingFirewall);
            }
        }

        if (answeredBy is { } k)
        {
            lan.S.At(at + k * Stagger + servers[k].RttSeconds).Udp(servers[k].On(33033), lan.ClientSkypePort, 47);
        }
    }

    /// <summary>
    /// Step 1, a TCP rung: three 62-byte SYNs to <paramref name="port"/> of each address. When
    /// <paramref name="answered"/> names a server and an attempt (0-based), that SYN is answered, the
    /// handshake completes and the client stops retransmitting; the connection is returned.
    /// </summary>
    public static TcpFlow? TcpRung(Lan lan, IReadOnlyList<Host> servers, int port, double at, (int Server, int Attempt)? answered = null)
    {
        var flows = servers.Select(server => lan.S.Tcp(lan.Client.NextPort(), server.On(port))).ToList();
        for (var attempt = 0; attempt < SynOffsets.Count; attempt++)
        {
            for (var i = 0; i < flows.Count; i++)
            {
                flows[i].At(at + SynOffsets[attempt] + i * Stagger).Syn();
            }

            if (answered is { } a && a.Attempt == attempt)
            {
                var flow = flows[a.Server].At(at + SynOffsets[attempt] + a.Server * Stagger).SynAck().Ack();
                return flow;
            }
        }

        return null;
    }

    /// <summary>Step 1 once a server answered: the user name and password exchange on the connection that got through.</summary>
    public static void Authenticate(TcpFlow flow) => flow.Send(204).Reply(126).Send(356).Reply(980);

    /// <summary>Fig. 2: the channel kept with the login server on one of its ports 40001-40047.</summary>
    public static TcpFlow Channel(Lan lan, Host loginServer, int port, double at) =>
        lan.S.At(at).Tcp(lan.Client.NextPort(), loginServer.On(port)).Handshake().Send(72).Reply(190).Send(412).Reply(524);

    /// <summary>Step 2: a TCP connection to a Skype server on port 33033 (Section III.B.2).</summary>
    public static void SkypeServer(Lan lan, double at) =>
        lan.S.At(at).Tcp(lan.Client.NextPort(), lan.S.Remote("skype-server", Cast.SkypeServer, 0.254).On(33033)).Handshake().Send(96).Reply(64).Send(240).Reply(1180);

    /// <summary>Step 2: UDP with four super nodes from the host cache, on the client's Skype port; each answers.</summary>
    public static void SuperNodes(Lan lan, double at)
    {
        for (var i = 0; i < Cast.SuperNodes.Count; i++)
        {
            var (address, port) = Cast.SuperNodes[i];
            var node = lan.S.Remote($"super-node-{i + 1}", address, 0.15 + 0.05 * i).On(port);
            lan.S.At(at + i * 0.05).Udp(lan.ClientSkypePort, node, 18).Wait(node.Host.RttSeconds).Udp(node, lan.ClientSkypePort, 11)
                .Udp(lan.ClientSkypePort, node, 73).Wait(node.Host.RttSeconds).Udp(node, lan.ClientSkypePort, 137);
        }
    }

    /// <summary>Step 8: another client, reached directly over UDP after the super nodes.</summary>
    public static void Peer(Lan lan, double at)
    {
        var peer = lan.S.Remote("peer", Cast.Peer.Address, 0.041).On(Cast.Peer.Port);
        lan.S.At(at).Udp(lan.ClientSkypePort, peer, 26).Wait(0.041).Udp(peer, lan.ClientSkypePort, 26).Udp(lan.ClientSkypePort, peer, 120);
    }

    /// <summary>Step 3, Fig. 4: the MSN echo server's name, then TCP 443 to the answered address.</summary>
    public static void EchoServer(Lan lan, double at)
    {
        lan.S.At(at).Dns(lan.Client, lan.Router, Cast.EchoName, [Cast.EchoAddress]);
        var echo = lan.S.Remote("msn-echo", Cast.EchoAddress, 0.188).On(443);
        lan.S.Wait(0.002).Tcp(lan.Client.NextPort(), echo).Handshake().Send(138).Reply(86).Close();
    }

    /// <summary>Step 5, Fig. 5: ui.skype.com resolved (or not), then the HTTP/1.1 GET asking for the latest version.</summary>
    public static void VersionCheck(Lan lan, Host client, double at, bool withDns)
    {
        lan.S.At(at);
        if (withDns)
        {
            lan.S.Dns(client, lan.Router, Cast.UpdateName, [Cast.UpdateAddress]).Wait(0.002);
        }

        var server = lan.S.Remote("version-update", Cast.UpdateAddress, 0.212).On(80);
        lan.S.Tcp(client.NextPort(), server).Handshake()
            .Send(Payloads.HttpGet(Cast.UpdateName, Cast.UpdateTarget, Cast.SkypeUserAgent))
            .Reply(Payloads.HttpOk("text/plain", "6.3.0.197"))
            .Close();
    }

    /// <summary>Step 6, Fig. 6: a feedback name of the client's build, eight addresses, TCP 12350 to the last.</summary>
    public static void Feedback(Lan lan, string name, IReadOnlyList<string> answer, double at)
    {
        lan.S.At(at).Dns(lan.Client, lan.Router, name, answer);
        var server = lan.S.Remote("feedback", answer[^1], 0.262).On(12350);
        lan.S.Wait(0.002).Tcp(lan.Client.NextPort(), server).Handshake().Send(310).Reply(52).Send(1290).Reply(40).Close();
    }

    /// <summary>Step 7, Section III.B.7: connect.facebook.com, then TLS over TCP 443 to it.</summary>
    public static void Facebook(Lan lan, double at) => Facebook(lan, lan.Client, at);

    /// <summary>The same exchange from any machine: on its own it is Facebook's traffic, not Skype's.</summary>
    public static void Facebook(Lan lan, Host client, double at)
    {
        lan.S.At(at).Dns(client, lan.Router, Cast.FacebookName, Cast.FacebookAnswer, cname: Cast.FacebookAlias);
        var server = lan.S.Remote("facebook", Cast.FacebookAnswer[0], 0.176).On(443);
        lan.S.Wait(0.002).Tcp(client.NextPort(), server).Handshake()
            .Send(lan.S.Payloads.TlsClientHello(Cast.FacebookName)).Reply(lan.S.Payloads.TlsApplicationData(1380))
            .Send(lan.S.Payloads.TlsApplicationData(310)).Reply(lan.S.Payloads.TlsApplicationData(590));
    }
}
