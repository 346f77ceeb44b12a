using System.Diagnostics;

namespace SkypeDissect.Tests.Support;

/// <summary>The CLI as a child process, <c>dotnet skypedissect.dll ARGS...</c>, for what only a process shows (pipes, FIFOs, peak memory).</summary>
public static class CliProcess
{
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(SkypeDissect.Cli.Program).Assembly.Location);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    /// <summary>Makes a FIFO (named pipe) with mkfifo; skips where there is none.</summary>
    public static void MakeFifo(string path)
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        p.ExitCode.Should().Be(0, "mkfifo " + path);
    }
}
