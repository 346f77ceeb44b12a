namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>Cases of the fall-back ladder of Fig. 3: UDP 33033, then TCP 33033, 80, 443, then the whole round again after 15 s.</summary>
public static class LadderCases
{
    /// <summary>
    /// tests/cases/udp-blocked-tcp-33033: a firewall refuses UDP (ICMP administratively prohibited); the client
    /// sends three 62-byte SYNs to port 33033 of each address, the last address answers its third, the login
    /// goes on over that connection and the channel follows.
    /// </summary>
    public static Scenario UdpBlockedTcp33033()
    {
        var lan = new Lan(seed: 0x33033);
        var login = lan.Servers("login", Cast.LoginAnswerA);

        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn5.d.skype.net", Cast.LoginAnswerA);
        SkypeSteps.UdpRung(lan, login, 0.2, refusingFirewall: lan.Router);
        Background.Https(lan, lan.Other, "mail.qq.com", "59.37.96.170", 0.9, rtt: 0.028);
        var flow = SkypeSteps.TcpRung(lan, login, 33033, 1.2, answered: (7, 2))!;
        SkypeSteps.Authenticate(flow);
        SkypeSteps.Channel(lan, login[7], 40035, 5.0);
        SkypeSteps.SkypeServer(lan, 6.0);
        return lan.S;
    }

    /// <summary>
    /// tests/cases/fallback-tcp-80: a firewall that lets only DNS, 80 and 443 out silently drops UDP and TCP
    /// 33033; on port 80 the fifth address answers the first SYN. No channel port gets through, so the login
    /// never reaches the contract's "complete". The version check (port 80) still happens.
    /// </summary>
    public static Scenario FallbackTcp80()
    {
        var lan = new Lan(seed: 0x80);
        var login = lan.Servers("login", Cast.LoginAnswerA);

        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn14.d.skype.net", Cast.LoginAnswerA);
        SkypeSteps.UdpRung(lan, login, 0.2);
        SkypeSteps.TcpRung(lan, login, 33033, 1.2);
        Background.NetworkCheck(lan, 2.0);
        var flow = SkypeSteps.TcpRung(lan, login, 80, 5.2, answered: (4, 0))!;
        SkypeSteps.Authenticate(flow);
        SkypeSteps.VersionCheck(lan, lan.Client, 7.0, withDns: true);
        return lan.S;
    }

    /// <summary>
    /// tests/cases/fallback-tcp-443: only DNS and 443 get out; UDP, TCP 33033 and 80 are dropped, the sixth
    /// address answers on 443. The echo server (443) and Facebook follow; they need only a login seen.
    /// </summary>
    public static Scenario FallbackTcp443()
    {
        var lan = new Lan(seed: 0x443);
        var login = lan.Servers("login", Cast.LoginAnswerA);

        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn17.d.skype.net", Cast.LoginAnswerA);
        SkypeSteps.UdpRung(lan, login, 0.2);
        SkypeSteps.TcpRung(lan, login, 33033, 1.2);
        SkypeSteps.TcpRung(lan, login, 80, 5.2);
        Background.Https(lan, lan.Client, "www.google.com", "74.125.128.104", 7.0);
        var flow = SkypeSteps.TcpRung(lan, login, 443, 9.2, answered: (5, 0))!;
        SkypeSteps.Authenticate(flow);
        SkypeSteps.EchoServer(lan, 11.0);
        SkypeSteps.Facebook(lan, 12.0);
        return lan.S;
    }

    /// <summary>
    /// tests/cases/all-blocked-retry-15s: the network drops everything but DNS for a whole round (UDP, TCP
    /// 33033, 80, 443, three SYNs each); 15 s after its last attempt the client starts over with a new DNS
    /// name, its UDP probe is answered and the channel established.
    /// </summary>
    public static Scenario AllBlockedRetry15s()
    {
        var lan = new Lan(seed: 0x15);
        var first = lan.Servers("login-a", Cast.LoginAnswerA);
        var second = lan.Servers("login-b", Cast.LoginAnswerB);

        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn7.d.skype.net", Cast.LoginAnswerA);
        SkypeSteps.UdpRung(lan, first, 0.2);
        SkypeSteps.TcpRung(lan, first, 33033, 1.2);
        SkypeSteps.TcpRung(lan, first, 80, 5.2);
        SkypeSteps.TcpRung(lan, first, 443, 9.2);
        Background.Lookup(lan, lan.Other, "www.taobao.com", "140.205.94.189", 14.0);

        // The last SYN of the round left at 9.2 + 3 + 7 * 0.012 = 12.284 s; Fig. 3 repeats 15 s later.
        lan.S.At(27.2).Dns(lan.Client, lan.Router, "dsn11.d.skype.net", Cast.LoginAnswerB);
        SkypeSteps.UdpRung(lan, second, 27.3, answeredBy: 7);
        SkypeSteps.Channel(lan, second[7], 40029, 27.8);
        SkypeSteps.SuperNodes(lan, 29.0);
        return lan.S;
    }
}
