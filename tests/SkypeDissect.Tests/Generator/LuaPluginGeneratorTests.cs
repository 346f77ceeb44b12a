using System.Text;
using System.Text.RegularExpressions;
using SkypeDissect.Generator;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

public class LuaPluginGeneratorTests
{
    private static string Render() => LuaPluginGenerator.Generate(Signatures.Default)[LuaPluginGenerator.PluginFileName];

    [Fact]
    public void Generate_DefaultModel_ReturnsOnlyThePlugin()
    {
        LuaPluginGenerator.Generate(Signatures.Default).Keys.Should().Equal("skype_login.lua");
    }

    [Fact]
    public void Generate_DefaultModel_EqualsCommittedPluginByteForByte()
    {
        var fresh = Encoding.UTF8.GetBytes(Render());
        if (RepoPaths.UpdateExpected)
        {
            Directory.CreateDirectory(RepoPaths.Generated);
            File.WriteAllBytes(RepoPaths.Plugin, fresh);
        }

        File.Exists(RepoPaths.Plugin).Should().BeTrue("generated/skype_login.lua must be committed; run `skypedissect generate --output generated`");
        var committed = File.ReadAllBytes(RepoPaths.Plugin);
        committed.SequenceEqual(fresh).Should().BeTrue(
            "generated/skype_login.lua is stale or edited by hand: run `skypedissect generate --output generated` "
            + "(or this test with SKYPEDISSECT_UPDATE_EXPECTED=1) and commit the result");
    }

    [Fact]
    public void Generate_Twice_IsByteIdenticalLfOnlyWithoutBom()
    {
        var first = Render();
        var second = Render();
        second.Should().Be(first);
        first.Should().NotContain("\r");
        first.Should().NotStartWith("\uFEFF");
        first.Should().EndWith("\n").And.NotEndWith("\n\n");
        first.Split('\n').Should().NotContain(l => l.EndsWith(' '), "no trailing blanks");
    }

    [Fact]
    public void Generate_Header_NamesVersionsGeneratorAndRegenerateCommand()
    {
        var header = string.Join('\n', Render().Split('\n').Take(6));
        header.Should().Contain("DO NOT EDIT");
        header.Should().Contain("6.3.0.197, 5.6.0.106");
        header.Should().Contain("generator " + LuaPluginGenerator.GeneratorVersion);
        header.Should().Contain("Regenerate with: skypedissect generate --output generated");
        LuaPluginGenerator.RegenerateCommand.Should().Be("skypedissect generate --output generated");
    }

    [Fact]
    public void Generate_DefaultModel_DeclaresNoFunctionAheadOfItsDefinition()
    {
        // Every function is defined before its users (the sections use only earlier ones): no bare "local name"
        // at the top level that a later "name = function" fills in.
        var lines = Render().Split('\n');
        lines.Should().NotContain(l => Regex.IsMatch(l, @"^local [A-Za-z_][A-Za-z_0-9]*(, [A-Za-z_][A-Za-z_0-9]*)*$"));
        lines.Should().NotContain(l => Regex.IsMatch(l, @"^[A-Za-z_][A-Za-z_0-9]* = function\("));
    }

    [Fact]
    public void Generate_EveryRuleRangeAndDomain_CarriesItsProvenanceAsComment()
    {
        var lines = Render().Split('\n');
        foreach (var rule in Signatures.Default.Versions.SelectMany(v => v.Rules))
        {
            lines.Should().Contain(l => l.Contains("-- " + rule.Id + ": " + rule.Description, StringComparison.Ordinal));
        }

        // Each Table I range line names its row, the first one also the inconsistency it resolves.
        lines.Should().Contain(l => l.Contains("--   111.221.74 37-38: ", StringComparison.Ordinal)
            && l.Contains("Table I, row 111.221.74", StringComparison.Ordinal) && l.Contains("table1-37-28", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("-- dsn{0-17}.d.skype.net -- paper: Section III.B.1", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("--   udp 33033-33033: udp-33033; paper: Section III.B.1", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_Inconsistencies_AreListedOnceWithTheVersionsHoldingThem()
    {
        var text = Render();
        foreach (var inconsistency in PaperFacts.Inconsistencies)
        {
            var marker = "--   [" + inconsistency.Id + "] ";
            text.Split('\n').Count(l => l.StartsWith(marker, StringComparison.Ordinal)).Should().Be(1);
            text.Should().Contain(marker + inconsistency.Subject + " (versions 6.3.0.197, 5.6.0.106)");
        }
    }

    [Fact]
    public void Generate_VersionOnlyInModel_GetsItsOwnPreferenceAndTable()
    {
        var extra = PaperVersions.Skype6_3 with { Id = "7.7.3" };
        var text = LuaPluginGenerator.Generate(new SignatureModel([extra, PaperVersions.Skype5_6]))[LuaPluginGenerator.PluginFileName];
        text.Should().Contain("proto.prefs.enable_7_7_3 = Pref.bool(");
        text.Should().Contain("id = \"7.7.3\",");
        text.Should().NotContain("enable_6_3_0_197");
    }
}
