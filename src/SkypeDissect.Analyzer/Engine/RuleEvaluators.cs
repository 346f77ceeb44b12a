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
        new TlsNameEvaluator(),
        new TimedRetryEvaluator(),
    ];

    private static readonly Dictionary<string, IRuleEvaluator> ByKind = All.ToDictionary(e => e.Kind.Name);

    public static IRuleEvaluator For(RuleKind kind) =>
        ByKind.TryGetValue(kind.Name, out var evaluator)
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
            m.AddPrefilter(Prefilter);
            m.Prepare(matchers);
        }

        HasDnsRules = matchers.Any(m => m.NeedsDns);
        Observers =
        [
            .. RuleEvaluators.All
                .Select(e => (Evaluator: e, Rules: matchers.Where(m => m.Rule.Kind.Name == e.Kind.Name).ToList()))
                .Where(k => k.Rules.Count > 0)
                .Select(k => k.Evaluator.Observer(k.Rules))
                .OfType<IFrameObserver>(),
        ];
    }

    public IReadOnlyList<RuleMatcher> Matchers { get; }

    /// <summary>The enabled versions in model order.</summary>
    public IReadOnlyList<CompiledVersion> Versions { get; }

    /// <summary>More than one version is enabled: each client's traffic is attributed to one (docs/tagging.md 2.1).</summary>
    public bool Attributes => Versions.Count > 1;

    /// <summary>Ports (and server networks) on which a frame may match without DNS or host state.</summary>
    public Prefilter Prefilter { get; } = new();

    public bool HasDnsRules { get; }

    /// <summary>The observers of the enabled kinds, in the order of <see cref="RuleEvaluators.All"/>.</summary>
    public IFrameObserver[] Observers { get; }
}
