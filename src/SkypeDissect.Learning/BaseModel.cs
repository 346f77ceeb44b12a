using System.Text;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>A DNS name rule of the base version, ready to match names and to compare shapes.</summary>
internal sealed record BasePattern(string RuleId, string Group, DomainPattern Pattern, DomainMatcher Matcher, string Key, string? Parent)
{
    public bool Matches(string name) => Matcher.Matches(Encoding.ASCII.GetBytes(name));
}

/// <summary>
/// The parts of the base version the learner compares with and assigns by: its DNS name rules, its server
/// ranges (Table I for the paper's versions), its endpoints per group, its ladder and its client-port rules.
/// </summary>
internal sealed class BaseModel
{
    public BaseModel(ClientVersion version)
    {
        Version = version;
        Patterns = version.Rules.OfType<DnsNameRule>()
            .Select(r => new BasePattern(r.Id, r.Group, r.Domain, new DomainMatcher(r.Domain), NameShape.KeyOf(r.Domain), ParentOf(r.Domain.Pattern)))
            .ToList();
        var loginDomains = Patterns.Where(p => p.Group == GroupIds.LoginServer).Select(p => p.Pattern.Pattern.Split('.')).Where(l => l.Length >= 2);
        VendorWords = loginDomains.Select(l => l[^2]).Where(w => w.Length >= 3 && w.All(char.IsAsciiLetterOrDigit)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        SupernodeLimit = version.Rules.OfType<ClientPortRule>().Where(r => r.Group == GroupIds.Supernode).Select(r => r.MaxRemotes).FirstOrDefault() ?? 4;
    }

    public ClientVersion Version { get; }

    public IReadOnlyList<BasePattern> Patterns { get; }

    /// <summary>The second-level labels of the login server names (<c>skype</c>): a name with a label starting so is the vendor's.</summary>
    public IReadOnlyList<string> VendorWords { get; }

    /// <summary>How many remote hosts of the client's Skype port are super nodes before the rest are peers.</summary>
    public int SupernodeLimit { get; }

    /// <summary>The first group (model order) with a range holding the address, and the range.</summary>
    public (ServerGroup Group, AddressRange Range)? RangeOf(uint address)
    {
        foreach (var g in Version.Groups)
        {
            if (g.Ranges.FirstOrDefault(r => r.Contains(address)) is { } range)
            {
                return (g, range);
            }
        }

        return null;
    }

    /// <summary>The groups with ranges in the /24 network of the address (the first in model order first).</summary>
    public IReadOnlyList<ServerGroup> NetworkGroupsOf(uint address) =>
        Version.Groups.Where(g => g.Ranges.Any(r => Ipv4.TryParsePrefix24(r.Network, out var net) && net == (address & 0xFFFFFF00u))).ToList();

    /// <summary>The host ranges of a /24 network in the base, as the groups list them (<c>12-34,37-38</c>).</summary>
    public IReadOnlyList<AddressRange> RangesIn(string network) =>
        Version.Groups.SelectMany(g => g.Ranges).Where(r => r.Network == network).Distinct().ToList();

    /// <summary>Groups whose endpoints fit the transport and port.</summary>
    public IReadOnlyList<ServerGroup> GroupsWithEndpoint(Transport transport, int port) =>
        Version.Groups.Where(g => g.Endpoints.Any(e => e.Matches(transport, port))).ToList();

    /// <summary>After-login rules: an endpoint that only a logged-in client's traffic can be given.</summary>
    public IEnumerable<AfterLoginRule> AfterLoginRules => Version.Rules.OfType<AfterLoginRule>();

    /// <summary>The labels after a pattern's last placeholder, less the first: <c>gateway.messenger.live.com</c>; null when under three labels.</summary>
    private static string? ParentOf(string pattern)
    {
        var tail = pattern[(pattern.LastIndexOf('}') + 1)..];
        var parent = pattern.Contains('}') ? tail.TrimStart('.') : tail[(tail.IndexOf('.') + 1)..];
        if (!pattern.Contains('}') && !tail.Contains('.'))
        {
            return null;
        }

        return parent.Split('.').Length >= 3 ? parent : null;
    }
}
