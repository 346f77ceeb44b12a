using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Model;

/// <summary>The checks of the payload-prefix and timed-fallback kinds and of <c>{label}</c>, each with its exact message.</summary>
public class NewKindValidatorTests
{
    private const string V = "versions[99.0.0.1]";

    private static readonly PayloadPrefixRule Opener = KindsTestModel.NewRules.OfType<PayloadPrefixRule>().Single(r => r.Id == "supernode-opener");
    private static readonly TimedFallbackRule Fallback = KindsTestModel.NewRules.OfType<TimedFallbackRule>().Single();

    private static IReadOnlyList<string> Problems(params Rule[] rules) =>
        ModelValidator.Validate(new SignatureModel([KindsTestModel.Version with { Rules = rules }])).Select(p => p.ToString()).ToList();

    private static IReadOnlyList<string> ProblemsReplacing(Rule rule) =>
        Problems([.. KindsTestModel.Version.Rules.Select(r => r.Id == rule.Id ? rule : r)]);

    [Fact]
    public void Validate_TestModel_HasNoProblem()
    {
        ModelValidator.Validate(KindsTestModel.Model).Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "must be 1-64 bytes")]
    [InlineData("16 3", "byte 2 '3' is not two hex digits")]
    [InlineData("16  03", "byte 2 '' is not two hex digits")]
    [InlineData("16 0g", "byte 2 '0g' is not two hex digits")]
    [InlineData("160301", "byte 1 '160301' is not two hex digits")]
    public void Validate_MalformedPrefix_NamesIt(string prefix, string why)
    {
        ProblemsReplacing(Opener with { Prefix = prefix, ExactLength = null }).Should().Equal(
            $"{V}.rules[supernode-opener].prefix: {why}: write 1-64 two-digit hex bytes separated by single spaces, like 16 03 01 00 00");
    }

    [Fact]
    public void Validate_PrefixOf65Bytes_NamesIt()
    {
        var prefix = string.Join(' ', Enumerable.Repeat("ab", 65));
        ProblemsReplacing(Opener with { Prefix = prefix, ExactLength = null }).Should().Equal(
            $"{V}.rules[supernode-opener].prefix: must be 1-64 bytes: write 1-64 two-digit hex bytes separated by single spaces, like 16 03 01 00 00");
        ProblemsReplacing(Opener with { Prefix = string.Join(' ', Enumerable.Repeat("AB", 64)), ExactLength = null }).Should().BeEmpty();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_ExactLengthShorterThanPrefixOrTooLong_NamesIt(int length)
    {
        ProblemsReplacing(Opener with { ExactLength = length }).Should().Equal(
            $"{V}.rules[supernode-opener].exactLength: must be at least the prefix's length and at most 65535 when given");
    }

    [Fact]
    public void Validate_UngatedPrefixOnAnyPort_NamesIt()
    {
        ProblemsReplacing(Opener with { Gate = Gate.None }).Should().Equal(
            $"{V}.rules[supernode-opener].gate: a payload-prefix rule on any port needs a gate: a few bytes alone are weak evidence");
        ProblemsReplacing(Opener with { Gate = Gate.None, Endpoints = [KindsTestModel.Tcp(13392)] }).Should().BeEmpty();
    }

    [Fact]
    public void Validate_PrefixOnUdp_NamesIt()
    {
        var udp = new Endpoint("udp-13021", Transport.Udp, PortRange.Single(13021), KindsTestModel.Tcp(1).Provenance);
        ProblemsReplacing(Opener with { Endpoints = [udp] }).Should().Equal(
            $"{V}.rules[supernode-opener].endpoints: payload prefixes are matched on TCP");
    }

    [Fact]
    public void Validate_FallbackAfterUnknownOrLaterRule_NamesIt()
    {
        ProblemsReplacing(Fallback with { After = "login-range" }).Should().Equal(
            $"{V}.rules[feedback-fallback].after: 'login-range' is not a rule listed before this one");
        ProblemsReplacing(Fallback with { After = "feedback-fallback" }).Should().Equal(
            $"{V}.rules[feedback-fallback].after: 'feedback-fallback' is not a rule listed before this one");
    }

    [Fact]
    public void Validate_FallbackAfterDnsRule_NamesIt()
    {
        ProblemsReplacing(Fallback with { After = "gateway-dns" }).Should().Equal(
            $"{V}.rules[feedback-fallback].after: 'gateway-dns' is a dns-name rule: a fall-back follows a connection tagged at its SYN (learned-address, address-range, after-login or timed-fallback)");
    }

    [Fact]
    public void Validate_FallbackAfterUdpOnlyRule_NamesIt()
    {
        var range = KindsTestModel.NewRules.OfType<AddressRangeRule>().Single();
        var udp = new Endpoint("udp-12350", Transport.Udp, PortRange.Single(12350), range.Provenance);
        ProblemsReplacing(range with { Endpoints = [udp] }).Should().Equal(
            $"{V}.rules[feedback-fallback].after: 'feedback-range' has no TCP endpoint, so it never tags a TCP connection");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(60.5)]
    [InlineData(double.NaN)]
    public void Validate_FallbackDelayOutOfRange_NamesIt(double delay)
    {
        ProblemsReplacing(Fallback with { MaxDelaySeconds = delay }).Should().Equal(
            $"{V}.rules[feedback-fallback].maxDelaySeconds: must be above 0 and at most 60");
    }

    [Fact]
    public void Validate_FallbackWithoutOrOnUdpEndpoints_NamesIt()
    {
        ProblemsReplacing(Fallback with { Endpoints = [] }).Should().Equal(
            $"{V}.rules[feedback-fallback].endpoints: needs at least one endpoint: a port alone never tags, nor does no port");
        var udp = new Endpoint("udp-443", Transport.Udp, PortRange.Single(443), Fallback.Provenance);
        ProblemsReplacing(Fallback with { Endpoints = [udp] }).Should().Equal(
            $"{V}.rules[feedback-fallback].endpoints: a timed fall-back is a TCP connection");
    }

    [Theory]
    [InlineData("db{label}.gateway.messenger.live.com")]
    [InlineData("{label}x.gateway.messenger.live.com")]
    [InlineData("s{label}")]
    public void Validate_LabelNotWhole_NamesIt(string pattern)
    {
        var dns = KindsTestModel.NewRules.OfType<DnsNameRule>().Single();
        ProblemsReplacing(dns with { Domain = dns.Domain with { Pattern = pattern } }).Should().Equal(
            $"{V}.rules[gateway-dns].domain: malformed pattern: {{label}} must be a whole label: between dots or at an end of the name");
    }
}
