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
        var tshark = new Option<string>("--tshark") { Description = "The tshark to ask for the folder (default: tshark on PATH).", DefaultValueFactory = _ => "tshark" };
        var path = new Command("path", "Print where 'plugin install' puts the plugin.") { tshark };
        path.SetAction(r =>
        {
            var (file, source) = Locate(r.GetValue(tshark)!);
            output.WriteLine(file);
            error.WriteLine($"skypedissect: folder from {source}");
            return (int)ExitCode.Success;
        });

        var install = new Command("install", "Copy the plugin (rendered from this tool's model) into Wireshark's personal Lua plugins folder.") { tshark };
        install.SetAction(r => (int)Install(Signatures.Default, Locate(r.GetValue(tshark)!).File, output, error));

        return new Command("plugin", "Install the Wireshark plugin or show where it goes.") { path, install };
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
            error.WriteLine($"skypedissect: cannot write {target}: {ex.Message}");
            return ExitCode.EnvironmentError;
        }

        output.WriteLine($"installed {target}");
        output.WriteLine("restart Wireshark or use Analyze > Reload Lua Plugins; check with: tshark -G protocols | grep skypelogin");
        return ExitCode.Success;
    }

    /// <summary>The plugin's target file and where the folder was learned from.</summary>
    public static (string File, string Source) Locate(string tshark)
    {
        var folder = AskTshark(tshark);
        return folder is not null
            ? (Path.Combine(folder, PluginRenderer.PluginFileName), $"'{tshark} -G folders'")
            : (Path.Combine(DefaultFolder(), PluginRenderer.PluginFileName), "Wireshark's default (tshark not found)");
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

    /// <summary>Parses the "Personal Lua Plugins:" line of <c>tshark -G folders</c>; null when tshark cannot be run.</summary>
    public static string? AskTshark(string tshark)
    {
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
                return null;
            }

            _ = p.StandardError.ReadToEndAsync();
            var text = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                p.Kill(entireProcessTree: true);
                return null;
            }

            return ParseFolders(text);
        }
        catch (System.ComponentModel.Win32Exception)
        {
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
