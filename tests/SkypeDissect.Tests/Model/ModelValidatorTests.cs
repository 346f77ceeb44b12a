using SkypeDissect.Model;
using SkypeDissect.Model.Versions;

namespace SkypeDissect.Tests.Model;

public class ModelValidatorTests
{
    private static readonly ClientVersion Paper = PaperVersions.Skype6_3;

    private static IReadOnlyList<string> Problems(ClientVersion v) =>
        ModelValidator.Validate(new SignatureModel([v])).Select(p => p.ToString()).ToList();

    private static ClientVersion WithRules(params Rule[] rules) => Paper with { Rules = rules };

    [Fact]
    public void Validate_DefaultModel_HasNoProblem()
    {
        ModelValidator.Validate(Signatures.Default).Should().BeEmpty();
    }

    [Fact]
    public void Validate_DuplicateVersion_NamesIt()
    {
        ModelValidator.Validate(new SignatureModel([Paper, Paper])).Select(p => p.ToString())
            .Should().Equal("versions[6.3.0.197]: version id is not unique");
    }

    [Fact]
    public void Validate_VersionsWithDifferentLadders_NamesTheLaterOne()
    {
        var other = Paper with { Id = "9.9", Procedure = Paper.Procedure with { Ladder = Paper.Procedure.Ladder.Take(2).ToList() } };

        ModelValidator.Validate(new SignatureModel([Paper, other])).Select(p => p.ToString())
            .Should().Equal("versions[9.9].procedure.ladder: the ladder's stages must be those of 6.3.0.197 (udp-33033, tcp-33033, tcp-80, tcp-443): the versions share each client's login state");
    }

    [Fact]
    public void Validate_BadVersionId_NamesPath()
    {
        Problems(Paper with { Id = "six" }).Should().Contain("versions[six].id: must be two to four dot-separated numbers, like 6.3.0.197");
    }

    [Fact]
    public void Validate_DuplicateRuleId_NamesIt()
    {
        Problems(WithRules(Paper.Rules[0], Paper.Rules[0]))
            .Should().Equal("versions[6.3.0.197].rules[login-dns]: rule id is not unique");
    }

    [Fact]
    public void Validate_RuleIdNotStable_NamesIt()
    {
        var rule = (DnsNameRule)Paper.Rules[0] with { Id = "Login DNS" };
        Problems(WithRules(rule)).Should().Equal(
            "versions[6.3.0.197].rules[Login DNS].id: 'Login DNS' is not a stable id (lower case letters and digits, words joined by '-')");
    }

    [Fact]
    public void Validate_StepOutOfRange_NamesIt()
    {
        var rule = (DnsNameRule)Paper.Rules[0] with { Step = 9 };
        Problems(WithRules(rule)).Should().Equal("versions[6.3.0.197].rules[login-dns].step: 9 is not a step of Fig. 1 (1-8)");
    }

    [Fact]
    public void Validate_GroupNotOfItsStep_NamesIt()
    {
        var rule = (DnsNameRule)Paper.Rules[0] with { Group = GroupIds.Feedback };
        Problems(WithRules(rule)).Should().Equal("versions[6.3.0.197].rules[login-dns].group: 'feedback' is not a group of step 1 (login-server)");
    }

    [Fact]
    public void Validate_MissingProvenance_NamesIt()
    {
        var rule = (DnsNameRule)Paper.Rules[0] with { Provenance = new Provenance("", "") };
        Problems(WithRules(rule)).Should().Equal("versions[6.3.0.197].rules[login-dns].provenance: is missing: every fact says where it comes from");
    }

    [Fact]
    public void Validate_DecisionWithoutReason_NamesIt()
    {
        var rule = (DnsNameRule)Paper.Rules[0] with { Provenance = new Provenance(Provenance.Project, "decision") };
        Problems(WithRules(rule)).Should().Equal("versions[6.3.0.197].rules[login-dns].provenance: a project decision must say why");
    }

    [Fact]
    public void Validate_MalformedDomain_NamesIt()
    {
        var rule = (DnsNameRule)Paper.Rules[0] with { Domain = new DomainPattern("dsn{17-0}.d.skype.net", Provenance.FromPaper("x")) };
        Problems(WithRules(rule)).Should().Equal(
            "versions[6.3.0.197].rules[login-dns].domain: malformed pattern: number range {17-0} at 3 must have 0 <= min <= max <= 99999");
    }

