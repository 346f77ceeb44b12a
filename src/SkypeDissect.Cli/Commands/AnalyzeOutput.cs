using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Rendering;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// Routes what <c>analyze</c> (and <c>capture</c>) finds to the writer of the chosen mode and format, as it comes:
/// frame rows, and sessions in the order <see cref="SessionOrder"/> releases them. Nothing is held but the
/// summary table's short rows of the current file (default format).
/// </summary>
internal sealed class AnalyzeOutput(AnalyzeCommand.Settings settings, TextWriter output)
{
    private readonly bool several = settings.Captures.Count > 1;
    private readonly FrameWriter? frames = settings.Mode == AnalyzeCommand.Mode.Frames
        ? FrameWriter.Create(settings.Format is null or "table" ? "tsv" : settings.Format, output, settings.Captures.Count > 1)
        : null;

    private readonly JsonSessionArray? json = settings.Mode != AnalyzeCommand.Mode.Frames && settings.Format == "json" ? new JsonSessionArray(output) : null;
    private readonly List<string[]> rows = [];
    private bool firstFile = true;

    private string Format => settings.Format ?? "table";

    private bool Table => frames is null && Format == "table";

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

    /// <summary>The next file's output starts (its sessions and summary follow).</summary>
    public void BeginFile()
    {
        if (Table && !firstFile)
        {
            output.WriteLine();
        }

        firstFile = false;
        rows.Clear();
    }

    /// <summary>One login session of <paramref name="file"/>, in start order.</summary>
    public void Session(string file, LoginSession s)
    {
        if (frames is not null)
        {
            return;
        }

        switch (Format)
        {
            case "json":
                json!.Add(SessionData.Json(several ? file : null, s));
                break;
            case "tsv":
            case "csv":
                var sep = Format == "tsv" ? '\t' : ',';
                var cells = (several ? [file, .. SessionData.Row(s)] : SessionData.Row(s)).Select(c => TextCells.Delimited(c, sep));
                output.Write(string.Join(sep, cells) + "\n");
                break;
            default:
                SessionText.Login(file, rows.Count, s, output);
                rows.Add(SessionText.Row(s));
                break;
        }
    }

    /// <summary>The file is done: its summary table (default format).</summary>
    public void EndFile(string file)
    {
        if (Table)
        {
            SessionText.Summary(file, rows, output);
            rows.Clear();
        }
    }

    public void Flush() => output.Flush();

    public void End()
    {
        frames?.End();
        json?.End();
    }
}
