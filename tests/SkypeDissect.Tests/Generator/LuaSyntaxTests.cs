using System.Diagnostics;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>The committed plugin parses under the Lua versions Wireshark 3.6 to 4.4 embed.</summary>
public class LuaSyntaxTests
{
    [SkippableTheory]
    [InlineData("luac5.2")]
    [InlineData("luac5.4")]
    public void CommittedPlugin_Parses(string compiler)
    {
        var exe = Locate(compiler);
        if (exe is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{compiler} is not installed; CI must install it (lua5.2, lua5.4 packages)");
            }

            Skip.If(true, $"{compiler} is not installed on this machine; CI runs this test");
        }

        var psi = new ProcessStartInfo(exe!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-p");
        psi.ArgumentList.Add(RepoPaths.Plugin);
        using var p = Process.Start(psi)!;
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, errors);
    }

    [Fact]
    public void CommittedPlugin_UsesNoOperatorsMissingFromLua51()
    {
        // Lua 5.3+ only: integer division and the bit operators; goto is 5.2+. Comments and strings may
        // mention them, so only code lines are checked, with string literals removed.
        var code = File.ReadAllLines(RepoPaths.Plugin)
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\"(\\\\.|[^\"\\\\])*\"", "\"\""))
            .Select(l => l.Split("--")[0]);
        foreach (var line in code)
        {
            line.Should().NotContainAny(["//", "<<", ">>", "~=~", " & ", " | ", "goto ", "bit32"]);
            System.Text.RegularExpressions.Regex.IsMatch(line, @"[^~=<>]~[^=]").Should().BeFalse($"no bitwise xor/not in: {line}");
        }
    }

    private static string? Locate(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
