using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Analyzer.Engine.Evaluators;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>The evaluator of each rule kind. Building the table fails when two evaluators claim one kind.</summary>
internal static class RuleEvaluators
{
    public static IReadOnlyList<IRuleEvaluator> All { get; } =
    [
        new DnsNameEvaluator(),
        new LearnedAddressEvaluator(),
        new AddressRangeEvaluator(),
        new HttpRequestEvaluator(),
        new ClientPortEvaluator(),
        new AfterLoginEvaluator(),
        new PayloadPrefixEvaluator(),
        new TimedFallbackEvaluator(),
    ];

    private static readonly Dictionary<RuleKind, IRuleEvaluator> ByKind = All.ToDictionary(e => e.Kind);

    public static IRuleEvaluator For(RuleKind kind) =>
        ByKind.TryGetValue(kind, out var evaluator)
            ? evaluator
            : throw new NotSupportedException($"no evaluator for rule kind {kind}");
}

/// <summary>The enabled versions' rules in model order, compiled, with the prefilter built from them.</summary>
internal sealed class CompiledModel
{
    public CompiledModel(SignatureModel model, TagOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        var enabled = options?.EnabledVersions;
        var unknown = enabled?.Where(id => model.Version(id) is null).Order(StringComparer.Ordinal).ToList();
        if (unknown is { Count: > 0 })
        {
            throw new ArgumentException($"unknown client version(s): {string.Join(", ", unknown)}", nameof(options));
        }

        var matchers = new List<RuleMatcher>();
        var versions = new List<CompiledVersion>();
        foreach (var version in model.Versions.Where(v => enabled is null || enabled.Contains(v.Id)))
        {
            var compiled = new CompiledVersion(version, matchers.Count, versions.Count);
            versions.Add(compiled);
            foreach (var rule in version.Rules)
            {
                matchers.Add(RuleEvaluators.For(rule.Kind).Compile(rule, compiled, matchers.Count));
            }
        }

        Matchers = matchers;
        Versions = versions;
        foreach (var m in matchers)
        {
            if (m.Rule is AddressRangeRule range)
            {
                // Its port alone is no evidence: the frame must also have an end in one of the ranges.
                m.AddPortEvidence(RangeTcpPorts, RangeUdpPorts);
                foreach (var r in range.Ranges.Where(r => r.FirstAddress is not null && r.LastAddress is not null))
                {
                    Array.Fill(RangeNetworks, true, (int)(r.FirstAddress!.Value >> 16), (int)(r.LastAddress!.Value >> 16) - (int)(r.FirstAddress.Value >> 16) + 1);
                }
            }
            else
            {
                m.AddPortEvidence(TcpPorts, UdpPorts);
            }
        }

        HasDnsRules = matchers.Any(m => m.Rule.Kind == RuleKind.DnsName);
        TracksFirstPayload = matchers.Any(m => m.Rule.Kind == RuleKind.PayloadPrefix);
        OpensFallbacks = new bool[matchers.Count];
        foreach (var m in matchers)
        {
            if (m.Rule is TimedFallbackRule t && m.Version.IndexOf(t.After) is >= 0 and var after)
            {
                OpensFallbacks[after] = true;
            }
        }
    }

    public IReadOnlyList<RuleMatcher> Matchers { get; }

    /// <summary>The enabled versions in model order.</summary>
    public IReadOnlyList<CompiledVersion> Versions { get; }

    /// <summary>More than one version is enabled: each client's traffic is attributed to one (docs/tagging.md 2.1).</summary>
    public bool Attributes => Versions.Count > 1;

    /// <summary>Ports on which a frame may match without DNS or host state (address ranges, HTTP requests).</summary>
    public bool[] TcpPorts { get; } = new bool[65536];

    public bool[] UdpPorts { get; } = new bool[65536];

    /// <summary>Ports of address-range rules: evidence only together with an end in <see cref="RangeNetworks"/>.</summary>
    public bool[] RangeTcpPorts { get; } = new bool[65536];

    public bool[] RangeUdpPorts { get; } = new bool[65536];

    /// <summary>By the first two bytes of an IPv4 address: some address-range rule has a range there.</summary>
    public bool[] RangeNetworks { get; } = new bool[65536];

    /// <summary>False when no address-range rule can have <paramref name="address"/> as its server.</summary>
    public bool MayBeInRange(IpAddress address) => !address.IsV6 && RangeNetworks[(int)(address.V4 >> 16)];

    public bool HasDnsRules { get; }

    /// <summary>Some enabled rule is a payload-prefix rule: the engine tracks the first payload of each TCP direction.</summary>
    public bool TracksFirstPayload { get; }

    /// <summary>By matcher index: a timed-fallback rule follows this rule, so its SYNs are remembered as openings.</summary>
    public bool[] OpensFallbacks { get; }
}
