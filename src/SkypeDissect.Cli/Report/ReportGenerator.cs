using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Report;

/// <summary>
/// Renders the report of analysed captures as one self-contained HTML file (styles and SVG inline, no script,
/// nothing fetched when opened) through <c>templates/report.sbn</c>. A pure function: the same findings give
/// the same bytes; the command writes the file.
/// </summary>
public static class ReportGenerator
{
    public const string TemplateFile = "report.sbn";

    public static string Generate(SignatureModel model, IReadOnlyList<FileReport> files)
    {
        var view = ReportViewBuilder.Build(model, files);
        return TemplateRenderer.Render(TemplateRenderer.Load(TemplateFile), view, TemplateFile);
    }
}
