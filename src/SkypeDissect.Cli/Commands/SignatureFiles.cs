using System.CommandLine;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>--signatures FILE|DIR</c>: client versions from signature files (the JSON of <c>signatures --format json</c>
/// and <c>learn --emit V.json</c>), added after the built-in versions. A directory stands for its <c>*.json</c>
/// files (not recursive, ordinal order). The combined model is checked by the same validator as the built-in one;
/// each problem is printed with the file and its path inside it, and the command exits with 4.
/// </summary>
public static class SignatureFiles
{
    public static Option<string[]> CreateOption() => new("--signatures")
    {
        Description = "Also use the client versions of these signature files (JSON, as signatures --format json and learn --emit V.json write; a folder: its *.json files; repeat the option for several).",
        HelpName = "FILE|DIR",
    };

    /// <summary>The built-in model with the files' versions after it, or null with the exit code when a file cannot be used.</summary>
    public static SignatureModel? Load(SignatureModel builtIn, IReadOnlyList<string>? arguments, TextWriter error, out ExitCode code)
    {
        code = ExitCode.Success;
        if (arguments is not { Count: > 0 })
        {
            return builtIn;
        }

        var loaded = new List<(string File, IReadOnlyList<ClientVersion> Versions)>();
        var problems = new List<string>();
        foreach (var file in Expand(arguments, error, ref code))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"skypedissect: {file}: cannot read: {IoErrors.Reason(ex)}");
                code = ExitCode.InputError;
                continue;
            }

            var read = ModelJsonReader.Read(text);
            problems.AddRange(read.Problems.Select(p => $"{file}: {p}"));
            if (read.Problems.Count == 0 && read.Versions.Count == 0)
            {
                problems.Add($"{file}: versions: the file holds no client version");
            }

            loaded.Add((file, read.Versions));
        }

        if (code != ExitCode.Success)
        {
            return null;
        }

        if (problems.Count == 0)
        {
            var model = new SignatureModel([.. builtIn.Versions, .. loaded.SelectMany(l => l.Versions)]);
            problems.AddRange(Attribute(ModelValidator.Validate(model), builtIn, loaded));
            if (problems.Count == 0)
            {
                return model;
            }
        }

        problems.ForEach(p => error.WriteLine($"skypedissect: invalid signature file: {p}"));
        error.WriteLine($"skypedissect: {TextCells.Count(problems.Count, "problem")} in the signature files; nothing was done");
        code = ExitCode.InvalidModel;
        return null;
    }

    /// <summary>
    /// The validator's problems with the file that holds the version each is about (its path inside the model is its
    /// path inside the file: <c>versions[7.7.4].rules[login-range].step</c>).
    /// </summary>
    public static IEnumerable<string> Attribute(IReadOnlyList<ModelProblem> problems, SignatureModel builtIn, IReadOnlyList<(string File, IReadOnlyList<ClientVersion> Versions)> loaded)
    {
        foreach (var p in problems)
        {
            var version = loaded.SelectMany(l => l.Versions.Select(v => (l.File, v.Id))).LastOrDefault(x => p.Path.StartsWith($"versions[{x.Id}]", StringComparison.Ordinal));
            var file = version.File;
            var clash = file is not null && builtIn.Version(version.Id) is not null
                ? " (a built-in version has this id: give the file's version another)"
                : "";
            yield return $"{file ?? "model"}: {p}{clash}";
        }
    }

    private static List<string> Expand(IReadOnlyList<string> arguments, TextWriter error, ref ExitCode code)
    {
        var files = new List<string>();
        foreach (var a in arguments.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Directory.Exists(a))
            {
                var json = Directory.EnumerateFiles(a, "*.json").Order(StringComparer.Ordinal).ToList();
                if (json.Count == 0)
                {
                    error.WriteLine($"skypedissect: {a}: is a directory without signature files (*.json)");
                    code = ExitCode.InputError;
                }

                files.AddRange(json);
            }
            else if (File.Exists(a))
            {
                files.Add(a);
            }
            else
            {
                error.WriteLine($"skypedissect: {a}: cannot read: no such file or directory");
                code = ExitCode.InputError;
            }
        }

        return files;
    }
}
