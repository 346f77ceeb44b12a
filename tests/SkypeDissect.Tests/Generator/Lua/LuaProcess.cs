using System.Diagnostics;

namespace SkypeDissect.Tests.Generator;

/// <summary>Runs a plain Lua interpreter (lua5.2, lua5.4) on a script and returns what it printed, line by line.</summary>
internal static class LuaProcess
{
    /// <summary>The interpreter on PATH; null when not installed.</summary>
    public static string? Locate(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The standard output lines of <paramref name="exe"/> run with <paramref name="arguments"/>; it must exit 0.</summary>
    public static List<string> Lines(string exe, params string[] arguments)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (p.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(exe)} exited {p.ExitCode}: {stderr.Result}");
        }

        return lines;
    }
}
