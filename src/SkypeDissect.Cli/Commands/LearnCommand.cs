using System.CommandLine;
using System.Text.RegularExpressions;
using SkypeDissect.Analyzer.Learning;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect learn CAPTURE --as VERSION [--base VERSION] [--format table|json]</c>: mines a capture of a
/// client starting up and proposes its signatures against a base version (default: the newest in the model),
/// each item with its evidence frames and marked added, changed, unchanged or not seen. Report only.
/// </summary>
public static partial class LearnCommand
{
    public sealed record Settings(string Capture, string AsVersion, string? BaseVersion, string Format);

    [GeneratedRegex("^[0-9]{1,5}(\\.[0-9]{1,5}){1,3}$")]
    private static partial Regex VersionId();

    public static Command Create(TextWriter output, TextWriter error)
    {
        var capture = new Argument<string>("capture") { Description = "A pcap or pcapng file of a client starting up and logging in." };
        var asVersion = new Option<string>("--as") { Description = "The client version the capture shows (for example 7.7.3).", Required = true };
        var baseVersion = new Option<string?>("--base") { Description = "The version to compare with (default: the newest in the model)." };
        var format = new Option<string>("--format") { Description = "table (for people) or json (for programs).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("learn", "Propose the signatures of a new client version from a capture, compared with a known version.")
        {
            capture, asVersion, baseVersion, format,
        };
        command.SetAction(r => (int)Run(Signatures.Default, new Settings(r.GetValue(capture)!, r.GetValue(asVersion)!, r.GetValue(baseVersion), r.GetValue(format)!), output, error));
        return command;
    }

    public static ExitCode Run(SignatureModel model, Settings settings, TextWriter output, TextWriter error)
    {
        if (!VersionId().IsMatch(settings.AsVersion))
        {
            error.WriteLine($"skypedissect: --as '{settings.AsVersion}' is not a version: two to four dot-separated numbers, like 7.7.3");
            return ExitCode.UsageError;
        }

        var baseVersion = settings.BaseVersion is null ? model.Versions.FirstOrDefault() : model.Version(settings.BaseVersion);
        if (baseVersion is null)
        {
            error.WriteLine($"skypedissect: unknown version '{settings.BaseVersion}'; known: {string.Join(", ", model.Versions.Select(v => v.Id))}");
            return ExitCode.UsageError;
        }

        LearnReport report;
        try
        {
            if (Directory.Exists(settings.Capture))
            {
                error.WriteLine($"skypedissect: {settings.Capture}: is a directory, not a capture file");
                return ExitCode.InputError;
            }

            using var stream = new FileStream(settings.Capture, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            report = Learner.Learn(stream, Path.GetFileName(settings.Capture), baseVersion, settings.AsVersion);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: {settings.Capture}: cannot read: {ex.Message}");
            return ExitCode.InputError;
        }

        if (report.Error is not null && report.Frames == 0)
        {
            error.WriteLine($"skypedissect: {settings.Capture}: {report.Error}");
            return ExitCode.InputError;
        }

        if (settings.Format == "json")
        {
            output.Write(LearnJson.Render(report));
        }
        else
        {
            LearnText.Render(report, output);
        }

        if (report.Error is not null)
        {
            // What was read is reported above; the exit code tells scripts the file was not read to its end.
            error.WriteLine($"skypedissect: {settings.Capture}: {report.Error}");
            return ExitCode.InputError;
        }

        return ExitCode.Success;
    }
}
