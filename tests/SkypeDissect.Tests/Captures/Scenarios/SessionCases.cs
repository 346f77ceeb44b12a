namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>Cases about whose login a frame belongs to, and for how long: several clients, the login window.</summary>
public static class SessionCases
{
    /// <summary>
    /// tests/cases/two-clients: two Skype clients on the LAN log in at the same time. The second asks a
    /// resolver that randomises the case of names (DNS 0x20), settles on another server, reaches the same
    /// super nodes and opens a presence channel to a server only the first client learned. Learned
    /// addresses, Skype ports and super node sets belong to each client alone.
    /// </summary>
    public static Scenario TwoClients()
    {
        var lan = new Lan(seed: 0x2C1);
        var second = lan.WithClient(lan.S.Local("skype-client-2", "192.168.1.37", "00:24:d7:81:0c:5e", firstPort: 50500), 22811);
        var serversA = lan.Servers("login-a", Cast.LoginAnswerA);
        var serversB = lan.Servers("login-b", Cast.LoginAnswerB);

        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn3.d.skype.net", Cast.LoginAnswerA);
        lan.S.At(0.1).Dns(second.Client, second.Router, "dSn9.D.sKyPe.NeT", Cast.LoginAnswerB);
        SkypeSteps.UdpRung(lan, serversA, 0.2, answeredBy: 7);
        SkypeSteps.UdpRung(second, serversB, 0.25, answeredBy: 3);
        SkypeSteps.Channel(lan, serversA[7], 40035, 0.6);
        SkypeSteps.Channel(second, serversB[3], 40012, 0.9);
        SkypeSteps.SuperNodes(lan, 2.0);
        SkypeSteps.SuperNodes(second, 2.33);
        SkypeSteps.Channel(second, serversA[7], 40041, 3.0);
        SkypeSteps.Peer(lan, 3.5);
        Background.Https(lan, lan.Other, "www.baidu.com", "220.181.111.188", 3.7, rtt: 0.031);
        return lan.S;
    }

    /// <summary>
    /// tests/cases/login-window-120s: the 120 s login window of the model (a project decision, see
    /// PaperFacts.Procedure). Steps inside the window are tagged, the same steps after it are not; a keepalive
    /// on the still-open channel after the window starts the client's login state afresh (docs/tagging.md
    /// section 4), its answer completes it again, and gated steps are tagged once more.
    /// </summary>
    public static Scenario LoginWindow()
    {
        var lan = new Lan(seed: 0x120);
        var login = lan.Servers("login", Cast.LoginAnswerB);

        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn6.d.skype.net", Cast.LoginAnswerB);
        SkypeSteps.UdpRung(lan, login, 0.2, answeredBy: 7);
        var channel = SkypeSteps.Channel(lan, login[7], 40035, 0.5);
        SkypeSteps.Facebook(lan, 60.0);
        SkypeSteps.SkypeServer(lan, 119.0);
        SkypeSteps.SuperNodes(lan, 125.0);
        SkypeSteps.EchoServer(lan, 126.0);
        channel.At(130.0).Send(40).Reply(40);
        SkypeSteps.SuperNodes(lan, 135.0);
        return lan.S;
    }
}
