using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>
/// Wireshark colouring rules, one per login step (the <c>colorfilters</c> format that View → Coloring Rules
/// imports): the plugin's field <c>skypelogin.step</c>, black text on the step's tint of <see cref="StepPalette"/>,
/// the colours of the HTML report. A pure function.
/// </summary>
public static class ColorFiltersGenerator
{
    public const string FileName = "colorfilters";
    public const string TemplateFile = "export.colorfilters.sbn";

    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model)
    {
        var view = Build(model);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [FileName] = TemplateRenderer.Render(TemplateRenderer.Load(TemplateFile), view, TemplateFile),
        };
    }

    public static ColorsView Build(SignatureModel model) => new(
        ExportRules.VersionList(model),
        $"skypedissect export colors --versions {string.Join(",", model.Versions.Select(v => v.Id))}",
        [.. model.Versions[0].Steps.Select(s => new ColorRuleView(
            $"Skype login step {s.Number}: {s.Title.Replace('@', ' ')}",
            $"skypelogin.step == {s.Number}",
            Wide(StepPalette.Tint(s.Number)),
            Wide((0, 0, 0))))]);

    // colorfilters gives each channel 16 bits.
    private static string Wide((int R, int G, int B) c) => FormattableString.Invariant($"{c.R * 257},{c.G * 257},{c.B * 257}");
}
