namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>Cases of a login that succeeds at once (Fig. 1 from end to end) and of the ways it is captured.</summary>
public static class LoginCases
{
    /// <summary>
    /// tests/cases/login-normal: every step of Fig. 1 in order, with ordinary traffic of the client and of
    /// another machine around it.
    /// </summary>
    public static Scenario LoginNormal()
    {
        var lan = new Lan(seed: 0x10C1);
        var login = lan.Servers("login", Cast.LoginAnswerA);

        Background.NetworkCheck(lan, 0.0);
        Background.Https(lan, lan.Other, "www.baidu.com", "220.181.111.188", 0.05, rtt: 0.031);

        // Step 1 (Figs. 2 and 3): dsn3 answers eight Table I servers, one UDP probe each, the last answers,
        // the channel on 40035 is established.
        lan.S.At(0.8).Dns(lan.Client, lan.Router, "dsn3.d.skype.net", Cast.LoginAnswerA);
        SkypeSteps.UdpRung(lan, login, 1.0, answeredBy: 7);
        SkypeSteps.Channel(lan, login[7], 40035, 1.4);

        // Step 2: the Skype server on TCP 33033 and four super nodes over UDP.
        SkypeSteps.SkypeServer(lan, 2.5);
        SkypeSteps.SuperNodes(lan, 3.0);
        Background.TimeSync(lan, 3.3);

        // Step 3 (Fig. 4), step 4 (a further channel to another answered login server).
        SkypeSteps.EchoServer(lan, 4.0);
        SkypeSteps.Channel(lan, login[6], 40021, 5.0);

        // Steps 5, 6 and 7 (Figs. 5 and 6, Section III.B.7), with web browsing in between.
        SkypeSteps.VersionCheck(lan, lan.Client, 6.0, withDns: true);
        Background.Https(lan, lan.Client, "www.google.com", "74.125.128.104", 6.5);
        SkypeSteps.Feedback(lan, Cast.FeedbackName, Cast.FeedbackAnswer, 7.0);
        SkypeSteps.Facebook(lan, 8.0);

        // Step 8: another client over UDP, after the four super nodes.
        SkypeSteps.Peer(lan, 9.0);
        Background.HttpsIpv6(lan, lan.Client6, lan.Router6, "www.google.com", "2a00:1450:4008:800::1010", 9.5);
        Background.Ssdp(lan, lan.Other, 10.0);
        return lan.S;
    }

    /// <summary>tests/cases/host-cache-no-dns: a login to Table I servers from the host cache, without any DNS.</summary>
    public static Scenario HostCacheNoDns()
    {
        var lan = new Lan(seed: 0xCAC4E);
        var cached = lan.Servers("cached-login", Cast.HostCache);
        var other = lan.S.Remote("login-presence", "157.56.52.33", 0.196);

        Background.Https(lan, lan.Other, "www.bing.com", "204.79.197.200", 0.0, rtt: 0.12);
        SkypeSteps.UdpRung(lan, cached, 0.5, answeredBy: 1);
        SkypeSteps.Channel(lan, cached[1], 40017, 0.9);
        SkypeSteps.SkypeServer(lan, 1.8);
        SkypeSteps.SuperNodes(lan, 2.2);
        SkypeSteps.Channel(lan, other, 40044, 3.0);
        Background.NetworkCheck(lan, 3.5);
        return lan.S;
    }

    /// <summary>The short login the link-layer cases share: DNS, UDP probes, channel, super nodes, a peer, and other traffic.</summary>
    public static Scenario CompactLogin(LinkKind link, ushort vlanId, ulong seed)
    {
        var lan = new Lan(seed, link, vlanId);
        var login = lan.Servers("login", Cast.LoginAnswerB);

        Background.Lookup(lan, lan.Client, "go.microsoft.com", "23.62.99.16", 0.0);
        lan.S.At(0.3).Dns(lan.Client, lan.Router, "dsn11.d.skype.net", Cast.LoginAnswerB);
        SkypeSteps.UdpRung(lan, login, 0.5, answeredBy: 7);
        SkypeSteps.Channel(lan, login[7], 40031, 1.0);
        SkypeSteps.SuperNodes(lan, 2.0);
        SkypeSteps.Peer(lan, 3.0);
        Background.Https(lan, lan.Client, "www.google.com", "74.125.128.104", 3.2);
        return lan.S;
    }

    /// <summary>tests/cases/vlan-8021q: the compact login on VLAN 100.</summary>
    public static Scenario Vlan8021Q() => CompactLogin(LinkKind.EthernetVlan, vlanId: 100, seed: 0x8100);

    /// <summary>tests/cases/linux-cooked: the compact login captured with <c>tcpdump -i any</c> (Linux cooked v1).</summary>
    public static Scenario LinuxCooked() => CompactLogin(LinkKind.LinuxCooked, vlanId: 0, seed: 0x113);

    /// <summary>
    /// tests/cases/facebook-in-login: a login, then Facebook (step 7, Section III.B.7); the other machine,
    /// which never logged in to Skype, visits www.facebook.com and then connect.facebook.com too.
    /// </summary>
    public static Scenario FacebookInLogin() => CompactLoginWith(seed: 0xFB01, lan =>
    {
        SkypeSteps.Facebook(lan, 4.0);
        SkypeSteps.Facebook(lan, lan.Other, 5.0);
    });

    private static Scenario CompactLoginWith(ulong seed, Action<Lan> more)
    {
        var lan = new Lan(seed);
        var login = lan.Servers("login", Cast.LoginAnswerA);
        lan.S.At(0.0).Dns(lan.Client, lan.Router, "dsn0.d.skype.net", Cast.LoginAnswerA);
        SkypeSteps.UdpRung(lan, login, 0.2, answeredBy: 7);
        SkypeSteps.Channel(lan, login[7], 40035, 0.7);
        Background.Https(lan, lan.Other, "www.facebook.com", "69.171.229.25", 2.0, rtt: 0.176);
        more(lan);
        return lan.S;
    }
}
