using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The committed plugin in tshark on small captures built from explicit values, and on the negative
/// captures. The full test cases and the parity with the analyzer live elsewhere.
/// </summary>
public sealed class PluginSmokeTests : IDisposable
{
    private static readonly string[] TagFields = ["frame.number", "skypelogin.step", "skypelogin.group", "skypelogin.rule", "skypelogin.version"];

    private const string Client = "192.168.1.10";
    private const string Resolver = "192.168.1.1";
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-smoke-");

    public void Dispose() => temp.Delete(recursive: true);

    /// <summary>
    /// DNS query and answer (eight addresses outside Table I, so only the learned-address path can tag
    /// them), a UDP probe to the last address on 33033, then the channel on 40035 (docs/tagging.md 3, 4).
    /// </summary>
    private string DnsLoginCapture()
    {
        string[] answers = [.. Enumerable.Range(1, 8).Select(i => "198.51.100." + i)];
        var server = answers[^1];
        var capture = new SyntheticCapture()
            .Udp(1000.00, Client, 50000, Resolver, 53, SyntheticCapture.Dns(7, "dsn3.d.skype.net", response: false))
            .Udp(1000.05, Resolver, 53, Client, 50000, SyntheticCapture.Dns(7, "dsn3.d.skype.net", response: true, answers))
            .Udp(1000.10, Client, 13021, server, 33033, new byte[20])
            .Tcp(1000.20, Client, 50001, server, 40035, 0x02)
            .Tcp(1000.30, server, 40035, Client, 50001, 0x12, ack: 1001);
        return Write("dns-login.pcap", capture);
    }

    [SkippableFact]
    public void DnsLogin_TagsEveryFrameAsTheContractDemands()
    {
        var result = Tshark.Run(DnsLoginCapture(), RepoPaths.Plugin, TagFields, "skypelogin");

        result.ExitCode.Should().Be(0, result.StandardError);
        Lines(result).Should().Equal(
            "1 1 login-server login-dns 6.3.0.197",
            "2 1 login-server login-dns 6.3.0.197",
            "3 1 login-server login-learned 6.3.0.197",
            "4 1 login-server login-learned 6.3.0.197",
            "5 1 login-server login-learned 6.3.0.197");
    }

    [SkippableFact]
    public void DnsLogin_RaisesNoLuaErrorAndMarksTheCompletedLogin()
    {
        var capture = DnsLoginCapture();
        var errors = Tshark.Run(capture, RepoPaths.Plugin, ["frame.number"], "_ws.lua.error");
        errors.Rows.Should().BeEmpty();
        errors.StandardError.Should().NotContainAny("Lua", "lua_");

        var complete = Tshark.Run(capture, RepoPaths.Plugin, ["frame.number", "skypelogin.client"], "skypelogin.expert.complete");
        Lines(complete).Should().Equal("5 " + Client);
    }

    [SkippableFact]
    public void DisabledVersion_TagsWithTheNextEnabledVersion()
    {
        var result = Tshark.Run(DnsLoginCapture(), RepoPaths.Plugin, TagFields, "skypelogin",
            ["-o", "skypelogin.enable_6_3_0_197:FALSE"]);
        Lines(result).Should().OnlyContain(l => l.EndsWith(" 5.6.0.106", StringComparison.Ordinal)).And.HaveCount(5);
    }

    /// <summary>
    /// A host-cache login without DNS to a Table I server: the ladder with two fall-backs, a retry after
    /// 18 s, the channel, then a super node and the Skype server; a stranger on the same ports stays untagged.
    /// </summary>
    [SkippableFact]
    public void HostCacheLogin_FollowsTheLadderAndItsExperts()
    {
        const string server = "157.56.52.28";
        var capture = new SyntheticCapture()
            .Udp(2000.0, Client, 13021, server, 33033, new byte[20])
            .Tcp(2001.0, Client, 50001, server, 33033, 0x02)
            .Tcp(2002.0, Client, 50002, server, 443, 0x02)
            .Udp(2020.0, Client, 13021, server, 33033, new byte[20])
            .Tcp(2021.0, Client, 50003, server, 40035, 0x02)
            .Tcp(2021.1, server, 40035, Client, 50003, 0x12, ack: 1001)
            .Udp(2022.0, Client, 13021, "203.0.113.5", 40000, new byte[30])
            .Tcp(2023.0, Client, 50004, "203.0.113.9", 33033, 0x02)
            .Udp(2024.0, "192.168.1.99", 13021, "203.0.113.5", 40000, new byte[30]);
        string[] fields = [.. TagFields, "skypelogin.expert.fallback", "skypelogin.expert.retry", "skypelogin.expert.complete", "_ws.expert.message"];

        var result = Tshark.Run(Write("host-cache.pcap", capture), RepoPaths.Plugin, fields, "skypelogin");

        result.Rows.Select(r => string.Join(' ', r.Take(5))).Should().Equal(
            "1 1 login-server login-range 6.3.0.197",
            "2 1 login-server login-range 6.3.0.197",
            "3 1 login-server login-range 6.3.0.197",
            "4 1 login-server login-range 6.3.0.197",
            "5 1 login-server login-range 6.3.0.197",
            "6 1 login-server login-range 6.3.0.197",
            "7 2 supernode supernode-udp 6.3.0.197",
            "8 2 skype-server skype-server 6.3.0.197");
        var experts = result.Rows.ToDictionary(r => r[0], r => (Fallback: r[5] != "", Retry: r[6] != "", Complete: r[7] != "", Message: r[8]));
        experts.Where(e => e.Value.Fallback).Select(e => e.Key).Should().Equal("2", "3");
        experts.Where(e => e.Value.Retry).Select(e => e.Key).Should().Equal("4");
        experts.Where(e => e.Value.Complete).Select(e => e.Key).Should().Equal("6");
        experts["2"].Message.Should().Contain("Fall-back to tcp-33033");
        experts["3"].Message.Should().Contain("Fall-back to tcp-443");
        experts["4"].Message.Should().Contain("Retry round 2");
    }

    [SkippableFact]
    public void SummaryArgument_PrintsTheClientsSteps()
    {
        var result = Tshark.Run(DnsLoginCapture(), RepoPaths.Plugin, ["frame.number"], null, ["-q", "-X", "lua_script1:summary"]);
        var text = string.Join('\n', result.Rows.Select(r => string.Join('\t', r)));
        text.Should().Contain("Client " + Client + ": 5 frames");
        text.Should().Contain("  step 1: 5 frames  Check user name and password with the login server");
        text.Should().Contain("events: Login complete");
    }

    private static readonly string[] NegativeNames =
    [
        "badpackets.pcap", "bittorrent.pcap", "dns.pcap", "facebook.pcap", "http.pcapng", "http_ipv6.pcap",
        "ip_fragmented_garbage.pcap", "malformed_dns.pcap", "quic.pcap", "sip.pcap", "stun.pcap", "viber.pcap",
        "webex.pcap", "whatsapp_login_call.pcap", "zoom.pcap",
    ];

    public static TheoryData<string> NegativeCaptures() => new(NegativeNames);

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

    private string Write(string name, SyntheticCapture capture)
    {
        var path = Path.Combine(temp.FullName, name);
        capture.WriteTo(path);
        return path;
    }

    private static IReadOnlyList<string> Lines(TsharkResult result) => [.. result.Rows.Select(r => string.Join(' ', r))];
}
