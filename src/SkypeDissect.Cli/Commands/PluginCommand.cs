using System.CommandLine;
using System.Diagnostics;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect plugin path|install</c>: where Wireshark looks for personal Lua plugins, and copying the
/// plugin there. The folder comes from <c>tshark -G folders</c> ("Personal Lua Plugins"); without tshark,
/// Wireshark's documented default is used.
/// </summary>
public static class PluginCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var tshark = new Option<string?>("--tshark") { Description = "The tshark to ask for the folder (default: tshark on PATH, else Wireshark's default folder).", HelpName = "PATH" };
        var path = new Command("path", "Print where 'plugin install' puts the plugin.") { tshark };
        path.SetAction(r =>
        {
            if (!TryLocate(r.GetValue(tshark), error, out var file, out var source, out _))
            {
                return (int)ExitCode.EnvironmentError;
            }

            output.WriteLine(file);
            error.WriteLine($"skypedissect: folder from {source}");
            return (int)ExitCode.Success;
        });

        var install = new Command("install", "Copy the plugin (rendered from this tool's model) into Wireshark's personal Lua plugins folder.") { tshark };
        install.SetAction(r =>
        {
            if (!TryLocate(r.GetValue(tshark), error, out var file, out var source, out var fromTshark))
            {
                return (int)ExitCode.EnvironmentError;
            }

            if (!fromTshark)
            {
                error.WriteLine($"skypedissect: folder from {source}"); // not where tshark looks: say why
            }

            return (int)Install(Signatures.Default, file, output, error);
        });

        return new Command("plugin", "Install the Wireshark plugin or show where it goes.") { path, install };
    }

    /// <summary>
    /// The plugin's target file and where the folder was learned from. A tshark named with --tshark must answer;
    /// without it, a tshark that cannot be run leaves Wireshark's documented default (and says so).
    /// </summary>
    private static bool TryLocate(string? named, TextWriter error, out string file, out string source, out bool fromTshark)
    {
        var folder = AskTshark(named ?? "tshark", out var why);
        fromTshark = folder is not null;
        if (folder is not null)
        {
            file = Path.Combine(folder, PluginRenderer.PluginFileName);
            source = $"'{named ?? "tshark"} -G folders'";
            return true;
        }

        if (named is not null)
        {
            error.WriteLine($"skypedissect: --tshark {named}: {why}");
            file = source = "";
            return false;
        }

        file = Path.Combine(DefaultFolder(), PluginRenderer.PluginFileName);
        source = $"Wireshark's default (tshark: {why})";
        return true;
    }

    public static ExitCode Install(SignatureModel model, string target, TextWriter output, TextWriter error)
    {
        if (!PluginRenderer.TryRender(model, PluginRenderer.Render, error, out var files))
        {
            return ExitCode.InvalidModel;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, GenerateCommand.Utf8NoBom.GetBytes(files[PluginRenderer.PluginFileName]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write {target}: {IoErrors.Reason(ex)}");
            return ExitCode.EnvironmentError;
        }

        output.WriteLine($"installed {target}");
        output.WriteLine("restart Wireshark or use Analyze > Reload Lua Plugins; check with: tshark -G protocols | grep skypelogin");
        return ExitCode.Success;
    }

    /// <summary>Wireshark's documented personal Lua plugin folder.</summary>
    public static string DefaultFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Wireshark", "plugins");
        }

        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "lib", "wireshark", "plugins");
    }

    /// <summary>
    /// The "Personal Lua Plugins:" folder of <c>tshark -G folders</c>; null with the reason when tshark cannot be
    /// run, fails, or names no such folder.
    /// </summary>
    public static string? AskTshark(string tshark, out string why)
    {
        if (Directory.Exists(tshark))
        {
            why = "is a directory, not a program";
            return null;
        }

        try
        {
            var psi = new ProcessStartInfo(tshark, ["-G", "folders"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p is null)
            {
                why = "cannot be run";
                return null;
            }

            _ = p.StandardError.ReadToEndAsync();
            var text = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                p.Kill(entireProcessTree: true);
                why = "'-G folders' did not answer within 30 s";
                return null;
            }

            var folder = ParseFolders(text);
            why = p.ExitCode != 0 ? $"'-G folders' exited with {p.ExitCode}" : folder is null ? "'-G folders' names no Personal Lua Plugins folder" : "";
            return p.ExitCode == 0 ? folder : null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            why = ex.NativeErrorCode switch
            {
                2 => "not found", // ENOENT
                13 => "cannot be run: permission denied", // EACCES: not executable
                _ => "cannot be run: " + ex.Message,
            };
            return null;
        }
    }

    public static string? ParseFolders(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == "Personal Lua Plugins")
            {
                var value = line[(colon + 1)..].Trim();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
