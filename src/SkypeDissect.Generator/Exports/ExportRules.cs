using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>Facts about rules that every export needs: names, gates and the networks of ungated address-range rules.</summary>
internal static class ExportRules
{
    public static string KindName(RuleKind kind) => kind.Name;

    public static string GateName(Gate gate) => Kebab(gate.ToString());

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string VersionList(SignatureModel model) => string.Join(", ", model.Versions.Select(v => v.Id));

    /// <summary>The rules without a gate whose kind takes address ranges, with those ranges: what a stateless tool can carry.</summary>
    public static IEnumerable<(ClientVersion Version, Rule Rule, IReadOnlyList<AddressRange> Ranges)> OpenRanges(SignatureModel model) =>
        model.Versions.SelectMany(v => v.Rules.Where(r => r.Gate == Gate.None && Ranges(r) is not null).Select(r => (v, r, Ranges(r)!)));

    /// <summary>A rule's address ranges, when its kind takes some (a parameter of type ranges).</summary>
    public static IReadOnlyList<AddressRange>? Ranges(Rule r) => Parameter(r, ParameterType.Ranges) as IReadOnlyList<AddressRange>;

    /// <summary>A rule's domain pattern, when its kind takes one.</summary>
    public static DomainPattern? Domain(Rule r) => Parameter(r, ParameterType.Domain) as DomainPattern;

    /// <summary>The rule a rule refers to (the answer it learns from, the connection it falls back from), when its kind has such a parameter.</summary>
    public static string? Reference(Rule r) => Parameter(r, ParameterType.RuleRef) as string;

    /// <summary>The rule's parameters for people: <c>after login-range, maxDelaySeconds 3</c>.</summary>
    public static string ParameterText(Rule r) =>
        string.Join(", ", r.Parameters.Where(p => p.Value is not null).Select(p => $"{p.Spec.Name} {string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", p.Value)}"));

    /// <summary>True when every address of <paramref name="inner"/> lies in one of <paramref name="ranges"/>.</summary>
    public static bool Inside(IReadOnlyList<AddressRange> inner, IReadOnlyList<AddressRange> ranges) =>
        inner.All(r => r.FirstAddress is { } first && r.LastAddress is { } last
            && ranges.Any(o => o.FirstAddress <= first && o.LastAddress >= last));

    private static object? Parameter(Rule r, ParameterType type) => r.Parameters.FirstOrDefault(p => p.Spec.Type == type)?.Value;

    public static string Ports(IEnumerable<Endpoint> endpoints) => string.Join(", ", endpoints.Select(e => e.ToString()));

    public static RuleNoteView Note(ClientVersion v, Rule r, string note) => new(v.Id, r.Id, KindName(r.Kind), r.Step, r.Group, note);
}
