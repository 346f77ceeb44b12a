using System.Globalization;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The host ranges (Table I) indexed by /24 network as <c>in_ranges</c> looks them up, with their owners as comments, and the server endpoints.</summary>
public sealed class AddressRangeEmitter : LuaRuleEmitter<AddressRangeRule>
{
    public override RuleKind Kind => AddressRangeRule.Descriptor;

    protected override RuleView Emit(AddressRangeRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints) with
    {
        HasRanges = true,
        Ranges = [.. rule.Ranges.Select(r => new RangeView(
            LuaText.Comment(r.Network), r.FirstHost, r.LastHost,
            LuaText.Comment($"{r.Organisation}, {r.Country}"), LuaText.Comment(r.Provenance.ToString())))],
        Index = [.. rule.Ranges.GroupBy(r => r.Network, StringComparer.Ordinal).Select(g => new RangeIndexView(
            LuaText.Quote(g.Key),
            string.Join(", ", g.SelectMany(r => new[] { r.FirstHost, r.LastHost }).Select(h => h.ToString(CultureInfo.InvariantCulture)))))],
    };

    /// <summary>The /24 networks of all the kind's ranges: a frame with neither address in one matches no rule of the kind.</summary>
    public override KindFilterView Filter(IReadOnlyList<Rule> rules)
    {
        var nets = rules.OfType<AddressRangeRule>().SelectMany(r => r.Ranges).Select(r => r.Network)
            .Distinct().Order(StringComparer.Ordinal).Select(n => $"[{LuaText.Quote(n)}] = true");
        return new(
            "-- address-range: the /24 networks of the model's ranges (a frame with neither address in one matches none).\n"
            + $"local ADDRESS_RANGE_NETS = {{ {string.Join(", ", nets)} }}",
            "near_ranges(f)");
    }
}
