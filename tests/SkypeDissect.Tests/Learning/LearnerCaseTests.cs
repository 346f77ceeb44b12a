using SkypeDissect.Learning;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Learning;

/// <summary>Learning the built cases of tests/cases against the version they were built for: nothing new to propose.</summary>
public sealed class LearnerCaseTests
{
    [Theory]
    [InlineData("login-normal")]
    [InlineData("host-cache-no-dns")]
    [InlineData("fallback-tcp-443")]
    [InlineData("all-blocked-retry-15s")]
    [InlineData("version-check")]
    public void Learn_PaperCase_AgainstItsOwnVersion_ProposesNothingNew(string name)
    {
        var r = Learned.Case(name);

        Statuses(r).Should().NotContain(s => s.Status == ProposalStatus.Added || s.Status == ProposalStatus.Changed);
        Statuses(r).Should().Contain(s => s.Status == ProposalStatus.Unchanged);
    }

    [Fact]
    public void Learn_LoginNormal_FindsEveryStepUnchanged_WithItsFrames()
    {
        var r = Learned.Case("login-normal");

        (r.Captures[0].Client, r.Captures[0].SkypePort, r.Captures[0].Build).Should().Be(("192.168.1.23", 38562, "6.3.0.197"));
        r.Dns.Where(d => d.Status == ProposalStatus.Unchanged).Select(d => (d.Pattern, d.SeenIn.Single().Frames[0])).Should().Equal(
            ("connect.facebook.com", 128L), ("dsn{0-17}.d.skype.net", 24L), ("s.gateway.messenger.live.com", 73L), ("ui.skype.com", 93L), ("{build}.rst{0-13}.r.skype.net", 116L));
        r.OtherNames.Select(n => n.Name).Should().Equal("time.windows.com", "www.google.com", "www.msftncsi.com");
        r.Groups.Select(g => g.Group).Should().Equal(
            GroupIds.LoginServer, GroupIds.SkypeServer, GroupIds.Supernode, GroupIds.NatEcho, GroupIds.Presence, GroupIds.VersionUpdate, GroupIds.Feedback, GroupIds.Facebook, GroupIds.Peer);
        r.Endpoints.Single(e => e.Group == GroupIds.Presence && e.Flows > 0).SeenIn.Single().Frames.Should().Equal([84L], "the base's presence-learned tags it after the login's two exchanges (frames 38-42)");
        r.Endpoints.Single(e => e.Group == GroupIds.SkypeServer && e.Flows > 0).SeenIn.Single().Frames.Should().Equal(44);
        r.Endpoints.Single(e => e.Group == GroupIds.Supernode).SeenIn.Single().Frames.Should().Equal(48, 52, 53, 54);
        r.Openers.Single(o => o.Group == GroupIds.VersionUpdate && o.Direction == "client").Note.Should().Contain("update-http");
        r.Timing.Single(t => t.Kind == "first-attempt").What.Should().Be("udp/33033 to 157.55.130.147");
        r.Timing.Single(t => t.Kind == "order").Status.Should().Be(ProposalStatus.Unchanged);
        r.Unassigned.Select(u => u.Server).Should().Equal("131.107.255.255", "65.55.56.206", "74.125.128.104");
    }

    [Fact]
    public void Learn_FallbackTcp443_SeesTheBaseLadder_33033Then80Then443()
    {
        var r = Learned.Case("fallback-tcp-443");

        var fallbacks = r.Timing.Where(t => t.Kind == "fallback").ToList();
        fallbacks.Select(t => t.What).Should().Equal("tcp/33033 then tcp/80 to the same host", "tcp/80 then tcp/443 to the same host");
        fallbacks.Should().OnlyContain(t => t.Status == ProposalStatus.Unchanged && t.Count == 8 && t.Seconds == 4.0);
    }

    [Fact]
    public void Learn_NegativeCaptures_FindNoClient_AndProposeNothing()
    {
        var files = Directory.GetFiles(Path.Combine(Support.RepoPaths.Data, "negative")).Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCount(15);
        foreach (var file in files)
        {
            var r = Learned.Learn(file, "7.7.3");
            r.Captures.Single().Client.Should().BeNull(Path.GetFileName(file));
            Statuses(r).Should().BeEmpty(Path.GetFileName(file));
            r.Captures.Single().Duration.Should().BeGreaterThanOrEqualTo(0, Path.GetFileName(file));
        }
    }

    internal static IEnumerable<(string What, ProposalStatus Status)> Statuses(LearnReport r) =>
        r.Dns.Select(d => (d.Pattern, d.Status))
            .Concat(r.Networks.Select(n => (n.Network, n.Status)))
            .Concat(r.Endpoints.Select(e => ($"{e.Group} {e.Transport}/{e.FirstPort}", e.Status)))
            .Concat(r.Openers.Select(o => ($"{o.Group} {o.Transport}/{o.Ports} {o.Direction}", o.Status)))
            .Concat(r.Timing.Select(t => ($"{t.Group} {t.Kind}", t.Status)))
            .Concat(r.Rules.Select(x => ($"rule {x.Rule}", x.Status)));
}
