using System.CommandLine;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Cli.Report;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect report CAPTURE|DIR... --output FILE.html [--versions V,...]</c>: draws each login as a
/// sequence diagram beside its facts, in one self-contained HTML file.
/// </summary>
public static class ReportCommand
{
    public sealed record Settings(IReadOnlyList<string> Captures, string Output, IReadOnlySet<string>? Versions);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var captures = new Argument<string[]>("capture") { Description = "pcap or pcapng files, or directories (their *.pcap, *.pcapng, *.cap files, not recursive).", Arity = ArgumentArity.OneOrMore };
        var file = new Option<string>("--output", "-o") { Description = "The HTML file to write (created or replaced).", Required = true };
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("report", "Draw each Skype login of the captures as a sequence diagram in one HTML file.") { captures, file, versions };
        command.SetAction(r =>
        {
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)
                : null;
            return (int)Run(Signatures.Default, new Settings(r.GetValue(captures)!, r.GetValue(file)!, chosen), output, error);
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

        if (settings.Captures.FirstOrDefault(c => c.StartsWith('-') && !File.Exists(c)) is { } option)
        {
            error.WriteLine($"skypedissect: unknown option '{option}' (see skypedissect report --help)");
            return ExitCode.UsageError;
        }

        var options = new TagOptions { EnabledVersions = settings.Versions };
        var files = new List<FileReport>();
        var budget = ReportLimits.Diagrams;
        foreach (var input in CaptureInputs.Expand(settings.Captures))
        {
            var recorder = new ExchangeRecorder(model, budget);
            var problem = input.Problem ?? Read(input.Path, model, options, recorder);
            files.Add(recorder.Finish(input.Path, problem));
            budget = recorder.Budget;
        }

        var html = ReportGenerator.Generate(model, files);
        try
        {
            File.WriteAllBytes(settings.Output, GenerateCommand.Utf8NoBom.GetBytes(html));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write {settings.Output}: {ex.Message}");
            return ExitCode.EnvironmentError;
        }

        output.WriteLine($"wrote {settings.Output}");
        var failed = files.Where(f => f.Error is not null).ToList();
        failed.ForEach(f => error.WriteLine($"skypedissect: {f.Path}: {f.Error}"));
        return failed.Count == 0 ? ExitCode.Success : ExitCode.InputError;
    }

    private static string? Read(string path, SignatureModel model, TagOptions options, ExchangeRecorder recorder)
    {
        if (Directory.Exists(path))
        {
            return "is a directory, not a capture file";
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            foreach (var tf in CaptureTagger.Analyze(stream, model, options))
            {
                recorder.Add(tf);
            }

            return null;
        }
        catch (CaptureFormatException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot read: {ex.Message}";
        }
    }
}