    [Fact]
    public void Validate_LearnedFromUnknownRule_NamesIt()
    {
        var learned = Paper.Rules.OfType<LearnedAddressRule>().First(r => r.Id == "login-learned");
        Problems(WithRules(learned)).Should().Equal("versions[6.3.0.197].rules[login-learned].learnedFrom: 'login-dns' is not a rule listed before this one");
    }

    [Fact]
    public void Validate_LearnedFromNonDnsRule_NamesIt()
    {
        var range = Paper.Rules.First(r => r.Id == "login-range");
        var learned = Paper.Rules.OfType<LearnedAddressRule>().First(r => r.Id == "login-learned") with { LearnedFrom = "login-range" };
        Problems(WithRules(range, learned)).Should().Equal("versions[6.3.0.197].rules[login-learned].learnedFrom: 'login-range' is not a dns-name rule");
    }

    [Fact]
    public void Validate_PortOutOfRange_NamesIt()
    {
        var after = Paper.Rules.OfType<AfterLoginRule>().First() with
        {
            Endpoints = [new Endpoint("tcp-big", Transport.Tcp, new PortRange(70000, 70000), Provenance.FromPaper("x"))],
        };
        Problems(WithRules(after)).Should().Equal(
            "versions[6.3.0.197].rules[skype-server].endpoints[tcp-big].ports: port range 70000-70000 must satisfy 1 <= first <= last <= 65535");
    }

    [Fact]
    public void Validate_RuleWithoutEndpoints_NamesIt()
    {
        var after = Paper.Rules.OfType<AfterLoginRule>().First() with { Endpoints = [] };
        Problems(WithRules(after)).Should().Equal(
            "versions[6.3.0.197].rules[skype-server].endpoints: needs at least one endpoint: a port alone never tags, nor does no port");
    }

    [Fact]
    public void Validate_UngatedAfterLogin_NamesIt()
    {
        var after = Paper.Rules.OfType<AfterLoginRule>().First() with { Gate = Gate.None };
        Problems(WithRules(after)).Should().Equal(
            "versions[6.3.0.197].rules[skype-server].gate: an after-login rule needs a gate: the login is its only evidence besides the port");
    }

    [Fact]
    public void Validate_OverlappingRanges_NamesIt()
    {
        var range = Paper.Rules.OfType<AddressRangeRule>().First(r => r.Id == "login-range");
        var overlapping = range with { Ranges = [range.Ranges[0], range.Ranges[0] with { FirstHost = 30, LastHost = 40 }] };
        Problems(WithRules(overlapping)).Should().Equal(
            "versions[6.3.0.197].rules[login-range].ranges[111.221.74.30-40]: overlaps 111.221.74.12-34");
    }

    [Fact]
    public void Validate_HostRangeBeyond255_NamesIt()
    {
        var range = Paper.Rules.OfType<AddressRangeRule>().First(r => r.Id == "login-range");
        var bad = range with { Ranges = [range.Ranges[0] with { LastHost = 300 }] };
        Problems(WithRules(bad)).Should().Equal(
            "versions[6.3.0.197].rules[login-range].ranges[111.221.74.12-300]: host range 12-300 must satisfy 0 <= first <= last <= 255");
    }

    [Fact]
    public void Validate_UnknownGroupInVocabulary_NamesIt()
    {
        var v = Paper with { Groups = [.. Paper.Groups, Paper.Groups[0] with { Id = "skype-cdn" }] };
        Problems(v).Should().Equal("versions[6.3.0.197].groups[skype-cdn].id: 'skype-cdn' is not a group id of the vocabulary (login-server, skype-server, supernode, nat-echo, presence, version-update, feedback, facebook, peer)");
    }

    [Fact]
    public void Validate_StepsOutOfOrder_NamesIt()
    {
        var v = Paper with { Steps = [.. Paper.Steps.Reverse()] };
        Problems(v).Should().Equal("versions[6.3.0.197].steps: must list the steps 1 to 8 of Fig. 1 in order, got 8,7,6,5,4,3,2,1");
    }

    [Fact]
    public void Validate_NewRoundGapAboveRetry_NamesIt()
    {
        var v = Paper with { Procedure = Paper.Procedure with { NewRoundGapSeconds = 20 } };
        Problems(v).Should().Equal("versions[6.3.0.197].procedure.newRoundGapSeconds: must be above 0 and at most the retry interval");
    }

    [Fact]
    public void Validate_HttpMethodLowerCase_NamesIt()
    {
        var http = Paper.Rules.OfType<HttpRequestRule>().First() with { Method = "get" };
        Problems(WithRules(http)).Should().Equal("versions[6.3.0.197].rules[update-http].method: must be an upper-case HTTP method");
    }
}
