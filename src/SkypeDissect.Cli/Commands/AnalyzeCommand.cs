using System.CommandLine;
using SkypeDissect.Analyzer;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect analyze CAPTURE|DIR... [--frames|--sessions] [--format table|tsv|csv|json] [--versions V,...] [--jobs N]</c>:
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

    /// <param name="Jobs">Files analysed at once; null: one per processor.</param>
    public sealed record Settings(IReadOnlyList<string> Captures, Mode Mode, string? Format, IReadOnlySet<string>? Versions, bool Progress = false, int? Jobs = null);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var captures = new Argument<string[]>("CAPTURE|DIR|-")
        {
            Description = "pcap or pcapng files (also gzip-compressed), directories (their capture files, not recursive), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "CAPTURE|DIR|-",
        };
        var jobs = new Option<int?>("--jobs")
        {
            Description = "Files analysed at once (default: one per processor); the output is the same for any number.",
            HelpName = "N",
            CustomParser = r => UsageErrors.WholeNumber(r, "--jobs", 1),
        };
        var frames = new Option<bool>("--frames") { Description = "One row per tagged frame: frame step group rule version." };
        var sessions = new Option<bool>("--sessions") { Description = "One record per client login (default output: summary table and timelines)." };
        var format = new Option<string?>("--format") { Description = "table (people; the default without --frames and --sessions), tsv (default with them), csv or json." };
        UsageErrors.OnlyValues(format, "table", "tsv", "csv", "json");
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", HelpName = "VERSION,..." };
        var signatures = SignatureFiles.CreateOption();
        var command = new Command("analyze", "Tag the frames of capture files and reconstruct each client's Skype login.") { captures, frames, sessions, format, versions, jobs, signatures };
        command.SetAction(r =>
        {
            if (r.GetValue(frames) && r.GetValue(sessions))
            {
                error.WriteLine("skypedissect: --frames and --sessions exclude each other");
                return (int)ExitCode.UsageError;
            }

            // System.CommandLine hands unknown options to the variadic argument; a capture is never named "-x".
            if (r.GetValue(captures)!.FirstOrDefault(c => c.Length > 1 && c.StartsWith('-') && !File.Exists(c)) is { } option)
            {
                error.WriteLine($"skypedissect: {UsageErrors.UnknownOption(command, option)} (see skypedissect analyze --help)");
                return (int)ExitCode.UsageError;
            }

            var mode = r.GetValue(frames) ? Mode.Frames : r.GetValue(sessions) ? Mode.Sessions : Mode.Summary;
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).DefaultIfEmpty("").ToHashSet(StringComparer.Ordinal)
                : null;
            var progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
            if (SignatureFiles.Load(Signatures.Default, r.GetValue(signatures), error, out var loading) is not { } model)
            {
                return (int)loading;
            }

            return (int)Run(model, new Settings(r.GetValue(captures)!, mode, r.GetValue(format), chosen, progress, r.GetValue(jobs)), output, error);
        });
        return command;
    }

    /// <summary>The format a mode is written in: table for the summary, tsv for frames and sessions, unless given.</summary>
    public static string EffectiveFormat(Mode mode, string? format) => format ?? (mode == Mode.Summary ? "table" : "tsv");

    /// <summary>Why a mode and format do not go together (the table is the summary for people), or null.</summary>
    public static string? FormatProblem(Mode mode, string? format) =>
        format == "table" && mode != Mode.Summary
            ? $"--format table is the summary for people (without --frames and --sessions); {(mode == Mode.Frames ? "--frames" : "--sessions")} writes tsv, csv or json"
            : null;

    public static ExitCode Run(SignatureModel model, Settings settings, TextWriter output, TextWriter error)
    {
        if (Problem(model, settings) is { } problem)
        {
            error.WriteLine("skypedissect: " + problem);
            return ExitCode.UsageError;
        }

        var inputs = CaptureInputs.Expand(settings.Captures);
        var expanded = settings with { Captures = inputs.Select(i => i.Path).ToList() };
        var sink = new AnalyzeOutput(expanded, output);
        var runner = new AnalyzeRunner(model, expanded, new TagOptions { EnabledVersions = settings.Versions, Details = settings.Mode != Mode.Frames });
        var errors = runner.Run(inputs, sink, error, settings.Jobs ?? Environment.ProcessorCount);
        sink.End();
        output.Flush();
        // One line per input that failed, in input order, after everything that could be read was reported.
        errors.ForEach(error.WriteLine);
        if (errors.Count > 0 && inputs.Count > 1)
        {
            error.WriteLine($"skypedissect: {errors.Count} of {inputs.Count} inputs could not be read completely (see above)");
        }

        return errors.Count == 0 ? ExitCode.Success : ExitCode.InputError;
    }

    private static string? Problem(SignatureModel model, Settings settings)
    {
        if (FormatProblem(settings.Mode, settings.Format) is { } format)
        {
            return format;
        }

        if (settings.Jobs is < 1)
        {
            return "--jobs must be a whole number of at least 1";
        }

        if (settings.Versions is { } wanted && wanted.FirstOrDefault(w => model.Version(w) is null) is { } unknown)
        {
            return $"unknown version '{unknown}'; known: {string.Join(", ", model.Versions.Select(x => x.Id))}";
        }

        if (settings.Captures.Count(CaptureSource.IsStandardInput) > 1)
        {
            return "standard input (-) can be read only once";
        }

        if (settings.Captures.Any(CaptureSource.IsStandardInput) && !Console.IsInputRedirected)
        {
            return "- reads a capture from standard input, which is a terminal here; pipe one in (for example: tcpdump -w - | skypedissect analyze -)";
        }

        return null;
    }
}
