using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The request method with its space (compared exactly) and the text the first line must contain (ASCII case-insensitive).</summary>
public sealed class HttpRequestEmitter : LuaRuleEmitter<HttpRequestRule>
{
    public override RuleKind Kind => HttpRequestRule.Descriptor;

    protected override RuleView Emit(HttpRequestRule rule, RuleView common) => WithEndpoints(common, rule.Endpoints) with
    {
        Settings =
        [
            new("method_sp", LuaText.Quote(rule.Method + " "), "the payload starts with this method and a space"),
            new("line_contains", LuaText.Quote(rule.LineContains.ToLowerInvariant()), "lowercase; the first line is lowercased before the search"),
        ],
    };
}
