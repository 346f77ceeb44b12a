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
    /// The template parts, rendered in this order and concatenated into the plugin. Each renders one named section
    /// (the header only the file's leading comment): <c>local &lt;name&gt;_section = (function() ... end)()</c>, a Lua
    /// function scope whose header comment lists its exports (<c>-- Exports:</c>), exactly the fields of the table it
    /// returns, and whose imports are locals at its top read from earlier sections' tables
    /// (<c>local map_get = bounds_section.map_get</c>). A section uses nothing else: no global but Lua's standard
    /// library and Wireshark's API, no later section, no forward declaration (LuaSectionTests checks all of it). State
    /// that changes at run time is a table emptied in place or a variable of the section whose functions read it.
    /// The fragments of the rule kinds the model uses are rendered into the kinds section (<c>{{ kind_fragments }}</c>
    /// in <c>skype_login.kinds.sbn</c>), in the order of the model's kinds.
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

    private const string KindsSection = "skype_login.kinds.sbn";

    /// <summary>File name to text (LF line ends; write as UTF-8 without BOM). The model must already be validated.</summary>
    /// <param name="bounds">The bounds of the plugin's state tables; null means the contract's (a test may shrink them).</param>
    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model, StateBounds? bounds = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var view = PluginViewBuilder.Build(model, PluginFileName, GeneratorVersion, RegenerateCommand, bounds);
        var fragments = string.Concat(view.Kinds.Select(k => TemplateRenderer.Render(TemplateRenderer.Load(k.Fragment), view, k.Fragment)));
        var extra = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind_fragments"] = fragments };
        var text = string.Concat(TemplateFiles.Select(f => TemplateRenderer.Render(TemplateRenderer.Load(f), view, f, f == KindsSection ? extra : null)));
        return new SortedDictionary<string, string>(StringComparer.Ordinal) { [PluginFileName] = text };
    }
}
