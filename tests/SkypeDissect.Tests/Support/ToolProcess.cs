using System.Diagnostics;

namespace SkypeDissect.Tests.Support;

/// <summary>
/// The built tool as a separate process (<c>dotnet skypedissect.dll ARGS</c>), for what only a process shows:
/// standard input, a pipe closed by its reader, the environment (PATH, HOME). Killed when it outlives a
/// generous limit, so a hang fails the test instead of stalling the run.
/// </summary>
public static class ToolProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string Dll => typeof(SkypeDissect.Cli.Program).Assembly.Location;

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Path.Combine(RuntimeDirectory(), "dotnet");

    /// <summary>Starts the tool with standard input, output and error redirected.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        return Process.Start(psi)!;
    }

    /// <summary>Runs the tool to its end with <paramref name="input"/> on standard input (closed after it).</summary>
    public static Result Run(IEnumerable<string> args, byte[]? input = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var p = Start(args, environment, workingDirectory);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        try
        {
            p.StandardInput.BaseStream.Write(input ?? []);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool may end before reading all of its input; what it printed tells.
        }

        Finish(p);
        return new Result(p.ExitCode, output.Result, error.Result);
    }

    /// <summary>Waits for the process; kills it and fails after two minutes (a hang, not a slow run).</summary>
    public static void Finish(Process p)
    {
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("skypedissect did not end within two minutes");
        }

        p.WaitForExit();
    }

    // The dotnet host that runs this test: the shared runtime lives in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION.
    private static string RuntimeDirectory() =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
