namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>IPv4 fragments (docs/tagging.md section 1.1): a datagram counts on the frame that completes it, never before, never if it stays incomplete.</summary>
public static class FragmentCases
{
    /// <summary>
    /// tests/cases/ip-fragments: a login whose DNS answer arrives in two fragments in order, whose server
    /// answer arrives in two fragments in reverse order, and before which a probe lost its second fragment.
    /// Real answers of these sizes are rarely fragmented; the builder splits them on purpose.
    /// </summary>
    public static Scenario IpFragments()
    {
        var lan = new Lan(seed: 0xF4A6);
        var login = lan.Servers("login", Cast.LoginAnswerA);

        lan.S.At(0.0).DnsFragmentedAnswer(lan.Client, lan.Router, "dsn2.d.skype.net", Cast.LoginAnswerA, FragmentDelivery.InOrder);

        // A large datagram to a login server whose second fragment never arrives: never a whole datagram.
        lan.S.At(0.1).UdpInFragments(lan.ClientSkypePort, login[2].On(33033), lan.S.Payloads.Opaque(1600), 1480, FragmentDelivery.SecondLost);

        SkypeSteps.UdpRung(lan, login, 0.2);
        lan.S.At(0.2 + 7 * 0.012 + login[7].RttSeconds)
            .UdpInFragments(login[7].On(33033), lan.ClientSkypePort, lan.S.Payloads.Opaque(1700), 1480, FragmentDelivery.Reversed);
        SkypeSteps.Channel(lan, login[7], 40035, 0.6);
        SkypeSteps.SuperNodes(lan, 1.5);
        return lan.S;
    }
}
