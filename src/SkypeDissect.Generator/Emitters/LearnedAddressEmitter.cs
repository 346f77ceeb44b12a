using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>Names the DNS rule whose answers teach the addresses, and the endpoints on which they count.</summary>
public sealed class LearnedAddressEmitter : LuaRuleEmitter<LearnedAddressRule>
{
    public override RuleKind Kind => LearnedAddressRule.Descriptor;

    public override bool Prepares => true;

    protected override RuleView Emit(LearnedAddressRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints) with
    {
        Settings = [new("learned_from", LuaText.Quote(rule.LearnedFrom), "addresses answered to a DNS frame tagged by this rule of the same version")],
    };
}
