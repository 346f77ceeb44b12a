using System.CommandLine;
using System.Text.RegularExpressions;
using SkypeDissect.Analyzer.Learning;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Generator.CSharp;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect learn CAPTURE --as VERSION [--base VERSION] [--format table|json]</c>: mines a capture of a
/// client starting up and proposes its signatures against a base version (default: the newest in the model),
/// each item with its evidence frames and marked added, changed, unchanged or not seen. With <c>--emit [PATH]</c>
/// it also writes the proposal, generalised and reviewed (<see cref="VersionDraft"/>), as a C# source file of the
/// model (default <c>src/SkypeDissect.Model/Versions/Skype&lt;digits&gt;.cs</c> under the current folder).
/// </summary>
public static partial class LearnCommand
{
    /// <param name="Emit">Where to write the version's C# file; empty for the default path; null for no file.</param>
    public sealed record Settings(string Capture, string AsVersion, string? BaseVersion, string Format, string? Emit = null);

    /// <summary>The folder of the model's version files, relative to the repository root.</summary>
    public const string VersionsFolder = "src/SkypeDissect.Model/Versions";

    [GeneratedRegex("^[0-9]{1,5}(\\.[0-9]{1,5}){1,3}$")]
    private static partial Regex VersionId();

    public static Command Create(TextWriter output, TextWriter error)
    {
        var capture = new Argument<string>("capture") { Description = "A pcap or pcapng file of a client starting up and logging in." };
        var asVersion = new Option<string>("--as") { Description = "The client version the capture shows (for example 7.7.3).", Required = true };
        var baseVersion = new Option<string?>("--base") { Description = "The version to compare with (default: the newest in the model)." };
        var format = new Option<string>("--format") { Description = "table (for people) or json (for programs).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var emit = new Option<string?>("--emit")
        {
            Description = $"Also write the proposed version: to a PATH ending in .json as a signature file (for --signatures), otherwise as C# source (default: {VersionsFolder}/Skype<digits>.cs under the current folder).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("learn", "Propose the signatures of a new client version from a capture, compared with a known version.")
        {
            capture, asVersion, baseVersion, format, emit,
        };
        command.SetAction(r => (int)Run(
            Signatures.Default,
            new Settings(r.GetValue(capture)!, r.GetValue(asVersion)!, r.GetValue(baseVersion), r.GetValue(format)!, r.GetResult(emit) is null ? null : r.GetValue(emit) ?? ""),
            output,
            error));
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

        if (settings.Emit is not null && report.Error is null && !Emit(report, baseVersion, settings, error))
        {
            return ExitCode.InputError;
        }

        if (report.Error is not null)
        {
            // What was read is reported above; the exit code tells scripts the file was not read to its end.
            error.WriteLine($"skypedissect: {settings.Capture}: {report.Error}");
            return ExitCode.InputError;
        }

        return ExitCode.Success;
    }

    /// <summary>Where <c>--emit</c> without a path writes: the model's versions folder, relative to the current folder.</summary>
    public static string DefaultEmitPath(string asVersion) => Path.Combine(VersionsFolder, VersionSourceGenerator.ClassName(asVersion) + ".cs");

    /// <summary>Writes the version file where the settings say, and only there; says where on standard error.</summary>
    private static bool Emit(LearnReport report, ClientVersion baseVersion, Settings settings, TextWriter error)
    {
        if (report.Client is null)
        {
            error.WriteLine($"skypedissect: {settings.Capture}: no Skype client found, nothing to emit");
            return false;
        }

        var path = settings.Emit is { Length: > 0 } p ? p : DefaultEmitPath(settings.AsVersion);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"skypedissect: cannot emit to {path}: folder {folder} does not exist (run from the repository root or give a path)");
            return false;
        }

        var version = VersionDraft.Draft(report, baseVersion);
        var problems = ModelValidator.Validate(new SignatureModel([version]));
        if (problems.Count > 0)
        {
            error.WriteLine($"skypedissect: the drafted version is not valid, nothing written: {problems[0].Path}: {problems[0].Message}");
            return false;
        }

        var command = $"skypedissect learn {report.Capture} --as {settings.AsVersion} --base {baseVersion.Id} --emit";
        // A .json path gets a signature file (analyze/generate --signatures read it); otherwise C# source of the model.
        var text = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ModelJson.Render([version])
            : VersionSourceGenerator.Generate(version, report.Capture, command);
        try
        {
            File.WriteAllText(path, text, GenerateCommand.Utf8NoBom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write {path}: {ex.Message}");
            return false;
        }

        error.WriteLine($"skypedissect: wrote {path} ({version.Rules.Count} rules of {settings.AsVersion})");
        return true;
    }
}
