using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace SkypeDissect.Generator.Rendering;

/// <summary>
/// Renders Scriban templates strictly: an unknown variable or member throws instead of rendering empty,
/// output is LF-only and culture-invariant. Templates are embedded resources named <c>templates/&lt;file&gt;</c>.
/// </summary>
public static class TemplateRenderer
{
    private static readonly Assembly Resources = typeof(TemplateRenderer).Assembly;

    /// <summary>The text of a template of the plugin, for example <c>skype_login.match.sbn</c>.</summary>
    public static string Load(string fileName) => Load(fileName, Resources);

    /// <summary>The text of a template embedded in <paramref name="resources"/> as <c>templates/&lt;file&gt;</c>.</summary>
    public static string Load(string fileName, Assembly resources)
    {
        using var stream = resources.GetManifestResourceStream("templates/" + fileName)
            ?? throw new InvalidOperationException($"template '{fileName}' is not embedded in {resources.GetName().Name}");
        using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false));
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Renders <paramref name="templateText"/> with the members of <paramref name="model"/> as globals.</summary>
    /// <exception cref="InvalidOperationException">The template does not parse, or names something the model lacks.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The view models live in assemblies the AOT build roots whole (SkypeDissect.Cli.csproj).")]
    public static string Render(string templateText, object model, string templateName) =>
        Render(templateText, model, templateName, extra: null);

    /// <summary>Renders <paramref name="templateText"/> with the members of <paramref name="model"/> and the texts of <paramref name="extra"/> as globals.</summary>
    /// <exception cref="InvalidOperationException">The template does not parse, or names something the model lacks.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The view models live in assemblies the AOT build roots whole (SkypeDissect.Cli.csproj).")]
    public static string Render(string templateText, object model, string templateName, IReadOnlyDictionary<string, string>? extra)
    {
        var template = Template.Parse(templateText, templateName);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"template {templateName} does not parse: {string.Join("; ", template.Messages)}");
        }

        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        foreach (var (name, text) in extra ?? new Dictionary<string, string>())
        {
            globals.SetValue(name, text, readOnly: true);
        }

        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            EnableRelaxedIndexerAccess = false,
            NewLine = "\n",
            LoopLimit = 0,
            MemberRenamer = StandardMemberRenamer.Default,
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InvalidOperationException($"template {templateName} failed: {e.Message}", e);
        }
    }
}
