using SkypeDissect.Tests.Captures.Scenarios;

namespace SkypeDissect.Tests.Captures;

/// <summary>A case folder under tests/cases and the scenario that builds its capture.</summary>
public sealed record CaseScenario(string Name, string Source, Func<Scenario> Build);

/// <summary>
/// Every built case: the folder name, the scenario method (named in the case README) and the method itself.
/// A test checks that each folder under tests/cases with a built capture is listed here and vice versa.
/// </summary>
public static class CaseCatalog
{
    public static IReadOnlyList<CaseScenario> All { get; } =
    [
        new("login-normal", "LoginCases.LoginNormal", LoginCases.LoginNormal),
        new("host-cache-no-dns", "LoginCases.HostCacheNoDns", LoginCases.HostCacheNoDns),
        new("vlan-8021q", "LoginCases.Vlan8021Q", LoginCases.Vlan8021Q),
        new("linux-cooked", "LoginCases.LinuxCooked", LoginCases.LinuxCooked),
        new("facebook-in-login", "LoginCases.FacebookInLogin", LoginCases.FacebookInLogin),
        new("udp-blocked-tcp-33033", "LadderCases.UdpBlockedTcp33033", LadderCases.UdpBlockedTcp33033),
        new("fallback-tcp-80", "LadderCases.FallbackTcp80", LadderCases.FallbackTcp80),
        new("fallback-tcp-443", "LadderCases.FallbackTcp443", LadderCases.FallbackTcp443),
        new("all-blocked-retry-15s", "LadderCases.AllBlockedRetry15s", LadderCases.AllBlockedRetry15s),
        new("version-check", "ServiceCases.VersionCheck", ServiceCases.VersionCheck),
        new("feedback", "ServiceCases.Feedback", ServiceCases.Feedback),
        new("facebook-alone", "ServiceCases.FacebookAlone", ServiceCases.FacebookAlone),
        new("near-misses", "ServiceCases.NearMisses", ServiceCases.NearMisses),
        new("update-http-decoy", "ServiceCases.UpdateHttpDecoy", ServiceCases.UpdateHttpDecoy),
        new("ip-fragments", "FragmentCases.IpFragments", FragmentCases.IpFragments),
        new("two-clients", "SessionCases.TwoClients", SessionCases.TwoClients),
        new("login-window-120s", "SessionCases.LoginWindow", SessionCases.LoginWindow),
        new("malformed-headers", "MalformedCases.MalformedHeaders", MalformedCases.MalformedHeaders),
        new("malformed-dns", "MalformedDns.Build", MalformedDns.Build),
        new("malformed-streams", "MalformedStreams.Build", MalformedStreams.Build),
        new("tls-names", "TlsCases.TlsNames", TlsCases.TlsNames),
    ];

    public static CaseScenario? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
