using System.CommandLine;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect analyze CAPTURE... [--frames|--sessions] [--format table|tsv|csv|json] [--versions V,...]</c>:
/// tags every frame with the model, as the plugin does, and reconstructs each client's login.
/// </summary>
public static class AnalyzeCommand
{
    public enum Mode
    {
        /// <summary>For people: session summary and timelines.</summary>
        Summary,

        /// <summary>One row per tagged frame.</summary>
        Frames,

        /// <summary>One record per login session.</summary>
        Sessions,
    }

    public sealed record Settings(IReadOnlyList<string> Captures, Mode Mode, string? Format, IReadOnlySet<string>? Versions, bool Progress = false);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var captures = new Argument<string[]>("capture") { Description = "pcap or pcapng files.", Arity = ArgumentArity.OneOrMore };
        var frames = new Option<bool>("--frames") { Description = "One row per tagged frame: frame step group rule version." };
        var sessions = new Option<bool>("--sessions") { Description = "One record per client login (default output: summary table and timelines)." };
        var format = new Option<string?>("--format") { Description = "table (people; default for sessions), tsv (default for frames), csv or json." };
        format.AcceptOnlyFromAmong("table", "tsv", "csv", "json");
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("analyze", "Tag the frames of capture files and reconstruct each client's Skype login.") { captures, frames, sessions, format, versions };
        command.SetAction(r =>
        {
            if (r.GetValue(frames) && r.GetValue(sessions))
            {
                error.WriteLine("skypedissect: --frames and --sessions exclude each other");
                return (int)ExitCode.UsageError;
            }

            var mode = r.GetValue(frames) ? Mode.Frames : r.GetValue(sessions) ? Mode.Sessions : Mode.Summary;
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)
                : null;
            var progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
            return (int)Run(Signatures.Default, new Settings(r.GetValue(captures)!, mode, r.GetValue(format), chosen, progress), output, error);
        });
        return command;
    }

    public static ExitCode Run(SignatureModel model, Settings settings, TextWriter output, TextWriter error)
    {
        if (settings.Versions is { } wanted && wanted.FirstOrDefault(w => model.Version(w) is null) is { } unknown)
        {
            error.WriteLine($"skypedissect: unknown version '{unknown}'; known: {string.Join(", ", model.Versions.Select(x => x.Id))}");
            return ExitCode.UsageError;
        }

        // System.CommandLine hands unknown options to a variadic argument; a capture is never named "-x".
        if (settings.Captures.FirstOrDefault(c => c.StartsWith('-') && !File.Exists(c)) is { } option)
        {
            error.WriteLine($"skypedissect: unknown option '{option}' (see skypedissect analyze --help)");
            return ExitCode.UsageError;
        }

        var options = new TagOptions { EnabledVersions = settings.Versions, Details = settings.Mode != Mode.Frames };
        var output2 = new AnalyzeOutput(settings, output);
        var failed = 0;
        output2.Begin();
        foreach (var path in settings.Captures)
        {
            var sessions = new List<LoginSession>();
            // --frames prints no session: building them would only cost time and memory.
            var builder = settings.Mode == Mode.Frames ? null : new SessionBuilder(model, sessions.Add);
            var ok = AnalyzeOne(path, model, options, settings, tf =>
            {
                output2.Frame(path, tf.Tag);
                builder?.Add(tf);
            }, error);
            builder?.Flush();
            output2.Sessions(path, sessions.OrderBy(s => s.Start).ThenBy(s => s.Client, StringComparer.Ordinal).ToList());
            failed += ok ? 0 : 1;
        }

        output2.End();
        output.Flush();
        if (failed > 0 && settings.Captures.Count > 1)
        {
            error.WriteLine($"skypedissect: {failed} of {settings.Captures.Count} inputs could not be read completely (see above)");
        }

        return failed == 0 ? ExitCode.Success : ExitCode.InputError;
    }

    private static bool AnalyzeOne(string path, SignatureModel model, TagOptions options, Settings settings, Action<TaggedFrame> sink, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"skypedissect: {path}: is a directory, not a capture file");
            return false;
        }

        ProgressBar? bar = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            bar = settings.Progress && stream.CanSeek ? new ProgressBar(error, path, stream) : null;
            foreach (var tf in CaptureTagger.Analyze(stream, model, options))
            {
                sink(tf);
                bar?.Tick();
            }

            bar?.Done();
            return true;
        }
        catch (CaptureFormatException ex)
        {
            // Everything before the damage was already handed on.
            bar?.Done();
            error.WriteLine($"skypedissect: {path}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bar?.Done();
            error.WriteLine($"skypedissect: {path}: cannot read: {ex.Message}");
        }

        return false;
    }
}
