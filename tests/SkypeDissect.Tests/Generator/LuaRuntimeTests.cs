using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The committed plugin under plain lua5.2 and lua5.4 with the Wireshark API stubbed (Lua/harness.lua):
/// the same scenarios as the tshark smoke tests, on each interpreter's own number semantics (tshark here
/// embeds Lua 5.2; Wireshark 4.4 builds may embed 5.4), plus a replay pass that must repeat the first.
/// </summary>
public sealed class LuaRuntimeTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-lua-");

    public void Dispose() => temp.Delete(recursive: true);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var interpreter in new[] { "lua5.2", "lua5.4" })
        {
            foreach (var scenario in SmokeScenarios.All)
            {
                data.Add(interpreter, scenario.Name);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Scenario_TagsExpertsAndReplayMatchTheContract(string interpreter, string name)
    {
        var scenario = SmokeScenarios.All.Single(s => s.Name == name);
        var output = Run(interpreter, scenario);

        string[] expected =
        [
            .. scenario.Tags.Select(t => t + " " + Expert(scenario, t)),
        ];
        output.Where(l => char.IsAsciiDigit(l[0])).Should().Equal(expected);
        output.Where(l => l.StartsWith("replay ", StringComparison.Ordinal)).Should().Equal(expected.Select(e => "replay " + e));
        output.Where(l => l.StartsWith("again ", StringComparison.Ordinal)).Should().Equal(expected.Select(e => "again " + e),
            "proto.init empties every state table, so a re-dissection tags as the first pass");
    }

    [SkippableFact]
    public void DnsLogin_SummaryCountsTheClientsFrames()
    {
        var output = Run("lua5.4", SmokeScenarios.DnsLogin());

        output.Should().Contain("Client " + SmokeScenarios.Client + ": 5 frames, first 1970-01-01 00:16:40, last 1970-01-01 00:16:40 (0.300 s), versions 6.3.0.197");
        output.Should().Contain("  step 1: 5 frames  Check user name and password with the login server");
    }

    private static string Expert(SmokeScenario scenario, string tag)
    {
        var frame = tag.Split(' ')[0];
        return scenario.Experts.TryGetValue(frame, out var e) ? e.Kind + " " + e.Text : "- -";
    }

    private IReadOnlyList<string> Run(string interpreter, SmokeScenario scenario)
    {
        var exe = LuaProcess.Locate(interpreter);
        if (exe is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{interpreter} is not installed; CI must install it");
            }

            Skip.If(true, $"{interpreter} is not installed on this machine; CI runs this test");
        }

        var frames = Path.Combine(temp.FullName, scenario.Name + ".tsv");
        File.WriteAllText(frames, scenario.Capture.FactsTsv());
        return LuaProcess.Lines(exe!, Path.Combine(RepoPaths.Root, "tests", "SkypeDissect.Tests", "Generator", "Lua", "harness.lua"), RepoPaths.Plugin, frames);
    }
}
