using SkypeDissect.Generator;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Generator;

public class TemplateRendererTests
{
    private static PluginView View() =>
        PluginViewBuilder.Build(Signatures.Default, "x.lua", LuaPluginGenerator.GeneratorVersion, LuaPluginGenerator.RegenerateCommand);

    [Fact]
    public void Render_KnownMembers_RendersThem()
    {
        TemplateRenderer.Render("{{ for v in versions }}{{ v.id }};{{ end }}", View(), "t").Should().Be("6.3.0.197;5.6.0.106;7.7.3;");
    }

    [Fact]
    public void Render_MisspeltMember_Throws()
    {
        var act = () => TemplateRenderer.Render("{{ for v in versions }}{{ v.idd }}{{ end }}", View(), "t");
        act.Should().Throw<InvalidOperationException>().WithMessage("*template t failed*idd*");
    }

    [Fact]
    public void Render_MisspeltVariable_Throws()
    {
        var act = () => TemplateRenderer.Render("{{ generator_versoin }}", View(), "t");
        act.Should().Throw<InvalidOperationException>().WithMessage("*generator_versoin*");
    }

    [Fact]
    public void Render_SyntaxError_ThrowsWithTemplateName()
    {
        var act = () => TemplateRenderer.Render("{{ for v in versions }}", View(), "broken.sbn");
        act.Should().Throw<InvalidOperationException>().WithMessage("*broken.sbn does not parse*");
    }

    [Fact]
    public void Render_EveryPluginTemplate_IsEmbedded()
    {
        foreach (var file in LuaPluginGenerator.TemplateFiles)
        {
            TemplateRenderer.Load(file).Should().NotBeEmpty();
        }
    }
}
