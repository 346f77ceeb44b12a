using SkypeDissect.Learning;
using SkypeDissect.Model;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// The learner compares with what the base's rules do on the capture (the analyzer's engine and evaluators run
/// over it), so a fact the base holds is unchanged: learning a capture against the version made from it finds
/// nothing changed and nothing added.
/// </summary>
public sealed class LearnAgainstBaseTests
{
    private static readonly Lazy<LearnReport> SelfLazy = new(() => Learned.Learn(Learned.RealCapture, "7.7.3", "7.7.3"));

    private static LearnReport Self => SelfLazy.Value;

    [Fact]
    public void Learn_RealCapture_Against773_ChangesNothing_AddsNothing()
    {
        var statuses = LearnerCaseTests.Statuses(Self).ToList();

        statuses.Where(s => s.Status is ProposalStatus.Added or ProposalStatus.Changed).Should().BeEmpty();
        statuses.Count(s => s.Status == ProposalStatus.Unchanged).Should().BeGreaterThan(60, "every section has facts of the capture");
        Self.Rules.Where(r => r.Status == ProposalStatus.Unchanged).Select(r => r.Rule).Should().Equal(
            "login-dns", "feedback-dns", "update-dns", "echo-dns", "login-range", "login-fallback", "login-range-web", "echo-cert", "feedback-range", "feedback-fallback",
            "feedback-port", "supernode-relay", "supernode-opener", "supernode-udp", "peer-udp", "peer-retry", "peer-fallback");
    }

    [Fact]
    public void Learn_RealCapture_Against773_HoldsTheTimersTheOpenerAndTheLadder()
    {
        // What issue 10 saw reported as changed or added against 7.7.3 itself.
        var login = Self.Timing.Single(t => t.Group == GroupIds.LoginServer && t.Kind == "fallback");
        (login.Status, login.Base).Should().Be((ProposalStatus.Unchanged, "its rules take both flows of every pair (login-range, login-fallback)"));
        Self.Timing.Single(t => t.Group == GroupIds.Feedback && t.Kind == "fallback").Status.Should().Be(ProposalStatus.Unchanged);
        var opener = Self.Openers.Single(o => o.Pattern == "16 03 01 00 00" && o.Direction == "client" && o.Group == "feedback,supernode");
        opener.Status.Should().Be(ProposalStatus.Unchanged);
        opener.Note.Should().EndWith("the base's rules already take every flow it opens (feedback-range, feedback-fallback, supernode-relay): a signature of it would add nothing");
        Self.Openers.Single(o => o is { Group: GroupIds.Supernode, Ports: "13392", Direction: "client" }).Note
            .Should().Contain("the base's rule supernode-relay matches every sample");
        Self.Timing.Where(t => t.Kind is "first-attempt" or "rounds").Should().OnlyContain(t => t.Status == ProposalStatus.Unchanged);
    }

    [Fact]
    public void Learn_RealCapture_AgainstThePaper_SaysWhichRulesTagTheWrongGroups()
    {
        var rules = Learned.Real.Rules.ToDictionary(r => r.Rule);

        rules["presence-range"].Status.Should().Be(ProposalStatus.Changed);
        rules["presence-range"].Note.Should().Be("tags 9 flows and 0 DNS messages of the client; 9 of the flows belong to other groups (login-server 9); "
            + "its gate (ChannelSeen) passed on 9 of them before the login got through (two exchanges on a login flow first at frame 1277)");
        rules["presence-range"].SeenIn.Single().Frames.Should().Equal(601, 792, 899, 900, 1026, 1095, 1213, 1214, 1215);
        rules["login-range"].Status.Should().Be(ProposalStatus.Unchanged);
        rules["supernode-udp"].Note.Should().Contain("4 of the flows belong to other groups (login-server 4)");
        rules["update-http"].Status.Should().Be(ProposalStatus.NotSeen);
    }

    [Fact]
    public void Learn_HttpRequest_IsJudgedByTheBasesEvaluator_OverItsWholeRequestLine()
    {
        // The request line's text lies past byte 256 of the payload, which a matcher of the learner's own once cut
        // off; the evaluator reads the first 1024 bytes (docs/tagging.md 3).
        var lan = new Lan(seed: 0x1024);
        var server = lan.S.Remote("version-update", Cast.UpdateAddress, 0.2).On(80);
        var target = "/ui/0/6.3.0.197/en/" + new string('x', 300) + "/getlatestversion?ver=6.3.0.197";
        lan.S.At(1.0).Dns(lan.Client, lan.Router, Cast.UpdateName, [Cast.UpdateAddress]).Wait(0.002);
        for (var i = 0; i < 3; i++)
        {
            lan.S.Wait(1).Tcp(lan.Client.NextPort(), server).Handshake()
                .Send(Payloads.HttpGet(Cast.UpdateName, target, Cast.SkypeUserAgent)).Reply(Payloads.HttpOk("text/plain", "6.3.0.197")).Close();
        }

        var r = Learned.Learn(new MemoryStream(lan.S.ToPcap()), "long-get.pcap", "6.3.0.197", "6.3.0.197");

        // The opener of the group's endpoint, and the same GET repeated byte for byte.
        var get = r.Openers.Where(o => o.Group == GroupIds.VersionUpdate && o.Direction == "client" && o.Ports == "80").ToList();
        get.Should().HaveCount(2);
        get.Should().OnlyContain(o => o.Status == ProposalStatus.Unchanged && o.Note.EndsWith("the base's rules update-http, update-learned match every sample", StringComparison.Ordinal));
    }
}
