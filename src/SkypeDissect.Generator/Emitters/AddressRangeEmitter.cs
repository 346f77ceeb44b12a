using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>Lists the /24 networks and host ranges (Table I) with their owners, and the server endpoints.</summary>
public sealed class AddressRangeEmitter : LuaRuleEmitter<AddressRangeRule>
{
    public override RuleKind Kind => AddressRangeRule.Descriptor;

    public override bool Prepares => true;

    protected override RuleView Emit(AddressRangeRule rule, RuleView common) => common with
    {
        HasRanges = true,
        Ranges = [.. rule.Ranges.Select(r => new RangeView(
            LuaText.Quote(r.Network), r.FirstHost, r.LastHost,
            LuaText.Comment($"{r.Organisation}, {r.Country}"), LuaText.Comment(r.Provenance.ToString())))],
        HasEndpoints = true,
        Endpoints = Endpoints(rule.Endpoints),
    };
}
