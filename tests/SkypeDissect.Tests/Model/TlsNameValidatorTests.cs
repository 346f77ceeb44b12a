using SkypeDissect.Model;
using SkypeDissect.Model.Versions;

namespace SkypeDissect.Tests.Model;

/// <summary>What the validator says of tls-name rules: TCP endpoints on the ports Wireshark hands to TLS, a domain pattern.</summary>
public class TlsNameValidatorTests
{
    private static readonly TlsNameRule Rule = Skype773.Version.Rules.OfType<TlsNameRule>().Single();

    private static string V => $"versions[{Skype773.Version.Id}]";

    [Fact]
    public void Validate_TheModelsRule_HasNoProblem()
    {
        Rule.Id.Should().Be("echo-cert");
        ModelValidator.Validate(Signatures.Default).Should().BeEmpty();
    }

    [Theory]
    [InlineData(8443)]
    [InlineData(80)]
    [InlineData(40009)]
    public void Validate_PortWiresharkDoesNotHandToTls_NamesIt(int port)
    {
        ProblemsWith(Rule with { Endpoints = [new Endpoint($"tcp-{port}", Transport.Tcp, PortRange.Single(port), Rule.Provenance)] }).Should().Equal(
            $"{V}.rules[echo-cert].endpoints[tcp-{port}].ports: {port} is not a port Wireshark dissects as TLS without heuristics; use one of 443, 465, 636, 853, 993, 995, 5061, one port per endpoint");
    }

    [Fact]
    public void Validate_PortRange_NamesIt()
    {
        ProblemsWith(Rule with { Endpoints = [new Endpoint("tcp-443-465", Transport.Tcp, new PortRange(443, 465), Rule.Provenance)] }).Should().Equal(
            $"{V}.rules[echo-cert].endpoints[tcp-443-465].ports: 443-465 is not a port Wireshark dissects as TLS without heuristics; use one of 443, 465, 636, 853, 993, 995, 5061, one port per endpoint");
    }

    [Fact]
    public void Validate_UdpOrNoEndpoint_NamesIt()
    {
        ProblemsWith(Rule with { Endpoints = [new Endpoint("udp-443", Transport.Udp, PortRange.Single(443), Rule.Provenance)] }).Should().Equal(
            $"{V}.rules[echo-cert].endpoints: TLS names are read from TCP connections");
        ProblemsWith(Rule with { Endpoints = [] }).Should().Equal(
            $"{V}.rules[echo-cert].endpoints: needs at least one endpoint: a port alone never tags, nor does no port");
    }

    [Fact]
    public void Validate_MalformedPattern_NamesIt()
    {
        ProblemsWith(Rule with { Domain = Rule.Domain with { Pattern = "db{label}.gateway.messenger.live.com" } }).Should().Equal(
            $"{V}.rules[echo-cert].domain: malformed pattern: {{label}} must be a whole label: between dots or at an end of the name");
    }

    private static IEnumerable<string> ProblemsWith(TlsNameRule rule)
    {
        var version = Skype773.Version with { Rules = [.. Skype773.Version.Rules.Select(r => r.Id == rule.Id ? rule : r)] };
        return ModelValidator.Validate(new SignatureModel([version])).Select(p => p.ToString());
    }
}
