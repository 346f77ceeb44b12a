using SkypeDissect.Analyzer;
using Signatures = SkypeDissect.Model.Signatures;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Learning;

/// <summary>
/// The 7.7.3 signatures describe the client, not the capture: sessions derived from the real capture (other
/// servers of the same /24 networks, other name indexes and build, another client address and Skype port,
/// shifted times; feedback servers outside Skype's /21) are tagged frame for frame as the original's reviewed
/// expected.tsv, by the analyzer and by tshark with the plugin, with the 7.7.3 set alone.
/// </summary>
public sealed class Skype773VariantTests
{
    private static readonly IReadOnlySet<string> Only773 = new HashSet<string>(StringComparer.Ordinal) { "7.7.3" };

    private static readonly CaseFolder Real = new("real-skype-7.7.3");

    public static TheoryData<string> Variants() => new(["another-day", "far-hosts", "other-client", "feedback-elsewhere"]);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Analyzer_TagsTheVariant_AsTheOriginal(string variant)
    {
        var actual = AnalyzerParityTests.Tags(Derive(variant), Only773);

        TagRows.Difference(Expected(variant), actual).Should().BeEmpty($"the {variant} session is the same client's login");
    }

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Plugin_TagsTheVariant_AsTheOriginal(string variant)
    {
        Tshark.Require();
        var path = Path.Combine(Path.GetTempPath(), $"skypedissect-variant-{variant}-{Environment.ProcessId}.pcap");
        File.WriteAllBytes(path, Derive(variant));
        try
        {
            var actual = PluginRun.Tags(path, Only773);

            TagRows.Difference(Expected(variant), actual).Should().BeEmpty($"the {variant} session is the same client's login");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_ChangesServersOrClient(string variant)
    {
        var original = Login(File.ReadAllBytes(Real.Capture));
        var derived = Login(Derive(variant));

        derived.Should().NotEqual(original, "a variant that changed nothing would show nothing");
    }

    /// <summary>
    /// The reviewed rows; with the feedback servers outside Skype's /21 (as in another session of 7.7.3), the same frames
    /// are tagged by the rules that hold wherever the server is: 12350 during the login, and its 443 fall-back.
    /// </summary>
    private static IReadOnlyList<TagRow> Expected(string variant) =>
        [.. TagRows.Read(Real.Expected).Select(r => variant != "feedback-elsewhere" ? r : r.Rule switch
        {
            "feedback-range" => r with { Rule = "feedback-port" },
            "feedback-fallback" => r with { Rule = "feedback-port-fallback" },
            _ => r,
        })];

    /// <summary>The client, the server and the client port of every tagged frame.</summary>
    private static List<string> Login(byte[] capture) =>
        [.. CaptureTagger.Analyze(new MemoryStream(capture), Signatures.Default, new TagOptions { EnabledVersions = Only773 })
            .Select(f => $"{f.Tag.Frame} {f.Client}:{f.ClientPort} {f.Server}:{f.ServerPort}")];

    private static byte[] Derive(string variant) => CaptureVariant.Derive(File.ReadAllBytes(Real.Capture), variant switch
    {
        // The next host of each server's /24, another client and Skype port, other indexes and build, a day later.
        "another-day" => new CaptureVariant.Changes(
            a => Public(a) ? a ^ 1 : a == Client ? Client + 43 : a,
            p => p == 13021 ? 24011 : p,
            86_400_250_000,
            [Swap("dsn13", "dsn16"), Swap("rst11", "rst12"), Swap("335.0.7.7.3", "336.0.7.8.5")]),

        // Servers 100 hosts further in their /24 (outside Table I's host ranges), other indexes, a week earlier.
        "far-hosts" => new CaptureVariant.Changes(
            a => Public(a) ? (a & 0xFFFFFF00u) | ((a + 100) & 0xFF) : a,
            p => p,
            -7 * 86_400_000_000L,
            [Swap("dsn13", "dsn17"), Swap("rst11", "rst13"), Swap("rst0", "rst9"), Swap("DB3MSGR5011709", "BY2MSGR6022810")]),

        // A client on another network, another Skype port and other ephemeral ports, 3.5 s later.
        "other-client" => new CaptureVariant.Changes(
            a => a == Client ? (10u << 24) | 77 : a,
            p => p == 13021 ? 50123 : p is >= 49152 and <= 65535 && p != 50123 ? p - 1000 : p,
            3_500_000,
            [Swap("335.0.7.7.3", "412.0.8.1.9")]),

        // The feedback servers of 91.190.216.0/21 in another provider's network (52.114.0.0/21), two days later.
        "feedback-elsewhere" => new CaptureVariant.Changes(
            a => a >> 11 == Feedback >> 11 ? (52u << 24) | (114u << 16) | (a & 0x7FF) : a,
            p => p,
            2 * 86_400_000_000L,
            []),
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    });

    private const uint Client = (192u << 24) | (168 << 16) | (1 << 8) | 34;

    private const uint Feedback = (91u << 24) | (190 << 16) | (216 << 8);

    /// <summary>Servers on the Internet, but the one a DNS answer names (its bytes sit in DNS payloads too).</summary>
    private static bool Public(uint a) =>
        (a >> 16) != ((192u << 8) | 168) && a != ((23u << 24) | (206 << 16) | (33 << 8) | 166) && a >> 28 < 14;

    private static (byte[] From, byte[] To) Swap(string from, string to) => (CaptureVariant.Labels(from), CaptureVariant.Labels(to));
}
