namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>Cases of single steps seen without the login around them, and of traffic that only looks like Skype's.</summary>
public static class ServiceCases
{
    /// <summary>
    /// tests/cases/version-check: the client resolves ui.skype.com and asks for the latest version (Fig. 5);
    /// the other machine sends the same GET to the same server without a DNS query in the capture (its answer
    /// was cached), so only the request line identifies it; later it sends the GET cut in two segments.
    /// </summary>
    public static Scenario VersionCheck()
    {
        var lan = new Lan(seed: 0x5);
        Background.NetworkCheck(lan, 0.0);
        SkypeSteps.VersionCheck(lan, lan.Client, 1.0, withDns: true);
        SkypeSteps.VersionCheck(lan, lan.Other, 2.0, withDns: false);
        Background.Https(lan, lan.Other, "www.skype.com", "91.190.216.21", 3.0);

        // The same GET cut in two segments in the middle of its request line: one segment's payload is all a
        // rule sees (docs/tagging.md section 1), so neither segment matches.
        var get = Payloads.HttpGet(Cast.UpdateName, Cast.UpdateTarget, Cast.SkypeUserAgent);
        lan.S.At(4.0).Tcp(lan.Other.NextPort(), lan.S.Remote("version-update", Cast.UpdateAddress, 0.212).On(80)).Handshake()
            .SendSplit(get, "GET /ui/0/6.3.0.197/en/getlat".Length).Reply(Payloads.HttpOk("text/plain", "6.3.0.197")).Close();
        return lan.S;
    }

    /// <summary>
    /// tests/cases/update-http-decoy: another program's updater asks <c>GET ...getlatestversion</c> from a host
    /// that is not logging in to Skype, and from the Skype client's host long after its login; neither is
    /// Skype's. In between, the Skype client logs in from its host cache and checks its version without DNS
    /// (the answer was cached): the request line is then evidence, during its login (Section III.B.5).
    /// </summary>
    public static Scenario UpdateHttpDecoy()
    {
        var lan = new Lan(seed: 0x5DEC);
        var updates = lan.S.Remote("other-updater", "203.0.113.40", 0.09).On(80);
        var decoy = Payloads.HttpGet("updates.example.org", "/api/getlatestversion?product=editor&ver=3.2.1", "ExampleUpdater/3.2");
        var answer = Payloads.HttpOk("application/json", "{\"latest\":\"3.2.2\"}");

        // The other machine never runs Skype: its editor's updater resolves its own server and asks for the latest version.
        Background.Lookup(lan, lan.Other, "updates.example.org", "203.0.113.40", 0.0);
        lan.S.At(0.2).Tcp(lan.Other.NextPort(), updates).Handshake().Send(decoy).Reply(answer).Close();

        // The Skype client logs in from its host cache (Fig. 2: UDP probe answered, then the channel) and checks its
        // version with the address of ui.skype.com cached: no DNS in the capture, the request line alone.
        var cached = lan.Servers("cached-login", Cast.HostCache);
        SkypeSteps.UdpRung(lan, cached, 1.0, answeredBy: 1);
        SkypeSteps.Channel(lan, cached[1], 40017, 1.4);
        SkypeSteps.VersionCheck(lan, lan.Client, 2.5, withDns: false);

        // The same editor's updater on the Skype client's host, 200 s later: the login window (120 s) is over.
        lan.S.At(200.0).Tcp(lan.Client.NextPort(), updates).Handshake().Send(decoy).Reply(answer).Close();
        return lan.S;
    }

    /// <summary>
    /// tests/cases/feedback: feedback names of both paper builds (Fig. 6) with TCP 12350 to the last answered
    /// address; then a name one past the fourteen (rst14), whose server must stay untagged.
    /// </summary>
    public static Scenario Feedback()
    {
        var lan = new Lan(seed: 0x12350);
        SkypeSteps.Feedback(lan, Cast.FeedbackName, Cast.FeedbackAnswer, 0.0);
        SkypeSteps.Feedback(lan, "5.6.0.106.rst13.r.skype.net", ["193.120.199.21", "91.190.218.72", "193.120.199.22", "193.120.199.23", "91.190.218.75", "193.120.199.24", "193.120.199.25", "193.120.199.26"], 2.0);
        Background.TimeSync(lan, 3.0);
        SkypeSteps.Feedback(lan, "6.3.0.197.rst14.r.skype.net", ["193.120.199.30"], 4.0);
        return lan.S;
    }

