using SkypeDissect.Model;

namespace SkypeDissect.Tests.Generator;

/// <summary>A small capture built from explicit values and the tags docs/tagging.md demands for it.</summary>
/// <param name="Tags">Tagged frames as "frame step group rule version".</param>
/// <param name="Experts">Frames with an expert event: frame number to (kind, text).</param>
public sealed record SmokeScenario(string Name, SyntheticCapture Capture, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, (string Kind, string Text)> Experts);

/// <summary>The scenarios both tshark and the plain-Lua harness run.</summary>
public static class SmokeScenarios
{
    public const string Client = "192.168.1.10";
    private const string Resolver = "192.168.1.1";
    private const string V63 = " 6.3.0.197";

    /// <summary>The event's name and its text, as the contract words it (<see cref="TaggingContract"/>).</summary>
    private static (string Kind, string Text) Expert(ExpertInfo expert, object? argument = null) => (expert.Name, expert.Text(argument));

    /// <summary>
    /// DNS query and answer for dsn3.d.skype.net with eight addresses outside Table I (so only the
    /// learned-address path can tag them), a UDP probe to the last one on 33033, then the channel on 40035.
    /// </summary>
    public static SmokeScenario DnsLogin()
    {
        string[] answers = [.. Enumerable.Range(1, 8).Select(i => "198.51.100." + i)];
        var server = answers[^1];
        var capture = new SyntheticCapture()
            .DnsQuery(1000.00, Client, 50000, Resolver, 7, "dsn3.d.skype.net")
            .DnsAnswer(1000.05, Resolver, Client, 50000, 7, "dsn3.d.skype.net", answers)
            .Udp(1000.10, Client, 13021, server, 33033, new byte[20])
            .Tcp(1000.20, Client, 50001, server, 40035, 0x02)
            .Tcp(1000.30, server, 40035, Client, 50001, 0x12, ack: 1001);
        return new("dns-login", capture,
            [
                "1 1 login-server login-dns" + V63,
                "2 1 login-server login-dns" + V63,
                "3 1 login-server login-learned" + V63,
                "4 1 login-server login-learned" + V63,
                "5 1 login-server login-learned" + V63,
            ],
            new Dictionary<string, (string, string)> { ["5"] = Expert(TaggingContract.Complete) });
    }

    /// <summary>
    /// A host-cache login without DNS to a Table I server: the ladder with two fall-backs, a retry after
    /// 18 s, the channel, then a super node and the Skype server; a stranger on the same ports stays untagged.
    /// </summary>
    public static SmokeScenario HostCacheLogin()
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
        return new("host-cache-login", capture,
            [
                .. Enumerable.Range(1, 6).Select(n => n + " 1 login-server login-range" + V63),
                "7 2 supernode supernode-udp" + V63,
                "8 2 skype-server skype-server" + V63,
            ],
            new Dictionary<string, (string, string)>
            {
                ["2"] = Expert(TaggingContract.Fallback, "tcp-33033"),
                ["3"] = Expert(TaggingContract.Fallback, "tcp-443"),
                ["4"] = Expert(TaggingContract.Retry, 2),
                ["6"] = Expert(TaggingContract.Complete),
            });
    }

    /// <summary>
    /// The version request (section 3, http-request) during a login of the host (its gate) and its answer
    /// through flow memory; a request with another method, a lowercase method and another path stay untagged.
    /// </summary>
    public static SmokeScenario VersionRequest()
    {
        const string update = "204.9.163.247";
        static byte[] Ascii(string s) => System.Text.Encoding.ASCII.GetBytes(s);
        var capture = new SyntheticCapture()
            .Udp(2999.0, Client, 13021, "157.56.52.28", 33033, new byte[20])
            .Tcp(3000.0, Client, 50010, update, 80, 0x02)
            .Tcp(3000.1, Client, 50010, update, 80, 0x18, Ascii("GET /ui/0/6.3.0.197/en/GetLatestVersion?ver=6.3 HTTP/1.1\r\nHost: ui.skype.com\r\n\r\n"), ack: 1)
            .Tcp(3000.2, update, 80, Client, 50010, 0x18, Ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), ack: 1)
            .Tcp(3001.0, Client, 50011, update, 80, 0x18, Ascii("POST /getlatestversion HTTP/1.1\r\n\r\n"), ack: 1)
            .Tcp(3002.0, Client, 50012, update, 80, 0x18, Ascii("get /getlatestversion HTTP/1.1\r\n\r\n"), ack: 1)
            .Tcp(3003.0, Client, 50013, update, 80, 0x18, Ascii("GET /index.html HTTP/1.1\r\nX: getlatestversion\r\n\r\n"), ack: 1);
        return new("version-request", capture,
            ["1 1 login-server login-range" + V63, "3 5 version-update update-http" + V63, "4 5 version-update update-http" + V63],
            new Dictionary<string, (string, string)>());
    }

    public static IReadOnlyList<SmokeScenario> All => [DnsLogin(), HostCacheLogin(), VersionRequest()];
}
