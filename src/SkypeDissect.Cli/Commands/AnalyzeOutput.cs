using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Rendering;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// Routes what <c>analyze</c> finds to the writer of the chosen mode and format. Nothing is written before the
/// first input that was read (a header or an empty JSON array would tell a script that a capture without
/// logins was read, when none was).
/// </summary>
internal sealed class AnalyzeOutput(AnalyzeCommand.Settings settings, TextWriter output)
{
    private readonly bool several = settings.Captures.Count > 1;
    private readonly string format = AnalyzeCommand.EffectiveFormat(settings.Mode, settings.Format);
    private readonly List<Dictionary<string, object?>> json = [];
    private FrameWriter? frames;
    private bool begun;
    private bool firstText = true;

    /// <summary>One tagged frame: a row with --frames, nothing otherwise (the sessions are written per file).</summary>
    public void Frame(string file, FrameTag tag)
    {
        if (settings.Mode != AnalyzeCommand.Mode.Frames)
        {
            return;
        }

        Begin();
        frames!.Write(file, tag);
    }

    /// <summary>An input that was read (in whole or in part), with its sessions (none with --frames).</summary>
    public void Sessions(string file, IReadOnlyList<LoginSession> sessions)
    {
        Begin();
        if (settings.Mode == AnalyzeCommand.Mode.Frames)
        {
            return;
        }

        switch (format)
        {
            case "json":
                json.AddRange(sessions.Select(s => SessionData.Json(several ? file : null, s)));
                break;
            case "tsv":
            case "csv":
                var sep = format == "tsv" ? '\t' : ',';
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
                SessionText.Render(CaptureSource.DisplayName(file), sessions, output);
                break;
        }
    }

    public void End()
    {
        if (!begun)
        {
            return;
        }

        frames?.End();
        if (settings.Mode != AnalyzeCommand.Mode.Frames && format == "json")
        {
            output.Write(SessionData.JsonArray(json));
        }
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
        else if (format is "tsv" or "csv")
        {
            var sep = format == "tsv" ? "\t" : ",";
            output.Write((several ? "file" + sep : "") + string.Join(sep, SessionData.Columns) + "\n");
        }
    }
}