    /// <summary>tests/cases/facebook-alone: connect.facebook.com and TLS to it with no Skype login anywhere (Section III.B.7: step 7 only inside a login).</summary>
    public static Scenario FacebookAlone()
    {
        var lan = new Lan(seed: 0xFB00);
        Background.NetworkCheck(lan, 0.0);
        SkypeSteps.Facebook(lan, 1.0);
        Background.Https(lan, lan.Other, "www.facebook.com", "69.171.229.25", 1.5, rtt: 0.176);
        return lan.S;
    }

    /// <summary>
    /// tests/cases/near-misses: traffic that shares one feature with Skype's login but lacks the evidence the
    /// contract asks for. Nothing may be tagged.
    /// </summary>
    public static Scenario NearMisses()
    {
        var lan = new Lan(seed: 0x4EA2);
        var tableI = lan.S.Remote("login-111.221.74.38", "111.221.74.38", 0.072);
        var stranger = lan.S.Remote("stranger", "203.0.113.80", 0.15);
        var updateServer = lan.S.Remote("version-update", Cast.UpdateAddress, 0.212);

        // Names one character off the patterns: out of range, a leading zero, a search suffix, another label.
        Background.Lookup(lan, lan.Client, "dsn18.d.skype.net", "157.55.130.150", 0.0);
        Background.Lookup(lan, lan.Client, "dsn03.d.skype.net", "157.55.130.151", 0.1);
        Background.Lookup(lan, lan.Client, "dsn3.d.skype.net.home", "192.168.1.1", 0.2);
        Background.Lookup(lan, lan.Client, "apps.skype.com", "91.190.216.30", 0.3);
        Background.Lookup(lan, lan.Client, "ui.skype.com.cn", "203.0.113.9", 0.4);

        // The echo server's name serves Messenger too: without a login it is not Skype's, nor is TCP 443 to it.
        lan.S.At(0.5).Dns(lan.Client, lan.Router, Cast.EchoName, [Cast.EchoAddress]);
        lan.S.Wait(0.002).Tcp(lan.Client.NextPort(), lan.S.Remote("msn-echo", Cast.EchoAddress, 0.188).On(443)).Handshake().Send(138).Reply(86);

        // A Table I address on ports the login servers do not use, and UDP to the channel port.
        lan.S.At(1.0).Tcp(lan.Client.NextPort(), tableI.On(8080)).Handshake().Send(64).Reply(64);
        lan.S.At(1.5).Udp(lan.Client.On(52000), tableI.On(40035), 40);

        // The paper's ports with hosts outside the model and no login: a port alone never tags.
        lan.S.At(2.0).Tcp(lan.Client.NextPort(), stranger.On(33033)).Handshake().Send(80).Reply(80);
        lan.S.At(2.5).Udp(lan.ClientSkypePort, stranger.On(33033), 31);
        lan.S.At(2.6).Tcp(lan.Client.NextPort(), stranger.On(12350)).Handshake().Send(300);
        lan.S.At(2.9).Tcp(lan.Client.NextPort(), stranger.On(40035)).Handshake().Send(72);

        // HTTP that is not the version check: another method, the word outside the request line, another port.
        lan.S.At(3.0).Tcp(lan.Client.NextPort(), updateServer.On(80)).Handshake()
            .Send(Payloads.Ascii("POST /ui/0/6.3.0.197/en/getlatestversion HTTP/1.1\r\nHost: ui.skype.com\r\nContent-Length: 0\r\n\r\n")).Reply(Payloads.HttpOk("text/plain", "6.3.0.197"));
        lan.S.At(3.5).Tcp(lan.Client.NextPort(), updateServer.On(80)).Handshake()
            .Send(Payloads.Ascii("GET /ui/0/6.3.0.197/en/news HTTP/1.1\r\nHost: ui.skype.com\r\nReferer: http://ui.skype.com/getlatestversion\r\n\r\n")).Reply(Payloads.HttpOk("text/plain", "none"));
        lan.S.At(4.0).Tcp(lan.Client.NextPort(), updateServer.On(8080)).Handshake()
            .Send(Payloads.HttpGet(Cast.UpdateName, Cast.UpdateTarget, Cast.SkypeUserAgent)).Reply(Payloads.HttpOk("text/plain", "6.3.0.197"));

        // Facebook's name from a machine that never logged in to Skype.
        lan.S.At(4.5).Dns(lan.Other, lan.Router, Cast.FacebookName, Cast.FacebookAnswer, cname: Cast.FacebookAlias);
        return lan.S;
    }
}
