using SkypeDissect.Model;
using SkypeDissect.Model.Versions;

namespace SkypeDissect.Tests.Support;

/// <summary>
/// A test-only client version that uses the rule kinds and placeholder added for 7.7.3 (payload-prefix,
/// timed-fallback, <c>{label}</c>) ahead of the paper's 6.3 rules, so both implementations can be checked on
/// them before a real version of the model uses them. Values follow docs/skype-7.7.3.md section 5.
/// </summary>
public static class KindsTestModel
{
    public const string VersionId = "99.0.0.1";

    private static readonly Provenance Test = Provenance.Decision("test-only version exercising the new rule kinds");

    public static Endpoint Tcp(int port) => new($"tcp-{port}", Transport.Tcp, PortRange.Single(port), Test);

    public static AddressRange FeedbackNetwork { get; } = new("91.190.216", 0, 255, "Skype", "Luxembourg", Test);

    public static IReadOnlyList<Rule> NewRules { get; } =
    [
        new DnsNameRule("gateway-dns", 3, GroupIds.NatEcho, Gate.None,
            new DomainPattern("{label}.gateway.messenger.live.com", Test), "Messenger gateway names of any data centre", Test),
        new AddressRangeRule("feedback-range", 6, GroupIds.Feedback, Gate.None, [FeedbackNetwork], [Tcp(12350)],
            "Feedback servers of Skype's network on 12350", Test),
        new TimedFallbackRule("feedback-fallback", 6, GroupIds.Feedback, Gate.None, "feedback-range", 3, [Tcp(443)],
            "Feedback on 443 to the same server within 3 s", Test),
        new PayloadPrefixRule("opener-443", 2, GroupIds.SkypeServer, Gate.None, "80 46 01 03 01", null, [Tcp(443)],
            "SSLv2-framed hello on 443", Test),
        new PayloadPrefixRule("supernode-opener", 2, GroupIds.Supernode, Gate.LoginComplete, "16 03 01 00 00", 5, [],
            "Fake TLS opener of exactly 5 bytes on any port after the login", Test),
    ];

    public static ClientVersion Version { get; } = PaperVersions.Skype6_3 with
    {
        Id = VersionId,
        Description = "test-only: the 7.7.3 rule kinds ahead of the 6.3 rules",
        Rules = [.. NewRules, .. PaperVersions.Skype6_3.Rules],
    };

    public static SignatureModel Model { get; } = new([Version]);
}
