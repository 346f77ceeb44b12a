using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Rendering;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// Routes what <c>analyze</c> (and <c>capture</c>) finds to the writer of the chosen mode and format, as it comes:
/// frame rows, and sessions in the order <see cref="SessionOrder"/> releases them. Nothing is held but the
/// summary table's short rows of the current file (default format). Nothing is written before the first input
/// that was read (a header or an empty JSON array would tell a script that a capture without logins was read,
/// when none was).
/// </summary>
internal sealed class AnalyzeOutput(AnalyzeCommand.Settings settings, TextWriter output)
{
    private readonly bool several = settings.Captures.Count > 1;
    private readonly string format = AnalyzeCommand.EffectiveFormat(settings.Mode, settings.Format);
    private readonly List<string[]> rows = [];
    private FrameWriter? frames;
    private JsonSessionArray? json;
    private bool begun;
    private bool anyFile;
    private bool fileBegun;

    private bool Table => settings.Mode == AnalyzeCommand.Mode.Summary && format == "table";

    /// <summary>One tagged frame: a row with --frames, nothing otherwise (sessions come on their own).</summary>
    public void Frame(string file, FrameTag tag)
    {
        if (settings.Mode != AnalyzeCommand.Mode.Frames)
        {
            return;
        }

        Begin();
        frames!.Write(file, tag);
    }

    /// <summary>The next file starts: its sessions and summary follow (nothing is written until one does).</summary>
    public void BeginFile()
    {
        fileBegun = false;
        rows.Clear();
    }

    /// <summary>One login session of <paramref name="file"/>, in start order.</summary>
    public void Session(string file, LoginSession s)
    {
        if (settings.Mode == AnalyzeCommand.Mode.Frames)
        {
            return;
        }

        StartFile();
        switch (format)
        {
            case "json":
                json!.Add(SessionData.Json(several ? file : null, s));
                break;
            case "tsv":
            case "csv":
                var sep = format == "tsv" ? '\t' : ',';
                var cells = (several ? [file, .. SessionData.Row(s)] : SessionData.Row(s)).Select(c => TextCells.Delimited(c, sep));
                output.Write(string.Join(sep, cells) + "\n");
                break;
            default:
                SessionText.Login(CaptureSource.DisplayName(file), rows.Count, s, output);
                rows.Add(SessionText.Row(s));
                break;
        }
    }

    /// <summary>An input that was read (in whole or in part) is done: its summary table (default format).</summary>
    public void EndFile(string file)
    {
        StartFile();
        if (Table)
        {
            SessionText.Summary(CaptureSource.DisplayName(file), rows, output);
            rows.Clear();
        }
    }

    public void Flush() => output.Flush();

    public void End()
    {
        if (!begun)
        {
            return;
        }

        frames?.End();
        json?.End();
    }

    /// <summary>Writes what comes before the first record (a header, an array's opening); once, and only when needed.</summary>
    public void Begin()
    {
        if (begun)
        {
            return;
        }

        begun = true;
        if (settings.Mode == AnalyzeCommand.Mode.Frames)
        {
            frames = FrameWriter.Create(format, output, several);
            frames.Begin();
        }
        else if (format == "json")
        {
            json = new JsonSessionArray(output);
        }
        else if (format is "tsv" or "csv")
        {
            var sep = format == "tsv" ? "\t" : ",";
            output.Write((several ? "file" + sep : "") + string.Join(sep, SessionData.Columns) + "\n");
        }
    }

    /// <summary>The first output of a file: the header of the run, and a blank line after an earlier file's table.</summary>
    private void StartFile()
    {
        Begin();
        if (fileBegun)
        {
            return;
        }

        fileBegun = true;
        if (Table && anyFile)
        {
            output.WriteLine();
        }

        anyFile = true;
    }
}
