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
        var captures = new Argument<string[]>("capture") { Description = "pcap or pcapng files, or directories (their *.pcap, *.pcapng, *.cap files, not recursive).", Arity = ArgumentArity.OneOrMore };
        var jobs = new Option<int?>("--jobs") { Description = "Files analysed at once (default: one per processor); the output is the same for any number." };
        var frames = new Option<bool>("--frames") { Description = "One row per tagged frame: frame step group rule version." };
        var sessions = new Option<bool>("--sessions") { Description = "One record per client login (default output: summary table and timelines)." };
        var format = new Option<string?>("--format") { Description = "table (people; default for sessions), tsv (default for frames), csv or json." };
        format.AcceptOnlyFromAmong("table", "tsv", "csv", "json");
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var signatures = SignatureFiles.CreateOption();
        var command = new Command("analyze", "Tag the frames of capture files and reconstruct each client's Skype login.") { captures, frames, sessions, format, versions, jobs, signatures };
        command.SetAction(r =>
        {
            if (r.GetValue(frames) && r.GetValue(sessions))
            {
                error.WriteLine("skypedissect: --frames and --sessions exclude each other");
                return (int)ExitCode.UsageError;
            }

            if (r.GetValue(jobs) is < 1)
            {
                error.WriteLine("skypedissect: --jobs must be at least 1");
                return (int)ExitCode.UsageError;
            }

            var mode = r.GetValue(frames) ? Mode.Frames : r.GetValue(sessions) ? Mode.Sessions : Mode.Summary;
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)
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

        var inputs = CaptureInputs.Expand(settings.Captures);
        var expanded = settings with { Captures = inputs.Select(i => i.Path).ToList() };
        var output2 = new AnalyzeOutput(expanded, output);
        output2.Begin();
        var runner = new AnalyzeRunner(model, expanded, new TagOptions { EnabledVersions = settings.Versions, Details = settings.Mode != Mode.Frames });
        var errors = runner.Run(inputs, output2, error, settings.Jobs ?? Environment.ProcessorCount);
        output2.End();
        output.Flush();
        // One line per input that failed, in input order, after everything that could be read was reported.
        errors.ForEach(error.WriteLine);
        if (errors.Count > 0 && inputs.Count > 1)
        {
            error.WriteLine($"skypedissect: {errors.Count} of {inputs.Count} inputs could not be read completely (see above)");
        }

        return errors.Count == 0 ? ExitCode.Success : ExitCode.InputError;
    }
}
