using System.Diagnostics;

namespace SkypeDissect.Tests.Fuzz;

public sealed record ProcessResult(int ExitCode, string Output, string Error, bool TimedOut, TimeSpan Elapsed);

/// <summary>A child process with a time limit: killed (with its children) when it runs past it.</summary>
public static class FuzzProcess
{
    public static ProcessResult Run(string program, IEnumerable<string> args, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            return new ProcessResult(-1, output.Result, error.Result, true, clock.Elapsed);
        }

        p.WaitForExit(); // lets the output readers finish
        return new ProcessResult(p.ExitCode, output.Result, error.Result, false, clock.Elapsed);
    }

    /// <summary>Writes the mutant to <paramref name="folder"/> under a name that says which mutant it is.</summary>
    public static string Write(Mutant m, string folder, string extension = ".pcap")
    {
        var path = Path.Combine(folder, $"seed{m.RunSeed}-mutant{m.Index}{extension}");
        File.WriteAllBytes(path, m.Bytes);
        return path;
    }
}
