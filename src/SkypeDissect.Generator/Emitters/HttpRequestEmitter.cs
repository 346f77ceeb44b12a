using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The request method (compared exactly) and the text the first line must contain (ASCII case-insensitive).</summary>
public sealed class HttpRequestEmitter : LuaRuleEmitter<HttpRequestRule>
{
    public override RuleKind Kind => HttpRequestRule.Descriptor;

    public override bool Prepares => true;

    protected override RuleView Emit(HttpRequestRule rule, RuleView common) => common with
    {
        Settings =
        [
            new("method", LuaText.Quote(rule.Method), "the payload starts with this method and a space"),
            new("line_contains", LuaText.Quote(rule.LineContains.ToLowerInvariant()), "lowercase; the first line is lowercased before the search"),
        ],
        HasEndpoints = true,
        Endpoints = Endpoints(rule.Endpoints),
    };
}
