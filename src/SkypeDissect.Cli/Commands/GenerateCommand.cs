using System.CommandLine;
using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect generate [--output DIR] [--check]</c>: validates the model, renders the plugin, and
/// writes it (or, with --check, compares it byte for byte with what is on disk).
/// </summary>
public static class GenerateCommand
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Option<string>("--output", "-o") { Description = "Folder to write into.", DefaultValueFactory = _ => "generated", HelpName = "DIR" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the files on disk differ from a fresh render." };
        var signatures = SignatureFiles.CreateOption();
        var command = new Command("generate", "Generate the Wireshark Lua plugin from the signature model.") { dir, check, signatures };
        command.SetAction(r =>
        {
            // generated/ holds the plugin of the built-in versions (drift-checked): one with a file's versions goes elsewhere.
            if (r.GetValue(signatures) is { Length: > 0 } && r.GetResult(dir) is not { Implicit: false })
            {
                error.WriteLine("skypedissect: generate --signatures needs --output DIR (generated/ holds the built-in versions' plugin)");
                return (int)ExitCode.UsageError;
            }

            return SignatureFiles.Load(Signatures.Default, r.GetValue(signatures), error, out var loading) is { } model
                ? (int)Run(model, PluginRenderer.Render, r.GetValue(dir)!, r.GetValue(check), output, error)
                : (int)loading;
        });
        return command;
    }

    public static ExitCode Run(
        SignatureModel model,
        Func<SignatureModel, IReadOnlyDictionary<string, string>> render,
        string outputDir,
        bool check,
        TextWriter output,
        TextWriter error)
    {
        if (!PluginRenderer.TryRender(model, render, error, out var files))
        {
            return ExitCode.InvalidModel;
        }

        return check ? Check(files, outputDir, output, error) : Write(files, outputDir, output, error);
    }

    private static ExitCode Check(IReadOnlyDictionary<string, string> files, string dir, TextWriter output, TextWriter error)
    {
        var stale = 0;
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, name);
            var fresh = Utf8NoBom.GetBytes(text);
            if (!File.Exists(path))
            {
                error.WriteLine($"skypedissect: {path} is missing; run: skypedissect generate --output {dir}");
                stale++;
            }
            else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(fresh))
            {
                error.WriteLine($"skypedissect: {path} differs from a fresh render of the model; run: skypedissect generate --output {dir}");
                stale++;
            }
            else
            {
                output.WriteLine($"up to date: {path}");
            }
        }

        return stale == 0 ? ExitCode.Success : ExitCode.CheckFailed;
    }

    private static ExitCode Write(IReadOnlyDictionary<string, string> files, string dir, TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(dir);
            foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var path = Path.Combine(dir, name);
                File.WriteAllBytes(path, Utf8NoBom.GetBytes(text));
                output.WriteLine($"wrote {path}");
            }

            return ExitCode.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write into {dir}: {IoErrors.Reason(ex)}");
            return ExitCode.EnvironmentError;
        }
    }
}
