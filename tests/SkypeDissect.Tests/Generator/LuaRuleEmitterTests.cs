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
        kinds.Should().BeEquivalentTo(RuleKinds.All);
        LuaRuleEmitters.All.Select(e => e.GetType()).Should().BeEquivalentTo(EmitterTypes());
    }

    [Fact]
    public void Fragments_EveryRuleKind_DefinesItsOwnFunctionsAndNoOtherKinds()
    {
        var core = string.Concat(LuaPluginGenerator.TemplateFiles.Select(TemplateRenderer.Load));
        Regex.Matches(core, @"local function ((match|prepare|tagged)_[a-z_]+)\(").Select(m => m.Groups[1].Value).Should()
            .Equal(["prepare_rule"], "the kinds' functions live in their fragments; the core only links each rule to its kind");
        foreach (var emitter in LuaRuleEmitters.All)
        {
            var name = emitter.Kind.LuaName;
            var text = TemplateRenderer.Load(emitter.Fragment);
            var defined = Regex.Matches(text, @"local function ((match|prepare|tagged)_[a-z_]+)\(").Select(m => m.Groups[1].Value).ToList();
            List<string> expected = [$"match_{name}"];
            if (emitter.Prepares)
            {
                expected.Add($"prepare_{name}");
            }

            if (emitter.KeepsState)
            {
                expected.Add($"tagged_{name}");
            }

            defined.Should().BeEquivalentTo(expected, $"{emitter.Fragment} holds the functions of {emitter.Kind} alone");
        }
    }

    [Fact]
    public void Emit_DefaultModel_EveryRuleRowHasItsKind()
    {
        foreach (var rule in Signatures.Default.Versions.SelectMany(v => v.Rules))
        {
            var row = LuaRuleEmitters.Emit(rule);
            row.Kind.Should().Be(rule.Kind.LuaName);
            row.IdLua.Should().Be("\"" + rule.Id + "\"");
        }
    }

    [Fact]
    public void Emit_RuleOfAnotherKind_Throws()
    {
        var rule = PaperVersions.Rules.OfType<ClientPortRule>().First();
        var act = () => new DnsNameEmitter().Emit(rule);
        act.Should().Throw<ArgumentException>().WithMessage("*client-port rule, not a dns-name rule*");
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
