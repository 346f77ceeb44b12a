using System.Text.RegularExpressions;
using SkypeDissect.Generator;
using SkypeDissect.Generator.Emitters;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;

namespace SkypeDissect.Tests.Generator;

public class LuaRuleEmitterTests
{
    private static IEnumerable<Type> EmitterTypes() =>
        typeof(ILuaRuleEmitter).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ILuaRuleEmitter).IsAssignableFrom(t));

    [Fact]
    public void Emitters_EveryRuleKind_HasExactlyOneEmitterType()
    {
        var kinds = EmitterTypes().Select(t => ((ILuaRuleEmitter)Activator.CreateInstance(t)!).Kind).ToList();
        kinds.Should().OnlyHaveUniqueItems();
        kinds.Should().BeEquivalentTo(Enum.GetValues<RuleKind>());
        LuaRuleEmitters.All.Select(e => e.GetType()).Should().BeEquivalentTo(EmitterTypes());
    }

    [Fact]
    public void Templates_EveryRuleKind_HasExactlyOneMatchFunctionAndNothingElse()
    {
        var text = string.Concat(LuaPluginGenerator.TemplateFiles.Select(TemplateRenderer.Load));
        var defined = Regex.Matches(text, @"local function (match_[a-z_]+)\(").Select(m => m.Groups[1].Value).ToList();
        defined.Should().OnlyHaveUniqueItems();
        defined.Should().BeEquivalentTo(Enum.GetValues<RuleKind>().Select(LuaText.MatchFunction));
        var kindBits = text.Split('\n').Single(l => l.StartsWith("local KIND_BIT = {", StringComparison.Ordinal));
        foreach (var kind in Enum.GetValues<RuleKind>())
        {
            text.Should().Contain($"    {LuaText.Snake(kind)} = {LuaText.MatchFunction(kind)},", "the dispatch table names every kind");
            kindBits.Should().Contain($" {LuaText.Snake(kind)} = ", "the kind prefilter has a bit for every kind");
        }
    }

    [Fact]
    public void Emit_DefaultModel_EveryRuleRowHasItsKind()
    {
        foreach (var rule in Signatures.Default.Versions.SelectMany(v => v.Rules))
        {
            var row = LuaRuleEmitters.Emit(rule);
            row.Kind.Should().Be(LuaText.Snake(rule.Kind));
            row.IdLua.Should().Be("\"" + rule.Id + "\"");
        }
    }

    [Fact]
    public void Emit_RuleOfAnotherKind_Throws()
    {
        var rule = PaperVersions.Rules.OfType<ClientPortRule>().First();
        var act = () => new DnsNameEmitter().Emit(rule);
        act.Should().Throw<ArgumentException>().WithMessage("*ClientPort rule, not a DnsName rule*");
    }

    [Fact]
    public void Emit_DnsName_TokensFollowThePattern()
    {
        var rule = PaperVersions.Rules.OfType<DnsNameRule>().Single(r => r.Id == "feedback-dns");
        var row = LuaRuleEmitters.Emit(rule);
        row.Tokens.Select(t => t.TagLua + t.ArgumentsLua).Should().Equal(
            "\"build\"", "\"lit\", \".rst\"", "\"num\", 0, 13", "\"lit\", \".r.skype.net\"");
    }
}
