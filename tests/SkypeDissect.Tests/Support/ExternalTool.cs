using System.Diagnostics;

namespace SkypeDissect.Tests.Support;

/// <summary>The result of running a program: exit code, standard output and standard error.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>
/// A program a test needs (ndpiReader, tcpdump), found on PATH. In CI (CI=true) a missing program fails the test;
/// on a developer machine without it the test is skipped with the reason, as for tshark.
/// </summary>
public sealed class ExternalTool(string name, string package)
{
    public static ExternalTool NdpiReader { get; } = new("ndpiReader", "libndpi-bin");

    public static ExternalTool Tcpdump { get; } = new("tcpdump", "tcpdump");

    public string? Executable { get; } = Locate(name);

    public void Require()
    {
        if (Executable is not null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{name} is not installed; CI must install it (.ci/run installs the {package} package)");
        }

        Skip.If(true, $"{name} is not installed on this machine (apt-get install {package}); CI runs these tests");
    }

    public ToolResult Run(params string[] args)
    {
        Require();
        var psi = new ProcessStartInfo(Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within 5 minutes");
        }

        return new ToolResult(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string? Locate(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
}
