using SkypeDissect.Model;
using SkypeDissect.Model.Versions;

namespace SkypeDissect.Tests.Model;

/// <summary>The checks of the timed-retry kind, each with its exact message, on the 7.7.3 set's peer-retry rule.</summary>
public class TimedRetryValidatorTests
{
    private const string V = "versions[7.7.3]";

    private static readonly TimedRetryRule Retry = Skype773.Version.Rules.OfType<TimedRetryRule>().Single();

    private static IReadOnlyList<string> ProblemsReplacing(Rule rule) =>
        ModelValidator.Validate(new SignatureModel([Skype773.Version with { Rules = [.. Skype773.Version.Rules.Select(r => r.Id == rule.Id ? rule : r)] }]))
            .Select(p => p.ToString()).ToList();

    [Fact]
    public void Validate_The773Set_HasNoProblem()
    {
        ModelValidator.Validate(new SignatureModel([Skype773.Version])).Should().BeEmpty();
        Retry.Should().Match<TimedRetryRule>(r => r.Id == "peer-retry" && r.MinDelaySeconds == 1 && r.MaxDelaySeconds == 1.7 && r.Gate == Gate.LoginComplete);
    }

    [Fact]
    public void Validate_RetryWithoutGate_NamesIt()
    {
        ProblemsReplacing(Retry with { Gate = Gate.None }).Should().Equal(
            $"{V}.rules[peer-retry].gate: a timed-retry rule needs a gate: besides the client's timer, the login is its only evidence");
    }

    [Fact]
    public void Validate_RetryWithoutOrOnUdpEndpoints_NamesIt()
    {
        ProblemsReplacing(Retry with { Endpoints = [] }).Should().Equal(
            $"{V}.rules[peer-retry].endpoints: needs at least one endpoint: a port alone never tags, nor does no port");
        var udp = new Endpoint("udp-high", Transport.Udp, new PortRange(1024, 65535), Retry.Provenance);
        ProblemsReplacing(Retry with { Endpoints = [udp] }).Should().Equal(
            $"{V}.rules[peer-retry].endpoints: a timed retry is a TCP connection");
    }

    [Theory]
    [InlineData(0, 1.7, "minDelaySeconds: must be above 0 and at most 60")]
    [InlineData(-1, 1.7, "minDelaySeconds: must be above 0 and at most 60")]
    [InlineData(double.NaN, 1.7, "minDelaySeconds: must be above 0 and at most 60")]
    [InlineData(1.8, 1.7, "maxDelaySeconds: must be above 0, at least minDelaySeconds and at most 60")]
    [InlineData(1, 60.5, "maxDelaySeconds: must be above 0, at least minDelaySeconds and at most 60")]
    [InlineData(1, 0, "maxDelaySeconds: must be above 0, at least minDelaySeconds and at most 60")]
    [InlineData(1, double.NaN, "maxDelaySeconds: must be above 0, at least minDelaySeconds and at most 60")]
    public void Validate_RetryDelaysOutOfRange_NamesThem(double min, double max, string problem)
    {
        ProblemsReplacing(Retry with { MinDelaySeconds = min, MaxDelaySeconds = max }).Should().Equal($"{V}.rules[peer-retry].{problem}");
    }

    [Fact]
    public void Validate_FallbackAfterTheRetry_IsAccepted_AsItTagsAtTheSyn()
    {
        TimedRetryRule.Descriptor.TagsAtSyn.Should().BeTrue();
        Skype773.Version.Rules.OfType<TimedFallbackRule>().Single(r => r.Id == "peer-fallback").After.Should().Be("peer-retry");
    }
}
