using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>Facts about rules that every export needs: names, gates and the networks of ungated address-range rules.</summary>
internal static class ExportRules
{
    public static string KindName(RuleKind kind) => Kebab(kind.ToString());

    public static string GateName(Gate gate) => Kebab(gate.ToString());

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string VersionList(SignatureModel model) => string.Join(", ", model.Versions.Select(v => v.Id));

    /// <summary>The address-range rules without a gate: the networks a stateless tool can carry.</summary>
    public static IEnumerable<(ClientVersion Version, AddressRangeRule Rule)> OpenRanges(SignatureModel model) =>
        model.Versions.SelectMany(v => v.Rules.OfType<AddressRangeRule>().Where(r => r.Gate == Gate.None).Select(r => (v, r)));

    /// <summary>True when every address of <paramref name="rule"/> lies in one of <paramref name="ranges"/>.</summary>
    public static bool Inside(AddressRangeRule rule, IReadOnlyList<AddressRange> ranges) =>
        rule.Ranges.All(r => r.FirstAddress is { } first && r.LastAddress is { } last
            && ranges.Any(o => o.FirstAddress <= first && o.LastAddress >= last));

    public static string Ports(IEnumerable<Endpoint> endpoints) => string.Join(", ", endpoints.Select(e => e.ToString()));

    public static RuleNoteView Note(ClientVersion v, Rule r, string note) => new(v.Id, r.Id, KindName(r.Kind), r.Step, r.Group, note);
}
