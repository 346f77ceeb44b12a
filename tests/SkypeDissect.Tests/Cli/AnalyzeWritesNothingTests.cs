using System.Diagnostics;
using SkypeDissect.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>
/// README "What the tools read and write": <c>analyze</c> only reads the captures and prints. Run as a child
/// process whose working folder and home are an empty folder: afterwards nothing is in it, and the captures
/// are untouched.
/// </summary>
public sealed class AnalyzeWritesNothingTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("skypedissect-nowrite-");

    public void Dispose() => root.Delete(recursive: true);

    [Theory]
    [InlineData("--frames")]
    [InlineData("--sessions", "--format", "json")]
    [InlineData]
    public void Analyze_LeavesTheWorkingFolderAndHomeEmpty(params string[] mode)
    {
        var captures = root.CreateSubdirectory("captures");
        var work = root.CreateSubdirectory("work");
        foreach (var name in new[] { "login-normal", "all-blocked-retry-15s" })
        {
            File.Copy(Path.Combine(RepoPaths.Cases, name, "capture.pcap"), Path.Combine(captures.FullName, name + ".pcap"));
        }

        var before = Snapshot(captures.FullName);

        var (code, output, error) = Run(work.FullName, ["analyze", captures.FullName, .. mode]);

        code.Should().Be(0, error);
        output.Should().Contain("login-normal.pcap");
        Directory.EnumerateFileSystemEntries(work.FullName, "*", SearchOption.AllDirectories).Should().BeEmpty();
        Snapshot(captures.FullName).Should().Equal(before);
    }

    private static List<string> Snapshot(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}").ToList();

    internal static (int Code, string Output, string Error) Run(string cwd, string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["HOME"] = cwd;
        psi.Environment["XDG_CONFIG_HOME"] = cwd;
        psi.Environment["XDG_DATA_HOME"] = cwd;
        psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();
        return (p.ExitCode, output, error.Result);
    }
}
