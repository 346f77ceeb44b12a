using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 8: DNS names and HTTP request lines are compared ASCII case-insensitively (docs/tagging.md
/// 1 and 3), whatever the locale Wireshark runs in. Under a Turkish locale the C library lower-cases "I" to a
/// dotless i, so a plugin using string.lower missed UI.SKYPE.COM and GETLATESTVERSION.
/// </summary>
public sealed class LocaleTests
{
    public static TheoryData<string> TurkishLocales() => [.. Locales.Turkish];

    [SkippableTheory]
    [MemberData(nameof(TurkishLocales))]
    public void UpperCaseNameAndRequest_TurkishLocale_TaggedByBoth(string locale)
    {
        var environment = Locales.Environment(locale);
        var request = Packets.Ascii("GET /ui/0/6.3.0.197/en/GETLATESTVERSION?ver=6.3.0.197 HTTP/1.1\r\nHost: UI.SKYPE.COM\r\n\r\n");
        // A login starts with the login server's name (update-http is gated on a login of the same host).
        byte[][] frames =
        [
            Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, LoginFrames.Resolver, Packets.Udp, Packets.UdpSegment(49159, 53, Dns.Query("DSN3.D.SKYPE.NET")))),
            Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, LoginFrames.Resolver, Packets.Udp, Packets.UdpSegment(49160, 53, Dns.Query("UI.SKYPE.COM")))),
            Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, "204.9.163.247", Packets.Tcp, Packets.TcpSegment(49161, 80, Packets.Data, request))),
        ];

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "locale-" + locale, environment);

        r.ShouldAgree("case is compared in ASCII under " + locale);
        r.Analyzer.Select(t => t.Rule).Should().Equal(["login-dns", "update-dns", "update-http"]);
    }

    /// <summary>
    /// tls-names carries TLS names with upper-case letters (server names and certificate names are lowercased
    /// before the match): under a Turkish locale a plugin using string.lower lost 8 of its 41 tagged frames
    /// (found by the plugin fuzz test's trick mutant 14 of seed 1, which runs under tr_TR).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TurkishLocales))]
    public void TlsNamesCase_TurkishLocale_PluginTagsItsExpectedFrames(string locale)
    {
        Tshark.Require();
        var folder = new CaseFolder("tls-names");

        var plugin = PluginRun.Tags(folder.Capture, folder.Versions, Locales.Environment(locale));

        TagRows.Difference(TagRows.Read(folder.Expected), plugin).Should().BeEmpty($"TLS names are lowercased in ASCII under {locale}");
    }
}
