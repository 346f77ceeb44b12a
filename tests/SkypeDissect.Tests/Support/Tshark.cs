using System.Diagnostics;

namespace SkypeDissect.Tests.Support;

/// <summary>The result of one tshark run: the field rows of standard output and everything on standard error.</summary>
public sealed record TsharkResult(int ExitCode, IReadOnlyList<string[]> Rows, string StandardError);

/// <summary>
/// Runs tshark with the generated plugin. In CI (CI=true) a missing tshark fails the test; on a developer
/// machine without it the test is skipped with the reason.
/// </summary>
public static class Tshark
{
    private static readonly Lazy<string?> PathLazy = new(Locate);

    private static readonly Lazy<string> VersionLazy = new(ReadVersion);

    public static string? Executable => PathLazy.Value;

    /// <summary>tshark's version number, for example 4.0.17 (call <see cref="Require"/> first).</summary>
    public static string Version => VersionLazy.Value;

    /// <summary>Skips (developer machine) or fails (CI) when tshark is not installed.</summary>
    public static void Require()
    {
        if (Executable is not null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("tshark is not installed; CI must install it (.ci/run installs the tshark package)");
        }

        Skip.If(true, "tshark is not installed on this machine (apt-get install tshark); CI runs these tests");
    }

    /// <summary>
    /// <c>tshark -r CAPTURE -X lua_script:PLUGIN -T fields -e F... [-Y FILTER]</c>, with the user's and the
    /// system's own Lua plugins and preferences kept out so only the plugin under test runs.
    /// </summary>
    public static TsharkResult Run(string capture, string plugin, IReadOnlyList<string> fields, string? displayFilter = null, IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        Require();
        var psi = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add("-r");
        psi.ArgumentList.Add(capture);
        psi.ArgumentList.Add("-X");
        psi.ArgumentList.Add("lua_script:" + plugin);
        psi.ArgumentList.Add("-T");
        psi.ArgumentList.Add("fields");
        psi.ArgumentList.Add("-E");
        psi.ArgumentList.Add("separator=/t");
        foreach (var f in fields)
        {
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add(f);
        }

        if (displayFilter is not null)
        {
            psi.ArgumentList.Add("-Y");
            psi.ArgumentList.Add(displayFilter);
        }

        foreach (var a in extraArgs ?? [])
        {
            psi.ArgumentList.Add(a);
        }

        // A private configuration folder: no personal plugins or preferences leak into the test.
        var home = Directory.CreateTempSubdirectory("skypedissect-tshark-");
        psi.Environment["WIRESHARK_CONFIG_DIR"] = home.FullName;
        psi.Environment["HOME"] = home.FullName;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        try
        {
            using var p = Process.Start(psi)!;
            var stderrTask = p.StandardError.ReadToEndAsync();
            var rows = new List<string[]>();
            string? line;
            while ((line = p.StandardOutput.ReadLine()) is not null)
            {
                rows.Add(line.Split('\t'));
            }

            if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"tshark did not finish on {capture} within 5 minutes");
            }

            return new TsharkResult(p.ExitCode, rows, stderrTask.GetAwaiter().GetResult());
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    // First line of tshark --version: "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as ...)".
    private static string ReadVersion()
    {
        var psi = new ProcessStartInfo(Executable!, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var first = p.StandardOutput.ReadLine() ?? "";
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var words = first.Split(' ');
        return words.Length > 2 ? words[2] : "";
    }

    private static string? Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(dir, "tshark");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
