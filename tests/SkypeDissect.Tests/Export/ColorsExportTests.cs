using System.Diagnostics;
using System.Text.RegularExpressions;
using SkypeDissect.Analyzer;
using SkypeDissect.Generator.Exports;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Export;

/// <summary>
/// The colouring rules in Wireshark's own engine: every rule's filter compiles in tshark with the plugin, and
/// tshark colours with them from a test profile (<c>--color</c>, whose colours tshark 4.0 prints in its PSML
/// output): each frame the plugin tags gets its step's colour, every other frame none.
/// </summary>
public sealed partial class ColorsExportTests
{
    [GeneratedRegex("^@(?<name>[^@]*)@(?<filter>[^@]*)@\\[(?<bg>[0-9,]+)\\]\\[(?<fg>[0-9,]+)\\]$")]
    private static partial Regex RuleLine();

    [GeneratedRegex("<packet(?: foreground='#(?<fg>[0-9a-f]{6})' background='#(?<bg>[0-9a-f]{6})')?>")]
    private static partial Regex PsmlPacket();

    [Fact]
    public void Export_HasOneRulePerStep_InTheColorfiltersFormat()
    {
        var lines = ColorFiltersGenerator.Generate(Signatures.Default).Values.Single().Split('\n').Where(l => l.StartsWith('@')).ToList();

        lines.Should().HaveCount(8);
        lines.Select(l => RuleLine().Match(l)).Should().OnlyContain(m => m.Success);
        lines.Select(l => RuleLine().Match(l).Groups["filter"].Value).Should().Equal(Enumerable.Range(1, 8).Select(n => $"skypelogin.step == {n}"));
    }

    [SkippableFact]
    public void Tshark_CompilesEveryRuleFilter_WithThePlugin()
    {
        Tshark.Require();
        var capture = Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap");
        foreach (var filter in Filters())
        {
            var run = Tshark.Run(capture, RepoPaths.Plugin, ["frame.number"], filter);
            run.ExitCode.Should().Be(0, $"tshark must compile '{filter}': {run.StandardError}");
            run.Rows.Should().NotBeEmpty($"'{filter}' matches frames of a complete login") ;
        }

        // The same check refuses a filter Wireshark cannot compile.
        Tshark.Run(capture, RepoPaths.Plugin, ["frame.number"], "skypelogin.stepp == 1").ExitCode.Should().NotBe(0);
    }

    [SkippableTheory]
    [InlineData("tests/cases/login-normal/capture.pcap")]
    [InlineData("tests/cases/all-blocked-retry-15s/capture.pcap")]
    [InlineData("tests/cases/two-clients/capture.pcap")]
    [InlineData("tests/data/real/skype-7.7.3-login-macos-2015.pcap")]
    public void TsharkColor_FromATestProfile_ColoursEachTaggedFrameInItsStepsColour(string capture)
    {
        Tshark.Require();
        var path = Path.Combine(RepoPaths.Root, capture);
        var packets = ColouredPackets(path);
        using var stream = File.OpenRead(path);
        var steps = CaptureTagger.Tag(stream, Signatures.Default).ToDictionary(t => t.Frame, t => t.Step);

        packets.Should().HaveCountGreaterThan(steps.Count);
        for (var i = 0; i < packets.Count; i++)
        {
            var frame = i + 1;
            var expected = steps.TryGetValue(frame, out var step) ? Hex(StepPalette.Tint(step)) : null;
            packets[i].Should().Be(expected, $"frame {frame} ({(step == 0 ? "untagged" : $"step {step}")})");
        }
    }

    private static string Hex((int R, int G, int B) c) => $"{c.R:x2}{c.G:x2}{c.B:x2}";

    private static IEnumerable<string> Filters() =>
        ColorFiltersGenerator.Generate(Signatures.Default).Values.Single().Split('\n')
            .Select(l => RuleLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["filter"].Value);

    /// <summary>Per frame, the background tshark gives it with the exported rules as the profile's colorfilters (null: none).</summary>
    private static List<string?> ColouredPackets(string capture)
    {
        var profile = Directory.CreateTempSubdirectory("skypedissect-colors-");
        try
        {
            File.WriteAllText(Path.Combine(profile.FullName, "colorfilters"), ColorFiltersGenerator.Generate(Signatures.Default).Values.Single());
            var psi = new ProcessStartInfo(Tshark.Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-n", "-r", capture, "-X", "lua_script:" + RepoPaths.Plugin, "--color", "-T", "psml" })
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["WIRESHARK_CONFIG_DIR"] = profile.FullName;
            psi.Environment["HOME"] = profile.FullName;
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            p.ExitCode.Should().Be(0, stderr.GetAwaiter().GetResult());
            return [.. PsmlPacket().Matches(output).Select(m => m.Groups["bg"].Success ? m.Groups["bg"].Value : null)];
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
