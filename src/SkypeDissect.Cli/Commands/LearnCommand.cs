using System.CommandLine;
using System.Text.RegularExpressions;
using SkypeDissect.Learning;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Learning.CSharp;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect learn CAPTURE... --as VERSION [--base VERSION] [--format table|json]</c>: mines captures of a
/// client of one version starting up and proposes its signatures against a base version (default: the first in the model),
/// each item with its evidence frames and marked added, changed, unchanged or not seen. With <c>--emit [PATH]</c>
/// it also writes a draft of the version, generalised and checked against the capture (<see cref="VersionDraft"/>),
/// as a C# source file of the model for a person to review (default
/// <c>src/SkypeDissect.Model/Versions/Skype&lt;digits&gt;.cs</c> under the current folder). An existing file there
/// is a reviewed version that people own: it is replaced only with <c>--force</c>.
/// </summary>
public static partial class LearnCommand
{
    /// <param name="Emit">Where to write the version's C# file; empty for the default path; null for no file.</param>
    /// <param name="Force">Replace the file at the emit path when it exists.</param>
    public sealed record Settings(IReadOnlyList<string> Captures, string AsVersion, string? BaseVersion, string Format, string? Emit = null, bool Force = false);

    /// <summary>The folder of the model's version files, relative to the repository root.</summary>
    public const string VersionsFolder = "src/SkypeDissect.Model/Versions";

    [GeneratedRegex("^[0-9]{1,5}(\\.[0-9]{1,5}){1,3}$")]
    private static partial Regex VersionId();

    public static Command Create(TextWriter output, TextWriter error)
    {
        var capture = new Argument<string[]>("CAPTURE")
        {
            Description = "pcap or pcapng files (also gzip-compressed; - for standard input) of clients of the version starting up and logging in (each fact says which showed it).",
            HelpName = "CAPTURE",
            Arity = ArgumentArity.OneOrMore,
        };
        var asVersion = new Option<string>("--as") { Description = "The client version the capture shows (for example 7.7.3).", Required = true, HelpName = "VERSION" };
        var baseVersion = new Option<string?>("--base") { Description = "The version to compare with (default: the first in the model).", HelpName = "VERSION" };
        var format = new Option<string>("--format") { Description = "table (for people) or json (for programs).", DefaultValueFactory = _ => "table" };
        UsageErrors.OnlyValues(format, "table", "json");
        var emit = new Option<string?>("--emit")
        {
            Description = $"Also write a draft of the version to review: to a PATH ending in .json as a signature file (for --signatures), otherwise as C# source (default: {VersionsFolder}/Skype<digits>.cs under the current folder). An existing file is not replaced without --force.",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "PATH",
        };
        var force = new Option<bool>("--force") { Description = "With --emit: replace the file if it exists (a reviewed version people own)." };
        var command = new Command("learn", "Propose the signatures of a new client version from a capture, compared with a known version.")
        {
            capture, asVersion, baseVersion, format, emit, force,
        };
        command.SetAction(r => (int)Run(
            Signatures.Default,
            new Settings(r.GetValue(capture)!, r.GetValue(asVersion)!, r.GetValue(baseVersion), r.GetValue(format)!,
                r.GetResult(emit) is null ? null : r.GetValue(emit) ?? "", r.GetValue(force)),
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

        var emitPath = settings.Emit is null ? null : settings.Emit.Length > 0 ? settings.Emit : DefaultEmitPath(settings.AsVersion);
        if (emitPath is not null && EmitRefused(emitPath, settings.Force, error) is { } refused)
        {
            return refused;
        }

        if (emitPath is not null && settings.Captures.Any(CaptureSource.IsStandardInput))
        {
            error.WriteLine("skypedissect: --emit reads each capture again to check its draft, and standard input can be read once: save the capture to a file");
            return ExitCode.UsageError;
        }

        if (Read(settings, baseVersion, error, out var report, out var compressed) is { } failed)
        {
            return failed;
        }

        var damaged = report.Captures.Select((c, i) => (Path: CaptureSource.DisplayName(settings.Captures[i]), Error: c.Error is null ? null : Uncompressed(c.Error, compressed[i]))).Where(c => c.Error is not null).ToList();
        if (settings.Format == "json")
        {
            output.Write(LearnJson.Render(report));
        }
        else
        {
            LearnText.Render(report, output);
        }

        if (emitPath is not null && damaged.Count == 0 && Emit(report, baseVersion, settings, emitPath, error) is { } unwritten)
        {
            return unwritten;
        }

        // A bound reached is no damage: the report says what it kept out and is learned from the rest (standard error
        // says it too, for a report that goes to a file).
        foreach (var (c, i) in report.Captures.Select((c, i) => (c, i)).Where(x => x.c.Dropped is not null))
        {
            error.WriteLine($"skypedissect: {CaptureSource.DisplayName(settings.Captures[i])}: {c.Dropped}");
        }

        // What was read is reported above; the exit code tells scripts a file was not read to its end.
        foreach (var (path, reason) in damaged)
        {
            error.WriteLine($"skypedissect: {path}: {reason}");
        }

        if (damaged.Count > 0)
        {
            return ExitCode.InputError;
        }

        return ExitCode.Success;
    }

    /// <summary>Opens and learns the captures; a failure (a capture given twice, a file that cannot be read at all) is its one error line and exit code.</summary>
    private static ExitCode? Read(Settings settings, ClientVersion baseVersion, TextWriter error, out LearnReport report, out bool[] compressed)
    {
        report = null!;
        compressed = [];
        if (settings.Captures.GroupBy(Full, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            error.WriteLine($"skypedissect: {twice.First()} is given twice; each capture counts once");
            return ExitCode.UsageError;
        }

        // Reports and drafts name a capture by its file name, or by the path given when two files share a name.
        var names = settings.Captures.Select(Path.GetFileName).Distinct(StringComparer.Ordinal).Count() == settings.Captures.Count
            ? settings.Captures.Select(p => CaptureSource.IsStandardInput(p) ? CaptureSource.DisplayName(p) : Path.GetFileName(p)!).ToList()
            : [.. settings.Captures.Select(CaptureSource.DisplayName)];
        if (settings.Captures.Any(CaptureSource.IsStandardInput) && Console.IsInputRedirected is false)
        {
            error.WriteLine("skypedissect: - reads a capture from standard input, which is a terminal here; pipe one in");
            return ExitCode.UsageError;
        }

        var sources = new List<CaptureSource>();
        try
        {
            foreach (var path in settings.Captures)
            {
                if (Directory.Exists(path) && !CaptureSource.IsStandardInput(path))
                {
                    error.WriteLine($"skypedissect: {path}: is a directory, not a capture file");
                    return ExitCode.InputError;
                }

                sources.Add(CaptureSource.Open(path));
            }

            report = Learner.Learn([.. names.Zip(sources, (name, source) => new CaptureInput(name, source.Stream))], baseVersion, settings.AsVersion);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            var path = sources.Count < settings.Captures.Count ? settings.Captures[sources.Count] : string.Join(", ", settings.Captures);
            error.WriteLine($"skypedissect: {CaptureSource.DisplayName(path)}: {AnalyzeRunner.CannotRead(ex)}");
            return ExitCode.InputError;
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }

        var opened = sources.Select(s => s.Compressed).ToArray();
        compressed = opened;

        // A file of which nothing could be read is no capture: its error alone, as for a file that cannot be opened.
        var unreadable = report.Captures.Select((c, i) => (Path: settings.Captures[i], c.Error, c.Frames, Compressed: opened[i])).FirstOrDefault(c => c.Error is not null && c.Frames == 0);
        if (unreadable.Error is not null)
        {
            error.WriteLine($"skypedissect: {CaptureSource.DisplayName(unreadable.Path)}: {Uncompressed(unreadable.Error, unreadable.Compressed)}");
            return ExitCode.InputError;
        }

        return null;
    }

    /// <summary>A capture opened again to check the draft (standard input cannot be: <c>--emit</c> refuses it before).</summary>
    private static Stream Open(string path) => CaptureSource.Open(path).Stream;

    private static string Full(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            return path; // opening it will say what is wrong with it
        }
    }

    /// <summary>Offsets in a gzip-compressed capture count its uncompressed bytes: say so.</summary>
    private static string Uncompressed(string error, bool compressed) =>
        compressed && error.StartsWith("at byte offset ", StringComparison.Ordinal) && error.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? error[..colon] + " of the uncompressed data" + error[colon..]
            : error;

    /// <summary>Where <c>--emit</c> without a path writes: the model's versions folder, relative to the current folder.</summary>
    public static string DefaultEmitPath(string asVersion) => Path.Combine(VersionsFolder, VersionSourceGenerator.ClassName(asVersion) + ".cs");

    /// <summary>Why the draft may not go to <paramref name="path"/>, checked before any work: a missing folder, or a file people own.</summary>
    private static ExitCode? EmitRefused(string path, bool force, TextWriter error)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            error.WriteLine($"skypedissect: cannot emit to {path}: folder {folder} does not exist (run from the repository root or give a path)");
            return ExitCode.EnvironmentError;
        }

        if (Directory.Exists(path))
        {
            error.WriteLine($"skypedissect: cannot emit to {path}: is a directory");
            return ExitCode.EnvironmentError;
        }

        if (File.Exists(path) && !force)
        {
            error.WriteLine($"skypedissect: {path} exists (a reviewed version belongs to people); not replaced: give another path, or --force to replace it");
            return ExitCode.OutputExists;
        }

        return null;
    }

