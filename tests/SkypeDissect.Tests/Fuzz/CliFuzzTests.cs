using System.Diagnostics;
using SkypeDissect.Cli;
using Xunit.Abstractions;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// A sample of the analyzer run's mutants through <c>skypedissect analyze</c> as a separate process, in three
/// batches (summary, --frames, --sessions --format json): the exit code is the documented one for what the
/// analyzer found (3 when some file is damaged, else 0), every standard-error line is a one-line
/// "skypedissect: " message naming a damaged file (or the closing count), and no stack trace appears.
/// </summary>
public sealed class CliFuzzTests(ITestOutputHelper log)
{
    private static readonly string[][] Modes = [[], ["--frames"], ["--sessions", "--format", "json"]];

    [Fact]
    public void MutantSample_ThroughCliProcess_DocumentedExitCodeAndOneLineErrors()
    {
        var mutator = AnalyzerFuzzTests.Mutator;
        var sample = FuzzSettings.Sample(FuzzSettings.CliSample, offset: 2);
        var folder = Directory.CreateTempSubdirectory("skypedissect-fuzz-cli-");
        var clock = Stopwatch.StartNew();
        try
        {
            for (var batch = 0; batch < Modes.Length; batch++)
            {
                var mutants = sample.Where((_, i) => i % Modes.Length == batch).Select(mutator.Make).ToList();
                if (mutants.Count > 0)
                {
                    Check(mutants, Modes[batch], folder.FullName);
                }
            }

            log.WriteLine($"{sample.Count} mutants through the CLI process in {Modes.Length} runs, {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Check(List<Mutant> mutants, string[] mode, string folder)
    {
        var files = mutants.Select(m => FuzzProcess.Write(m, folder)).ToList();
        var expected = mutants.Select(m => AnalyzerProbe.Run(m.Bytes, FuzzSettings.AnalyzerLimit)).ToList();
        var damaged = files.Where((_, i) => expected[i].Outcome == ProbeOutcome.FormatError).ToList();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var r = FuzzProcess.Run(dotnet, [typeof(Program).Assembly.Location, "analyze", .. mode, .. files], FuzzSettings.ProcessLimit);
        var because = $"skypedissect analyze {string.Join(' ', mode)} on {string.Join(", ", mutants.Select(m => m.Index))} of run seed {mutants[0].RunSeed}\n{r.Error}";

        r.TimedOut.Should().BeFalse(because);
        expected.Should().OnlyContain(e => e.Outcome == ProbeOutcome.Clean || e.Outcome == ProbeOutcome.FormatError, because);
        r.ExitCode.Should().Be(damaged.Count > 0 ? (int)ExitCode.InputError : (int)ExitCode.Success, because);
        r.Error.Should().NotContainAny(["Unhandled exception", "   at ", "Exception:"]);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(l => l.StartsWith("skypedissect: ", StringComparison.Ordinal), because);
        foreach (var file in damaged)
        {
            lines.Should().ContainSingle(l => l.StartsWith($"skypedissect: {file}: at byte offset ", StringComparison.Ordinal), because);
        }

        // With several inputs, a closing line counts the damaged ones.
        lines.Length.Should().Be(damaged.Count + (damaged.Count > 0 && files.Count > 1 ? 1 : 0), because);
        if (mode is ["--frames"])
        {
            // One row per tagged frame plus the header: exactly what the analyzer yielded before any damage.
            r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().Be(1 + (int)expected.Sum(e => e.Frames), because);
        }
    }
}
