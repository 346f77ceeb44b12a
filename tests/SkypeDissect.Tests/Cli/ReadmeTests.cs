using System.Diagnostics;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>What the README shows is what the tool does: its sample output, and its tab-completion snippet run in bash.</summary>
public sealed class ReadmeTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-readme-");

    public void Dispose() => dir.Delete(recursive: true);

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    /// <summary>The text of the first fenced block after <paramref name="marker"/>.</summary>
    private static string BlockAfter(string marker)
    {
        var text = Readme;
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        at.Should().BeGreaterThan(0, $"the README has '{marker}'");
        var open = text.IndexOf("```", at, StringComparison.Ordinal);
        var start = text.IndexOf('\n', open) + 1;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end];
    }

    /// <summary>The shipped sample, and the default run on the real 7.7.3 capture (the version chosen, the login that happened).</summary>
    [Theory]
    [InlineData("skypedissect analyze tests/cases/login-normal/capture.pcap")]
    [InlineData("skypedissect analyze tests/cases/real-skype-7.7.3/capture.pcap")]
    public void SampleOutput_IsWhatTheToolPrints(string command)
    {
        var r = ToolProcess.Run(command.Split(' ')[1..], workingDirectory: RepoPaths.Root);

        r.ExitCode.Should().Be(0, r.Error);
        BlockAfter($"`{command}`:").Should().Be(r.Output);
    }

    public static TheoryData<string, string> Completions() => new()
    {
        { "skypedissect an", "analyze" },
        { "skypedissect analyze --format ", "csv json table tsv" },
        { "skypedissect analyze --fr", "--frames" },
        { "skypedissect plugin ", "install path" },
        { "skypedissect analyze ", "" }, // no word of the tool: bash completes file names (-o default)
    };

    [SkippableTheory]
    [MemberData(nameof(Completions))]
    public void TabCompletionSnippet_CompletesInBash(string line, string expected)
    {
        Skip.If(OperatingSystem.IsWindows(), "bash completion");
        // skypedissect on the PATH, as after dotnet tool install: a wrapper around the built tool.
        var bin = Directory.CreateDirectory(Path.Combine(dir.FullName, "bin")).FullName;
        var wrapper = Path.Combine(bin, "skypedissect");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{ToolProcess.Dotnet}' '{ToolProcess.Dll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var snippet = Path.Combine(dir.FullName, "completion.bash");
        File.WriteAllText(snippet, BlockAfter("### Tab completion"));
        // What bash sets before it calls a completion function.
        var words = line.EndsWith(' ') ? [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries), ""] : line.Split(' ');
        var script = $"source '{snippet}'\nCOMP_LINE='{line}'\nCOMP_POINT={line.Length}\nCOMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))})\n"
            + $"COMP_CWORD={words.Length - 1}\n_skypedissect\necho \"${{COMPREPLY[*]}}\"\n";

        var psi = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        ToolProcess.Finish(p);

        p.ExitCode.Should().Be(0, error.Result);
        string.Join(' ', output.Result.Trim().Split(' ').Order(StringComparer.Ordinal)).Should().Be(expected);
    }
}
