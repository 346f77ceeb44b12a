using System.CommandLine;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect analyze CAPTURE... [--frames] [--format tsv|csv|json] [--versions V,...]</c>: tags every
/// frame with the model, as the plugin does.
/// </summary>
public static class AnalyzeCommand
{
    public sealed record Settings(IReadOnlyList<string> Captures, string Format, IReadOnlySet<string>? Versions);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var captures = new Argument<string[]>("capture") { Description = "pcap or pcapng files.", Arity = ArgumentArity.OneOrMore };
        var frames = new Option<bool>("--frames") { Description = "One row per tagged frame: frame step group rule version (the default for now)." };
        var format = new Option<string>("--format") { Description = "tsv, csv or json.", DefaultValueFactory = _ => "tsv" };
        format.AcceptOnlyFromAmong("tsv", "csv", "json");
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("analyze", "Tag the frames of capture files with the Skype login signatures.") { captures, frames, format, versions };
        command.SetAction(r =>
        {
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)
                : null;
            return (int)Run(Signatures.Default, new Settings(r.GetValue(captures)!, r.GetValue(format)!, chosen), output, error);
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

        var options = new TagOptions { EnabledVersions = settings.Versions };
        var writer = FrameWriter.Create(settings.Format, output, withFile: settings.Captures.Count > 1);
        var failed = 0;
        writer.Begin();
        foreach (var path in settings.Captures)
        {
            if (!TagOne(path, model, options, writer, error))
            {
                failed++;
            }
        }

        writer.End();
        output.Flush();
        return failed == 0 ? ExitCode.Success : ExitCode.InputError;
    }

    private static bool TagOne(string path, SignatureModel model, TagOptions options, FrameWriter writer, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"skypedissect: {path}: is a directory, not a capture file");
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            foreach (var tag in CaptureTagger.Tag(stream, model, options))
            {
                writer.Write(path, tag);
            }

            return true;
        }
        catch (CaptureFormatException ex)
        {
            // Everything before the damage was already written.
            error.WriteLine($"skypedissect: {path}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: {path}: cannot read: {ex.Message}");
        }

        return false;
    }
}
