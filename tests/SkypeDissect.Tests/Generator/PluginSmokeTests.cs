using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The committed plugin in tshark on small captures built from explicit values, and on the negative
/// captures. The full test cases and the parity with the analyzer live elsewhere.
/// </summary>
public sealed class PluginSmokeTests : IDisposable
{
    private static readonly string[] TagFields = [.. PluginRun.TagFields];

    private static readonly string[] ExpertFields = [.. TaggingContract.Experts.Select(e => e.Field), "_ws.expert.message"];

    private static readonly string[] NegativeNames =
    [
        "badpackets.pcap", "bittorrent.pcap", "dns.pcap", "facebook.pcap", "http.pcapng", "http_ipv6.pcap",
        "ip_fragmented_garbage.pcap", "malformed_dns.pcap", "quic.pcap", "sip.pcap", "stun.pcap", "viber.pcap",
        "webex.pcap", "whatsapp_login_call.pcap", "zoom.pcap",
    ];

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-smoke-");

    public void Dispose() => temp.Delete(recursive: true);

    public static TheoryData<string> Scenarios() => new(SmokeScenarios.All.Select(s => s.Name));

    public static TheoryData<string> NegativeCaptures() => new(NegativeNames);

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_TagsAndExpertsAreWhatTheContractDemands(string name)
    {
        var scenario = SmokeScenarios.All.Single(s => s.Name == name);

        var result = Tshark.Run(Write(scenario), RepoPaths.Plugin, [.. TagFields, .. ExpertFields], "skypelogin");

        result.ExitCode.Should().Be(0, result.StandardError);
        result.Rows.Select(r => string.Join(' ', r.Take(5))).Should().Equal(scenario.Tags);
        var kinds = TaggingContract.Experts.Select(e => e.Name).ToList();
        var experts = result.Rows
            .Select(r => (Frame: r[0], Kinds: kinds.Where((_, i) => r[5 + i].Length > 0).ToList(), Message: r[8]))
            .Where(e => e.Kinds.Count > 0)
            .ToList();
        experts.Select(e => e.Frame).Should().Equal(scenario.Experts.Keys);
        foreach (var (frame, kindsSeen, message) in experts)
        {
            kindsSeen.Should().Equal(scenario.Experts[frame].Kind);
            message.Should().Contain(scenario.Experts[frame].Text);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_RaisesNoLuaError(string name)
    {
        var result = Tshark.Run(Write(SmokeScenarios.All.Single(s => s.Name == name)), RepoPaths.Plugin, ["frame.number"], "_ws.lua.error");

        result.Rows.Should().BeEmpty();
        result.StandardError.Should().NotContainAny("Lua", "lua_");
    }

    [SkippableFact]
    public void DisabledVersion_TagsWithTheNextEnabledVersion()
    {
        var result = Tshark.Run(Write(SmokeScenarios.DnsLogin()), RepoPaths.Plugin, TagFields, "skypelogin",
            ["-o", "skypelogin.enable_6_3_0_197:FALSE"]);

        result.Rows.Select(r => string.Join(' ', r)).Should().Equal(
            SmokeScenarios.DnsLogin().Tags.Select(t => t.Replace("6.3.0.197", "5.6.0.106", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void TwoPasses_ReplayTheSameTags()
    {
        var scenario = SmokeScenarios.HostCacheLogin();

        var result = Tshark.Run(Write(scenario), RepoPaths.Plugin, TagFields, "skypelogin", ["-2"]);

        result.Rows.Select(r => string.Join(' ', r)).Should().Equal(scenario.Tags);
    }

    [SkippableFact]
    public void SummaryArgument_PrintsTheClientsSteps()
    {
        var result = Tshark.Run(Write(SmokeScenarios.DnsLogin()), RepoPaths.Plugin, ["frame.number"], null, ["-q", "-X", "lua_script1:summary"]);

        var text = string.Join('\n', result.Rows.Select(r => string.Join('\t', r)));
        text.Should().Contain("Client " + SmokeScenarios.Client + ": 5 frames");
        text.Should().Contain("  step 1: 5 frames  Check user name and password with the login server");
        text.Should().Contain("events: Login complete");
    }

    [SkippableTheory]
    [MemberData(nameof(NegativeCaptures))]
    public void NegativeCapture_TagsNothingAndRaisesNoLuaError(string name)
    {
        var capture = Path.Combine(SharedCaptures.Root, "negative", name);
        File.Exists(capture).Should().BeTrue();

        var result = Tshark.Run(capture, RepoPaths.Plugin, ["frame.number", "skypelogin.rule", "_ws.lua.error"], "skypelogin || _ws.lua.error");

        result.Rows.Should().BeEmpty();
        result.StandardError.Should().NotContainAny("Lua", "lua_");
    }

    [SkippableFact]
    public void NegativeCaptures_AreAllListed()
    {
        SharedCaptures.Negative.Select(Path.GetFileName).Should().BeEquivalentTo(NegativeNames);
    }

    private string Write(SmokeScenario scenario)
    {
        var path = Path.Combine(temp.FullName, scenario.Name + ".pcap");
        scenario.Capture.WriteTo(path);
        return path;
    }
}
