using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Rendering;

namespace SkypeDissect.Cli.Commands;

/// <summary>Routes what <c>analyze</c> finds to the writer of the chosen mode and format.</summary>
internal sealed class AnalyzeOutput(AnalyzeCommand.Settings settings, TextWriter output)
{
    private readonly bool several = settings.Captures.Count > 1;
    private readonly FrameWriter? frames = settings.Mode == AnalyzeCommand.Mode.Frames
        ? FrameWriter.Create(settings.Format is null or "table" ? "tsv" : settings.Format, output, settings.Captures.Count > 1)
        : null;

    private readonly List<Dictionary<string, object?>> json = [];
    private bool firstText = true;

    private string Format => settings.Format ?? "table";

    public void Begin()
    {
        frames?.Begin();
        if (settings.Mode == AnalyzeCommand.Mode.Sessions && Format is "tsv" or "csv")
        {
            var sep = Format == "tsv" ? "\t" : ",";
            output.Write((several ? "file" + sep : "") + string.Join(sep, SessionData.Columns) + "\n");
        }
    }

    public void Frame(string file, FrameTag tag) => frames?.Write(file, tag);

    public void Sessions(string file, IReadOnlyList<LoginSession> sessions)
    {
        if (frames is not null)
        {
            return;
        }

        switch (Format)
        {
            case "json":
                json.AddRange(sessions.Select(s => SessionData.Json(several ? file : null, s)));
                break;
            case "tsv":
            case "csv":
                var sep = Format == "tsv" ? '\t' : ',';
                foreach (var s in sessions)
                {
                    var cells = (several ? [file, .. SessionData.Row(s)] : SessionData.Row(s)).Select(c => TextCells.Delimited(c, sep));
                    output.Write(string.Join(sep, cells) + "\n");
                }

                break;
            default:
                if (!firstText)
                {
                    output.WriteLine();
                }

                firstText = false;
                SessionText.Render(file, sessions, output);
                break;
        }
    }

    public void Flush() => output.Flush();

    public void End()
    {
        frames?.End();
        if (frames is null && Format == "json")
        {
            output.Write(SessionData.JsonArray(json));
        }
    }
}