    /// <summary>Writes the draft where the settings say, and only there; says where on standard error. Null when written.</summary>
    private static ExitCode? Emit(LearnReport report, ClientVersion baseVersion, Settings settings, string path, TextWriter error)
    {
        if (report.Captures.All(c => c.Client is null))
        {
            error.WriteLine($"skypedissect: {string.Join(", ", settings.Captures)}: no Skype client found, nothing to emit");
            return ExitCode.InputError;
        }

        ClientVersion version;
        try
        {
            version = VersionDraft.Draft(report, baseVersion, i => Open(settings.Captures[i]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot read a capture again to check the draft: {ex.Message}");
            return ExitCode.InputError;
        }

        var problems = ModelValidator.Validate(new SignatureModel([version]));
        if (problems.Count > 0)
        {
            error.WriteLine($"skypedissect: the drafted version is not valid, nothing written: {problems[0].Path}: {problems[0].Message}");
            return ExitCode.InvalidModel;
        }

        var command = $"skypedissect learn {string.Join(" ", report.Captures.Select(c => c.Name))} --as {settings.AsVersion} --base {baseVersion.Id} --emit";
        // A .json path gets a signature file (analyze/generate --signatures read it); otherwise C# source of the model.
        var text = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ModelJson.Render([version])
            : VersionSourceGenerator.Generate(version, string.Join(", ", report.Captures.Select(c => c.Name)), command);
        try
        {
            File.WriteAllText(path, text, GenerateCommand.Utf8NoBom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write {path}: {IoErrors.WriteReason(path, ex)}");
            return ExitCode.EnvironmentError;
        }

        error.WriteLine($"skypedissect: wrote {path} ({version.Rules.Count} rules of {settings.AsVersion}, a draft to review)");
        return null;
    }
}
