using SkypeDissect.Generator;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>The plugin's parts for the tls-name kind: emitted only when a rule of the model needs TLS names, with the model's bounds.</summary>
public class TlsNamePluginTests
{
    [Fact]
    public void Condition_TlsNames_IsTheFramesNames()
    {
        LuaText.Condition(TlsNameRule.Descriptor.Needs, "tls_name").Should().Be("f.transport == \"tcp\" and f.tls ~= nil");
    }

    [Fact]
    public void Plugin_WithoutTheKind_ReadsNoTlsField()
    {
        var paper = LuaPluginGenerator.Generate(new SignatureModel([PaperVersions.Skype6_3, PaperVersions.Skype5_6]))[LuaPluginGenerator.PluginFileName];

        paper.Should().NotContainAny("tls.", "x509", "tls_conns", "tls_observe", "TLS_NAME_PORTS", "match_tls_name", "F.tls")
            .And.Contain("local function tokens_match(", "dns-name still matches names");
    }

    [Fact]
    public void Plugin_OfTheDefaultModel_FollowsTls()
    {
        var lua = LuaPluginGenerator.Generate(Signatures.Default)[LuaPluginGenerator.PluginFileName];

        lua.Should().Contain("    tls_name = { bit = ")
            .And.Contain("local get_tls_certificate = optional_field(\"tls.handshake.certificate\")")
            .And.Contain("    local tls_conns = state_table(", "the kind declares its followed connections as a bounded table proto.init empties");
        File.ReadAllText(RepoPaths.Plugin).Should().Be(lua, "the committed plugin is generated from the default model");
    }
}
