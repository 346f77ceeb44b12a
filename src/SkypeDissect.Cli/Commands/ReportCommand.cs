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
        var captures = new Argument<string[]>("CAPTURE|DIR|-")
        {
            Description = "pcap or pcapng files (also gzip-compressed), directories (their capture files, not recursive), or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var file = new Option<string>("--output", "-o") { Description = "The HTML file to write (created or replaced).", Required = true, HelpName = "FILE.html" };
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", HelpName = "VERSION,..." };
        var command = new Command("report", "Draw each Skype login of the captures as a sequence diagram in one HTML file.") { captures, file, versions };
        command.SetAction(r =>
        {
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).DefaultIfEmpty("").ToHashSet(StringComparer.Ordinal)
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

        if (settings.Captures.FirstOrDefault(c => c.Length > 1 && c.StartsWith('-') && !File.Exists(c)) is { } option)
        {
            error.WriteLine($"skypedissect: unknown option '{option}' (see skypedissect report --help)");
            return ExitCode.UsageError;
        }

        if (settings.Captures.Count(CaptureSource.IsStandardInput) > 1)
        {
            error.WriteLine("skypedissect: standard input (-) can be read only once");
            return ExitCode.UsageError;
        }

        var options = new TagOptions { EnabledVersions = settings.Versions };
        var files = new List<FileReport>();
        var failed = new List<string>();
        var budget = ReportLimits.Diagrams;
        foreach (var input in CaptureInputs.Expand(settings.Captures))
        {
            var recorder = new ExchangeRecorder(model, budget);
            var count = new ReadCount();
            var problem = input.Problem ?? Read(input.Path, model, options, recorder, count);
            if (problem is not null)
            {
                failed.Add($"skypedissect: {CaptureSource.DisplayName(input.Path)}: {problem}");
            }

            // A capture read in part is in the report ("Read up to an error"); one of which nothing was read
            // (missing, empty, not a capture) is not, as analyze prints nothing for it: it is no capture without logins.
            if (problem is null || count.Frames > 0)
            {
                files.Add(recorder.Finish(CaptureSource.DisplayName(input.Path), problem));
                budget = recorder.Budget;
            }
        }

        if (files.Count == 0)
        {
            failed.ForEach(error.WriteLine);
            return ExitCode.InputError;
        }

        var html = ReportGenerator.Generate(model, files);
        try
        {
            File.WriteAllBytes(settings.Output, GenerateCommand.Utf8NoBom.GetBytes(html));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write {settings.Output}: {IoErrors.WriteReason(settings.Output, ex)}");
            return ExitCode.EnvironmentError;
        }

        output.WriteLine($"wrote {settings.Output}");
        failed.ForEach(error.WriteLine);
        return failed.Count == 0 ? ExitCode.Success : ExitCode.InputError;
    }

    private static string? Read(string path, SignatureModel model, TagOptions options, ExchangeRecorder recorder, ReadCount count)
    {
        if (Directory.Exists(path) && !CaptureSource.IsStandardInput(path))
        {
            return "is a directory, not a capture file";
        }

        CaptureSource? source = null;
        try
        {
            source = CaptureSource.Open(path);
            foreach (var tf in CaptureTagger.Analyze(source.Stream, model, options, count))
            {
                recorder.Add(tf);
            }

            return null;
        }
        catch (CaptureFormatException ex)
        {
            return source is { Compressed: true } ? $"at byte offset {ex.Offset} of the uncompressed data: {ex.Reason}" : ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return AnalyzeRunner.CannotRead(ex);
        }
        finally
        {
            source?.Dispose();
        }
    }
}
