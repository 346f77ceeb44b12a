using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// A capture built from explicit values that exercises the 7.7.3 kinds under the test model
/// (<see cref="Support.KindsTestModel"/>), with a near miss beside each hit. Expected tags per frame are in
/// <see cref="NewKindParityTests"/>.
/// </summary>
public static class NewKindScenario
{
    public static readonly byte[] FakeTls = [0x16, 0x03, 0x01, 0x00, 0x00];
    public static readonly byte[] Sslv2Hello = [0x80, 0x46, 0x01, 0x03, 0x01, 0x00, 0x2d, 0x00, 0x00, 0x00, 0x10];

    public static Scenario Build()
    {
        var lan = new Lan(seed: 0x773);
        var s = lan.S;
        var feedback = s.Remote("feedback-91.190.216.125", "91.190.216.125", 0.05);
        var feedbackNeighbour = s.Remote("feedback-91.190.216.126", "91.190.216.126", 0.05);
        var node = s.Remote("skype-node", "149.13.32.15", 0.06);
        var other = s.Remote("other", "203.0.113.5", 0.07);

        // {label}: a gateway name of one label, of two labels (no match), of 63 characters (the most a DNS label has).
        s.At(0.0).Dns(lan.Client, lan.Router, "db3msgr5011709.gateway.messenger.live.com", ["157.56.126.211"]);
        s.At(0.1).DnsQuery(lan.Client, lan.Router, "a.b.gateway.messenger.live.com");
        s.At(0.2).DnsQuery(lan.Client, lan.Router, new string('x', 63) + ".gateway.messenger.live.com");

        // timed-fallback: 12350 then 443 to the same address 1.61 s later; 443 to the neighbour; 443 after 3 s.
        s.At(1.0).Tcp(lan.Client.NextPort(), feedback.On(12350)).Syn().At(2.0).Syn();
        s.At(2.61).Tcp(lan.Client.NextPort(), feedback.On(443)).Handshake().Send(FakeTls).Reply(40);
        s.At(2.7).Tcp(lan.Client.NextPort(), feedbackNeighbour.On(443)).Syn();
        s.At(4.5).Tcp(lan.Client.NextPort(), feedback.On(443)).Syn();

        // payload-prefix with endpoints: the SSLv2 hello first (tagged), second (not), on another port (not).
        s.At(5.0).Tcp(lan.Client.NextPort(), other.On(443)).Handshake().Send(Sslv2Hello).Reply(79).Send(30);
        s.At(6.0).Tcp(lan.Client.NextPort(), other.On(443)).Handshake().Send(20).Send(Sslv2Hello);
        s.At(7.0).Tcp(lan.Client.NextPort(), other.On(8443)).Handshake().Send(Sslv2Hello);

        // payload-prefix on any port: before the login (gate fails), then a login, then exact 5 bytes (tagged),
        // 6 bytes (not), and the 5 bytes as a second payload (not).
        s.At(8.0).Tcp(lan.Client.NextPort(), node.On(13392)).Handshake().Send(FakeTls);
        SkypeSteps.Channel(lan, s.Remote("login-157.56.52.28", "157.56.52.28", 0.1), 40009, 9.0);
        var later = s.Now + 1;
        s.At(later).Tcp(lan.Client.NextPort(), node.On(13392)).Handshake().Send(FakeTls).Reply(20).Send(100);
        s.At(later + 1).Tcp(lan.Client.NextPort(), node.On(13393)).Handshake().Send([.. FakeTls, 0]);
        s.At(later + 2).Tcp(lan.Client.NextPort(), node.On(13394)).Handshake().Send(8).Send(FakeTls);
        return s;
    }
}
