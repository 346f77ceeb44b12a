using SkypeDissect.Model;
using SkypeDissect.Model.Versions;

namespace SkypeDissect.Tests.Model;

/// <summary>Pins the paper's numbers so that a careless edit of the model shows up.</summary>
public class PaperFactsTests
{
    public static TheoryData<string> PaperVersionIds => new() { "5.6.0.106", "6.3.0.197" };

    [Fact]
    public void LoginServers_Table1_Has225ServersIn9NetworksOf25()
    {
        var byNetwork = PaperFacts.LoginServers.GroupBy(r => r.Network).ToList();
        byNetwork.Should().HaveCount(9);
        byNetwork.Should().OnlyContain(g => g.Sum(r => r.Count) == 25);
        PaperFacts.LoginServers.Sum(r => r.Count).Should().Be(225);
    }

    [Fact]
    public void LoginServers_Table1_ContainsFigure2Address()
    {
        Ipv4.TryParse("111.221.74.38", out var fig2).Should().BeTrue();
        PaperFacts.LoginServers.Should().Contain(r => r.Contains(fig2));
        Ipv4.TryParse("111.221.74.35", out var gap).Should().BeTrue();
        PaperFacts.LoginServers.Should().NotContain(r => r.Contains(gap), "Table I skips hosts 35 and 36");
    }

    [Fact]
    public void LoginServers_OrganisationsAndCountries_AsTable1()
    {
        string Org(string net) => PaperFacts.LoginServers.First(r => r.Network == net).Organisation;
        string Country(string net) => PaperFacts.LoginServers.First(r => r.Network == net).Country;
        Org("213.199.179").Should().Be("Microsoft Data Center");
        Country("213.199.179").Should().Be("Ireland");
        Org("64.4.23").Should().Be("Microsoft Hotmail");
        Country("111.221.77").Should().Be("Singapore");
        PaperFacts.LoginServers.Count(r => r.Country == "United States").Should().Be(12, "six of the nine networks, two ranges each");
    }

    [Fact]
    public void LoginDomain_Is18Names_FeedbackDomain14()
    {
        new DomainPattern(PaperFacts.LoginServerDomain, Provenance.FromPaper("x")).NameCount.Should().Be(18);
        new DomainPattern(PaperFacts.FeedbackDomain, Provenance.FromPaper("x")).NameCount.Should().Be(14);
    }

    [Fact]
    public void ChannelPorts_Are47_AndContainFigure2Port()
    {
        PaperFacts.Procedure.ChannelPorts.Count.Should().Be(47);
        PaperFacts.Procedure.ChannelPorts.Contains(40035).Should().BeTrue();
        PaperFacts.LoginServerFeatures.OpenTcpPorts.Should().Contain(new PortRange(40001, 40047));
    }

    [Fact]
    public void Ladder_IsUdp33033ThenTcp33033_80_443_WithRetryAfter15s()
    {
        PaperFacts.Procedure.Ladder.Select(r => r.Stage).Should().Equal("udp-33033", "tcp-33033", "tcp-80", "tcp-443");
        PaperFacts.Procedure.Ladder.Skip(1).Should().OnlyContain(r => r.Attempts == 3 && r.PacketBytes == 62);
        PaperFacts.Procedure.Ladder[0].Attempts.Should().Be(1);
        PaperFacts.Procedure.RetryIntervalSeconds.Should().Be(15);
    }

    [Fact]
    public void Groups_AnswerCounts_AsFigures()
    {
        PaperFacts.Groups.Single(g => g.Id == GroupIds.LoginServer).AnswerAddresses.Should().Be(8);
        PaperFacts.Groups.Single(g => g.Id == GroupIds.Feedback).AnswerAddresses.Should().Be(8);
        PaperFacts.Groups.Single(g => g.Id == GroupIds.NatEcho).AnswerAddresses.Should().Be(1);
    }

    [Fact]
    public void Steps_AreEightInOrder_EveryGroupOfTheVocabularyUsed()
    {
        PaperFacts.Steps.Select(s => s.Number).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        PaperFacts.Steps.SelectMany(s => s.Groups).Should().BeEquivalentTo(GroupIds.All);
        PaperFacts.Steps[1].Groups.Should().Equal(GroupIds.SkypeServer, GroupIds.Supernode);
    }

    [Fact]
    public void Endpoints_AsPaper()
    {
        PaperFacts.FeedbackTcp.Ports.Should().Be(PortRange.Single(12350));
        PaperFacts.EchoTcp.Ports.Should().Be(PortRange.Single(443));
        PaperFacts.SkypeServerTcp.Ports.Should().Be(PortRange.Single(33033));
    }

    [Fact]
    public void Inconsistencies_KeepEveryReadingOfThePaper()
    {
        var ids = PaperFacts.Inconsistencies.Select(i => i.Id).ToList();
        ids.Should().Contain(["dsn0-ent", "channel-ports", "table1-37-28", "echo-address"]);
        PaperFacts.Inconsistencies.Single(i => i.Id == "echo-address").Readings.Select(r => r.Text)
            .Should().Equal("65.5.121.231", "65.55.121.231");
        PaperFacts.Inconsistencies.Single(i => i.Id == "channel-ports").Readings.Select(r => r.Text)
            .Should().Contain("one of 47 ports (40041-40047)");
        PaperFacts.Inconsistencies.Should().OnlyContain(i => i.Readings.Count >= 1 && i.ModelUses.Length > 0);
    }

    [Theory]
    [MemberData(nameof(PaperVersionIds))]
    public void PaperVersions_AreInTheDefaultModel_WithTheSameRules(string id)
    {
        var v = Signatures.Default.Version(id);
        v.Should().NotBeNull();
        v!.Rules.Should().Equal(PaperVersions.Rules);
    }

    [Fact]
    public void DefaultModel_ListsThePapersVersionsFirst_ThenTheLearnedOnes()
    {
        // The paper's cases keep their tags: a learned version only tags what the paper's rules do not (Signatures.Default).
        Signatures.Default.Versions.Select(v => v.Id).Should().Equal("6.3.0.197", "5.6.0.106", "7.7.3");
    }
}
