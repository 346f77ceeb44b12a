using System.Text;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>A DNS name rule of the base version: its pattern to compare shapes with, and its index among the base's rules.</summary>
internal sealed record BasePattern(int Rule, string RuleId, string Group, DomainPattern Pattern, string Key, string? Parent)
{
    private readonly DomainMatcher matcher = new(Pattern);

    /// <summary>Whether a name that is not a DNS question (a TLS server name) fits the pattern: the analyzer's domain matcher.</summary>
    public bool Fits(string name) => matcher.Matches(Encoding.ASCII.GetBytes(name));
}

/// <summary>
/// The parts of the base version the learner compares with: its rules (what they did on the capture comes from
/// <see cref="BaseRun"/>), the patterns of its DNS name rules (to compare the shapes of names), its server ranges
/// and endpoints per group and its ladder. Kinds are told apart by their descriptors, never by their types.
/// </summary>
internal sealed class BaseModel
{
    public BaseModel(ClientVersion version)
    {
        Version = version;
        Patterns = version.Rules
            .Select((r, i) => (Rule: r, Index: i, Domain: r.Parameters.Select(p => p.Value).OfType<DomainPattern>().FirstOrDefault()))
            .Where(x => x.Rule.Kind.Needs.HasFlag(FrameNeeds.Dns) && x.Domain is not null)
            .Select(x => new BasePattern(x.Index, x.Rule.Id, x.Rule.Group, x.Domain!, NameShape.KeyOf(x.Domain!), ParentOf(x.Domain!.Pattern)))
            .ToList();
        var loginDomains = Patterns.Where(p => p.Group == GroupIds.LoginServer).Select(p => p.Pattern.Pattern.Split('.')).Where(l => l.Length >= 2);
        ClientPortRules = version.Rules.Select((r, i) => (Rule: i, Kind: r.Kind, Limit: r.Parameters.FirstOrDefault(p => p.Spec.Type == ParameterType.Integer)?.Value as int?))
            .Where(x => x.Kind.Keeps.HasFlag(KindState.RemoteSets) && x.Kind.Needs.HasFlag(FrameNeeds.Udp)).Select(x => (x.Rule, x.Limit)).ToList();
        VendorWords = loginDomains.Select(l => l[^2]).Where(w => w.Length >= 3 && w.All(char.IsAsciiLetterOrDigit)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public ClientVersion Version { get; }

    public IReadOnlyList<Rule> Rules => Version.Rules;

    public IReadOnlyList<BasePattern> Patterns { get; }

    /// <summary>The rules that take UDP on the client's Skype port, each with the number of remote hosts it takes (null: all), in rule order.</summary>
    public IReadOnlyList<(int Rule, int? Limit)> ClientPortRules { get; }

    /// <summary>The second-level labels of the login server names (<c>skype</c>): a name with a label starting so is the vendor's.</summary>
    public IReadOnlyList<string> VendorWords { get; }

    /// <summary>Whether a base rule's gate assumes a completed login (its evidence is that the login got through).</summary>
    public static bool AssumesLogin(Rule rule) => rule.Gate is Gate.LoginComplete or Gate.ChannelSeen;

    /// <summary>Whether a base rule takes any server port: its kind names none, or it may and names none.</summary>
    public static bool AnyPort(Rule rule) =>
        rule.Kind.Endpoints == EndpointUse.None || (rule.Kind.Endpoints == EndpointUse.Optional && rule.Endpoints.Count == 0);

    /// <summary>The groups with ranges in the /24 network of the address (the first in model order first).</summary>
    public IReadOnlyList<ServerGroup> NetworkGroupsOf(uint address) =>
        Version.Groups.Where(g => g.Ranges.Any(r => Ipv4.TryParsePrefix24(r.Network, out var net) && net == (address & 0xFFFFFF00u))).ToList();

    /// <summary>The host ranges of a /24 network in the base, as the groups list them (<c>12-34,37-38</c>).</summary>
    public IReadOnlyList<AddressRange> RangesIn(string network) =>
        Version.Groups.SelectMany(g => g.Ranges).Where(r => r.Network == network).Distinct().ToList();

    /// <summary>Whether a rule of the group tagged a frame of the flow or matches one, gates aside: the base explains the flow.</summary>
    public bool Explains(FlowSeen flow, string group) =>
        flow.BaseTags.Concat(flow.BaseMatches).Any(i => Rules[i].Group == group);

    /// <summary>The rules' ids, comma-separated, for notes.</summary>
    public string Ids(IEnumerable<int> rules) => string.Join(", ", rules.Distinct().Order().Select(i => Rules[i].Id));

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
