using System.Collections.Concurrent;
using System.Diagnostics;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;
using Xunit.Abstractions;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// A sample of the analyzer run's mutants through tshark with the generated plugin: no Lua error (neither on
/// standard error nor as an <c>_ws.lua.error</c> field in any frame), no crash of tshark, no run past the limit.
/// tshark itself may refuse a damaged file (exit code 2); that is tshark's answer, not the plugin's.
/// </summary>
public sealed class PluginFuzzTests(ITestOutputHelper log)
{
    [SkippableFact]
    public void MutantSample_ThroughTsharkWithPlugin_NoLuaErrorNoHang()
    {
        Tshark.Require();
        var mutator = AnalyzerFuzzTests.Mutator;
        var folder = Directory.CreateTempSubdirectory("skypedissect-fuzz-plugin-");
        var failures = new ConcurrentBag<string>();
        var tagged = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            var sample = FuzzSettings.Sample(FuzzSettings.PluginSample, offset: 1);
            Parallel.ForEach(sample, new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
            {
                var mutant = mutator.Make(index);
                var file = FuzzProcess.Write(mutant, folder.FullName);
                var r = RunTshark(file, folder.FullName, index);
                Interlocked.Add(ref tagged, r.Output.Split('\n').Count(l => l.Split('\t') is [_, { Length: > 0 }, ..]));
                var problem = Problem(r);
                if (problem is not null)
                {
                    failures.Add($"{mutant.Describe()}\n  {problem}\n  {FuzzSettings.Replay(mutant, nameof(PluginFuzzTests))}");
                }
            });

            log.WriteLine($"{sample.Count} mutants through tshark with the plugin in {clock.Elapsed.TotalSeconds:F1} s; {tagged} frames tagged");
            failures.Should().BeEmpty();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? Problem(ProcessResult r)
    {
        if (r.TimedOut)
        {
            return $"tshark still running after {FuzzSettings.ProcessLimit.TotalSeconds} s";
        }

        var luaRows = r.Output.Split('\n').Where(l => l.Split('\t') is [_, _, { Length: > 0 }]).ToList();
        var complaints = PluginRun.LuaComplaints(r.Error);
        return r.ExitCode is not (0 or 2) ? $"tshark exited with {r.ExitCode}: {r.Error.Trim()}"
            : complaints.Count > 0 ? "Lua problems on stderr: " + string.Join(" | ", complaints)
            : luaRows.Count > 0 ? "Lua errors in frames: " + string.Join(" | ", luaRows.Take(5))
            : null;
    }

    private static ProcessResult RunTshark(string capture, string folder, int index)
    {
        // A private configuration folder per run: no personal plugins or preferences, as Tshark.Run does.
        var home = Directory.CreateDirectory(Path.Combine(folder, "home" + index)).FullName;
        string[] args =
        [
            "-n", "-r", capture, "-X", "lua_script:" + RepoPaths.Plugin, "-T", "fields", "-E", "separator=/t",
            "-e", "frame.number", "-e", "skypelogin.step", "-e", "_ws.lua.error", "-Y", "skypelogin || _ws.lua.error",
        ];
        return FuzzProcess.Run(Tshark.Executable!, args, FuzzSettings.ProcessLimit, new Dictionary<string, string> { ["WIRESHARK_CONFIG_DIR"] = home, ["HOME"] = home });
    }
}
