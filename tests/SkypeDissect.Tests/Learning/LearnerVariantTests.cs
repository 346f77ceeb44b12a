using SkypeDissect.Learning;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// The learner describes the client, not the capture: another session of 7.7.3 (other servers of the same
/// networks, another client address and Skype port, other name indexes and build, another day) yields the
/// same proposals: the same patterns, endpoints, openers, statuses and delays.
/// </summary>
public sealed class LearnerVariantTests
{
    private static readonly Lazy<LearnReport> VariantLazy = new(() =>
    {
        var changes = new CaptureVariant.Changes(
            Address,
            port => port == 13021 ? 24011 : port,
            ShiftMicroseconds: 86_400_250_000,
            DnsSwaps:
            [
                (CaptureVariant.Labels("dsn13"), CaptureVariant.Labels("dsn16")),
                (CaptureVariant.Labels("rst11"), CaptureVariant.Labels("rst12")),
                (CaptureVariant.Labels("335.0.7.7.3"), CaptureVariant.Labels("336.0.7.8.5")),
            ]);
        var bytes = CaptureVariant.Derive(File.ReadAllBytes(Learned.RealCapture), changes);
        return Learned.Learn(new MemoryStream(bytes), "variant.pcap", "7.7.3");
    });

    private static LearnReport Original => Learned.Real;

    private static LearnReport Variant => VariantLazy.Value;

    [Fact]
    public void Variant_HasAnotherClientPortAndBuild()
    {
        (Variant.Captures[0].Client, Variant.Captures[0].SkypePort, Variant.Captures[0].Build).Should().Be(("192.168.1.77", 24011, "336.0.7.8.5"));
    }

    [Fact]
    public void Variant_DnsFamilies_AreTheSamePatternsWithTheSameStatuses()
    {
        Variant.Dns.Select(d => (d.Pattern, d.Group, d.Status, d.AssignedBy)).Should().Equal(Original.Dns.Select(d => (d.Pattern, d.Group, d.Status, d.AssignedBy)));
        Variant.Dns.Single(d => d.Group == GroupIds.Feedback).Names.Select(n => n.Name)
            .Should().Equal("336.0.7.8.5.rst0.r.skype.net", "336.0.7.8.5.rst12.r.skype.net");
    }

    [Fact]
    public void Variant_EndpointsOpenersAndGroupCounts_AreTheSame()
    {
        Variant.Endpoints.Select(e => (e.Group, e.Transport, e.FirstPort, e.LastPort, e.Status, e.Flows)).Should().Equal(
            Original.Endpoints.Select(e => (e.Group, e.Transport, e.FirstPort, e.LastPort, e.Status, e.Flows)));
        Variant.Openers.Select(o => (o.Group, o.Transport, o.Ports, o.Direction, o.Pattern, o.Status)).Should().Equal(
            Original.Openers.Select(o => (o.Group, o.Transport, o.Ports, o.Direction, o.Pattern, o.Status)));
        Variant.Groups.Should().BeEquivalentTo(Original.Groups, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Variant_TimingIsTheSame_AfterADayAndAQuarterSecond()
    {
        Variant.Timing.Select(t => (t.Group, t.Kind, t.Status, t.Count)).Should().Equal(Original.Timing.Select(t => (t.Group, t.Kind, t.Status, t.Count)));
        var fallback = Variant.Timing.Single(t => t.Kind == "fallback" && t.Group == GroupIds.LoginServer);
        fallback.MinSeconds.Should().BeApproximately(1.602857, 1e-6);
        fallback.MaxSeconds.Should().BeApproximately(1.612797, 1e-6);
    }

    [Fact]
    public void Variant_NetworksKeepTheirStatus_WithOtherHosts()
    {
        Variant.Networks.Select(n => (n.Network, n.Status)).Should().Equal(Original.Networks.Select(n => (n.Network, n.Status)));
        Variant.Networks.Single(n => n.Network == "111.221.74").Hosts.Should().NotEqual(Original.Networks.Single(n => n.Network == "111.221.74").Hosts);
    }

    /// <summary>Another client address; every public server the next host of its /24 (lowest bit flipped), except the one a DNS answer names.</summary>
    private static uint Address(uint a)
    {
        const uint Client = (192u << 24) | (168 << 16) | (1 << 8) | 34;
        const uint Answered = (23u << 24) | (206 << 16) | (33 << 8) | 166; // e4593.g.akamaiedge.net's answer, written in DNS payloads
        if (a == Client)
        {
            return Client + 43;
        }

        return (a >> 16) == ((192u << 8) | 168) || a == Answered || a >> 28 >= 14 ? a : a ^ 1;
    }
}
