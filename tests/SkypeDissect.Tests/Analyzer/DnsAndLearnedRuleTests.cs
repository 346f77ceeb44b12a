using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>dns-name and learned-address rules, with the learned-address state they share.</summary>
public class DnsAndLearnedRuleTests
{
    private const string Learned1 = "10.20.30.41";
    private const string Learned2 = "10.20.30.42";

    [Fact]
    public void DnsName_QueryAndAnswer_TagBothWithTheAskerAsClient()
    {
        var tagged = Run(DnsQuery(1, "DSN7.d.skype.net"), DnsAnswer(1.1, "dsn7.d.skype.net", Learned1));

        Lines(tagged).Should().Equal("1 1 login-server login-dns", "2 1 login-server login-dns");
        tagged.Should().OnlyContain(t => t.Client == Client && t.Server == Resolver);
    }

    [Theory]
    [InlineData("dsn18.d.skype.net")]
    [InlineData("dsn1.d.skype.net.example.org")]
    [InlineData("skype.net")]
    public void DnsName_OtherNames_AreNotTagged(string name)
    {
        Run(DnsQuery(1, name)).Should().BeEmpty();
    }

    [Fact]
    public void DnsName_NotOnPort53_IsNotDns()
    {
        Run(Udp(1, Client, 5000, Resolver, 5353, Dns.Query("dsn1.d.skype.net"))).Should().BeEmpty();
    }

    [Fact]
    public void DnsName_OrderOfRules_FeedbackBeforeUpdate()
    {
        Lines(Run(DnsQuery(1, "166.0.10.5.rst3.r.skype.net"), DnsQuery(2, "ui.skype.com")))
            .Should().Equal("1 6 feedback feedback-dns", "2 5 version-update update-dns");
    }

    [Fact]
    public void LearnedAddress_AnsweredLoginServer_TagsAttemptsWithPosition()
    {
        var tagged = Run(
            DnsAnswer(1, "dsn1.d.skype.net", Learned1, Learned2),
            Udp(2, Client, 13021, Learned2, 33033),
            Tcp(3, Client, 51000, Learned1, 80, Packets.Syn),
            Tcp(4, Client, 51001, Learned1, 22, Packets.Syn));

        Lines(tagged).Should().Equal("1 1 login-server login-dns", "2 1 login-server login-learned", "3 1 login-server login-learned");
        (tagged[1].LearnedPosition, tagged[1].LearnedCount).Should().Be((2, 2));
        (tagged[2].Server, tagged[2].ServerPort).Should().Be((Learned1, 80));
    }

    [Fact]
    public void LearnedAddress_ServerToClient_FindsTheClientOnTheOtherSide()
    {
        var tagged = Run(DnsAnswer(1, "dsn1.d.skype.net", Learned1), Udp(2, Learned1, 33033, Client, 13021));

        tagged[1].Tag.Rule.Should().Be("login-learned");
        tagged[1].Client.Should().Be(Client);
    }

    [Fact]
    public void LearnedAddress_OnlyForTheHostThatAsked()
    {
        Run(DnsAnswer(1, "dsn1.d.skype.net", Learned1), Udp(2, "192.168.1.77", 13021, Learned1, 33033)).Should().HaveCount(1);
    }

    [Fact]
    public void LearnedAddress_QueryTeachesNothing()
    {
        Run(Udp(1, Client, 5353, Resolver, 53, Dns.Message(false, [Dns.Question("dsn1.d.skype.net")], [Dns.Record(Learned1)])),
            Udp(2, Client, 13021, Learned1, 33033)).Should().HaveCount(1);
    }

    [Fact]
    public void LearnedAddress_OnlyFromTheNamedRule()
    {
        // ui.skype.com teaches update-learned (TCP 80), not the login rules (UDP 33033).
        var tagged = Run(
            DnsAnswer(1, "ui.skype.com", Learned1),
            Udp(2, Client, 13021, Learned1, 33033),
            Tcp(3, Client, 51000, Learned1, 80, Packets.Syn));

        Lines(tagged).Should().Equal("1 5 version-update update-dns", "3 5 version-update update-learned");
    }

    [Fact]
    public void LearnedAddress_ALaterAnswerOverwrites()
    {
        var tagged = Run(
            DnsAnswer(1, "dsn1.d.skype.net", Learned1),
            DnsAnswer(2, "ui.skype.com", Learned1),
            Udp(3, Client, 13021, Learned1, 33033));

        tagged.Should().HaveCount(2);
    }

    [Fact]
    public void LearnedAddress_AaaaRecords_AreLearnedAfterTheARecords()
    {
        var tagged = Run(
            Udp(1, Resolver, 53, Client, 5353, Dns.Message(true, [Dns.Question("dsn1.d.skype.net")], [Dns.Record("2001:db8::5"), Dns.Record(Learned1)])),
            Udp(2, Client, 13021, Learned1, 33033));

        (tagged[1].LearnedPosition, tagged[1].LearnedCount).Should().Be((1, 2));
    }

    [Fact]
    public void GatedDnsName_EchoServer_OnlyDuringALogin()
    {
        var tagged = Run(
            DnsQuery(1, "s.gateway.messenger.live.com"),
            DnsQuery(2, "dsn1.d.skype.net"),
            DnsQuery(3, "s.gateway.messenger.live.com"),
            DnsQuery(122, "s.gateway.messenger.live.com"),
            DnsQuery(123, "s.gateway.messenger.live.com"));

        Lines(tagged).Should().Equal("2 1 login-server login-dns", "3 3 nat-echo echo-dns", "4 3 nat-echo echo-dns");
    }

    [Fact]
    public void FacebookDns_OnItsOwn_IsNotSkype()
    {
        Run(DnsQuery(1, "connect.facebook.com"), DnsAnswer(2, "connect.facebook.com", Learned1), Tcp(3, Client, 51000, Learned1, 443, Packets.Syn))
            .Should().BeEmpty();
    }

    [Fact]
    public void FacebookDuringLogin_IsStepSeven()
    {
        var tagged = Run(
            DnsQuery(1, "dsn1.d.skype.net"),
            DnsAnswer(2, "connect.facebook.com", Learned1),
            Tcp(3, Client, 51000, Learned1, 443, Packets.Syn));

        Lines(tagged).Should().Equal("1 1 login-server login-dns", "2 7 facebook facebook-dns", "3 7 facebook facebook-learned");
    }
}
