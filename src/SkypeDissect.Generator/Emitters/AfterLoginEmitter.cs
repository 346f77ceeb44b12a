using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>Only the server endpoints; the gate (never <c>none</c>) is the evidence.</summary>
public sealed class AfterLoginEmitter : LuaRuleEmitter<AfterLoginRule>
{
    public override RuleKind Kind => AfterLoginRule.Descriptor;

    protected override RuleView Emit(AfterLoginRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints);
}
