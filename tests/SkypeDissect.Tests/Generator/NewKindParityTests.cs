using SkypeDissect.Analyzer;
using SkypeDissect.Generator;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The payload-prefix and timed-fallback kinds and {label} in both implementations: a plugin generated from the
/// test model into a temporary folder runs in tshark on <see cref="NewKindScenario"/>, and must tag exactly the
/// frames the analyzer tags with the same model.
/// </summary>
public sealed class NewKindParityTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-kinds-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void Analyzer_TagsTheHitsAndNoneOfTheNearMisses()
    {
        var rows = AnalyzerRows(NewKindScenario.Build().ToPcap());
        var byRule = rows.GroupBy(r => r.Rule).ToDictionary(g => g.Key, g => string.Join(",", g.Select(r => r.Frame)));

        byRule.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            // 1-2 the one-label name, 4 the 63-character label; not 3 (two labels).
            ["gateway-dns"] = "1,2,4",
            // 5 the 12350 SYN, 6 its retransmission (the same ports: the opening keeps 5's time).
            ["feedback-range"] = "5,6",
            // 7 the 443 SYN 1.61 s after 5, then its connection; not 11 (the neighbour address), nor 14 (3.5 s after 5).
            ["feedback-fallback"] = "7,8,9,10,12,13",
            // 18 the first payload starts with the SSLv2 hello; not 26 (second payload), nor 30 (port 8443).
            ["opener-443"] = "18,19,20,21",
            ["login-range"] = "35,36,37,38,39,40,41,42,43",
            // 47 the 5-byte opener after the login; not 34 (before it), 54 (6 bytes) nor 59 (second payload).
            ["supernode-opener"] = "47,48,49,50",
        });
    }

    [SkippableFact]
    public void Plugin_TagsAsTheAnalyzer()
    {
        var pcap = NewKindScenario.Build().ToPcap();

        PluginRows(pcap, "kinds.pcap").Should().Equal(AnalyzerRows(pcap));
    }

    [Fact]
    public void Analyzer_ForgetsIdleFlowsAndDirections_AndKeepsUsedOnes()
    {
        const double t = Scenario.EpochSeconds + IdleScenario.Start;
        var frames = CaptureTagger.Analyze(new MemoryStream(IdleScenario.Build().ToPcap()), KindsTestModel.Model).ToList();
        string RulesAt(double from, double to) => string.Join(",", frames
            .Where(f => f.Time >= from && f.Time < to && f.Tag.Group != "login-server").Select(f => f.Tag.Rule).Distinct());

        RulesAt(t + 2999, t + 3001).Should().Be("feedback-fallback");  // flow memory kept for 2,998.5 s
        RulesAt(t + 3500, t + 3600).Should().BeEmpty();                // direction kept for 3,500 s
        RulesAt(t + 3699, t + 3701).Should().Be("supernode-opener");   // direction forgotten after 3,689 s: a first payload
        frames.Count(f => f.Time >= t + 3699 && f.Time < t + 3701 && f.Tag.Group != "login-server").Should().Be(3); // the opener, then by flow memory the reply and its ACK
        RulesAt(t + 6599, t + 6601).Should().BeEmpty();                // direction kept by the ACK at t + 3,010
        RulesAt(t + 6699, t + 7000).Should().BeEmpty();                // flow memory forgotten after 3,700 s
    }

    [SkippableFact]
    public void Plugin_ExpiresAsTheAnalyzer()
    {
        var pcap = IdleScenario.Build().ToPcap();
        var analyzer = AnalyzerRows(pcap);

        analyzer.Should().Contain(r => r.Rule == "supernode-opener");
        PluginRows(pcap, "idle.pcap").Should().Equal(analyzer);
    }

    [Fact]
    public void Plugin_OfThePapersVersions_HasNoneOfTheUnusedKinds()
    {
        // The paper's versions use none of the new kinds; the default model does since 7.7.3 joined it.
        var paper = new SkypeDissect.Model.SignatureModel([SkypeDissect.Model.Versions.PaperVersions.Skype6_3, SkypeDissect.Model.Versions.PaperVersions.Skype5_6]);
        var text = LuaPluginGenerator.Generate(paper)[LuaPluginGenerator.PluginFileName];
        LuaPluginGenerator.Generate(SkypeDissect.Model.Signatures.Default)[LuaPluginGenerator.PluginFileName]
            .Should().Contain("local function match_payload_prefix(").And.Contain("local function match_timed_fallback(");
        var kinds = LuaPluginGenerator.Generate(KindsTestModel.Model)[LuaPluginGenerator.PluginFileName];

        text.Should().NotContainAny("match_payload_prefix", "match_timed_fallback", "payload_prefix =", "timed_fallback =", "payload_seen", "openings", "tag == \"label\"");
        kinds.Should().Contain("local function match_payload_prefix(").And.Contain("local function match_timed_fallback(")
            .And.Contain("tag == \"label\"").And.Contain("    payload_prefix = { bit = ").And.Contain("    timed_fallback = { bit = ");
    }

    // tshark with a plugin generated from the test model, on the capture written to the temporary folder.
    private List<TagRow> PluginRows(byte[] pcap, string fileName)
    {
        var capture = Path.Combine(temp.FullName, fileName);
        File.WriteAllBytes(capture, pcap);
        var plugin = Path.Combine(temp.FullName, LuaPluginGenerator.PluginFileName);
        File.WriteAllText(plugin, LuaPluginGenerator.Generate(KindsTestModel.Model)[LuaPluginGenerator.PluginFileName]);

        var result = Tshark.Run(capture, plugin, PluginRun.TagFields, "skypelogin");

        result.ExitCode.Should().Be(0, result.StandardError);
        PluginRun.LuaComplaints(result.StandardError).Should().BeEmpty();
        return [.. result.Rows.Select(r => TagRow.Parse(r, "tshark"))];
    }

    private static List<TagRow> AnalyzerRows(byte[] pcap) =>
        [.. CaptureTagger.Tag(new MemoryStream(pcap), KindsTestModel.Model).Select(t => new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version))];
}
