using SkypeDissect.Generator.Rendering;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator;

/// <summary>
/// Generates the Wireshark Lua plugin from the signature model. A pure function: no file I/O, no clock,
/// the same model gives the same bytes (the CLI writes the files).
/// </summary>
public static class LuaPluginGenerator
{
    /// <summary>Version of this generator, printed in the plugin header. Raise it when the generated code changes shape.</summary>
    public const string GeneratorVersion = "1.0.0";

    /// <summary>The command that regenerates the committed plugin, printed in its header.</summary>
    public const string RegenerateCommand = "skypedissect generate --output generated";

    /// <summary>The one file this generator produces.</summary>
    public const string PluginFileName = "skype_login.lua";

    /// <summary>
    /// The template parts, rendered in this order and concatenated into the plugin; each uses only what earlier
    /// parts define. The fragments of the rule kinds the model uses come after <c>skype_login.kinds.sbn</c>.
    /// </summary>
    public static IReadOnlyList<string> TemplateFiles { get; } =
    [
        "skype_login.header.sbn",
        "skype_login.proto.sbn",
        "skype_login.data.sbn",
        "skype_login.bounds.sbn",
        "skype_login.kinds.sbn",
        "skype_login.match.sbn",
        "skype_login.state.sbn",
        "skype_login.dissector.sbn",
        "skype_login.summary.sbn",
    ];

    private const string FragmentsAfter = "skype_login.kinds.sbn";

    /// <summary>File name to text (LF line ends; write as UTF-8 without BOM). The model must already be validated.</summary>
    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var view = PluginViewBuilder.Build(model, PluginFileName, GeneratorVersion, RegenerateCommand);
        var parts = TemplateFiles.SelectMany(f => f == FragmentsAfter ? [f, .. view.Kinds.Select(k => k.Fragment)] : new[] { f });
        var text = string.Concat(parts.Select(f => TemplateRenderer.Render(TemplateRenderer.Load(f), view, f)));
        return new SortedDictionary<string, string>(StringComparer.Ordinal) { [PluginFileName] = text };
    }
}
