using System.Diagnostics;
using System.Text.RegularExpressions;
using SkypeDissect.Generator;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The plugin is made of named sections, one per template file (<see cref="LuaPluginGenerator.TemplateFiles"/>): each a
/// function scope that lists its exports in its header comment, returns exactly those, and imports only what earlier
/// sections export. With the sections as closures, a name a section neither defines nor imports is a global, so the
/// compiled plugin reading no global but Lua's and Wireshark's proves every other name an import.
/// </summary>
public partial class LuaSectionTests
{
    // Lua's standard library (5.1 to 5.4) and the Wireshark Lua API the plugin may use: nothing else is a global.
    private static readonly HashSet<string> AllowedGlobals =
    [
        "assert", "error", "ipairs", "next", "pairs", "pcall", "print", "select", "setmetatable", "tonumber", "tostring",
        "type", "unpack", "math", "os", "io", "string", "table", "package",
        "Proto", "ProtoField", "ProtoExpert", "Field", "Pref", "Listener", "TextWindow", "base", "expert",
        "register_postdissector", "register_menu", "register_stat_cmd_arg", "retap_packets", "gui_enabled",
        "MENU_TOOLS_UNSORTED",
    ];

    public static TheoryData<string> Models() => ["default", "paper", "7.7.3"];

    [SkippableFact]
    public void CommittedPlugin_ReadsAndWritesNoGlobalButLuaAndWiresharkApi()
    {
        var globals = GlobalsOf(RepoPaths.Plugin);
        globals.Should().NotBeEmpty("luac lists the standard library's reads");
        globals.Where(g => !AllowedGlobals.Contains(g.Name)).Should().BeEmpty(
            "a section uses only its own locals and what it imports from earlier sections");
        globals.Where(g => g.Write).Should().BeEmpty("the plugin writes no global");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generate_EverySection_ReturnsExactlyItsListedExports(string model)
    {
        foreach (var section in Sections(Render(model)))
        {
            section.Returned.Should().Equal(section.Listed, $"section {section.Name} returns what its header lists");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generate_EverySection_ImportsOnlyWhatAnEarlierSectionExports(string model)
    {
        var sections = Sections(Render(model));
        sections.Select(s => "skype_login." + s.Name + ".sbn").Should().Equal(LuaPluginGenerator.TemplateFiles.Skip(1),
            "one section per template file after the header, in their order");
        for (var i = 0; i < sections.Count; i++)
        {
            foreach (Match import in SectionField().Matches(sections[i].Body))
            {
                var from = sections.Take(i).FirstOrDefault(s => s.Name == import.Groups[1].Value);
                from.Should().NotBeNull($"section {sections[i].Name} imports from {import.Groups[1].Value}, which must come earlier");
                from!.Listed.Should().Contain(import.Groups[2].Value, $"section {sections[i].Name} imports {import.Value}");
            }
        }
    }

    [Fact]
    public void Generate_DefaultModel_TopLevelHoldsOnlyTheSectionTables()
    {
        var locals = Render("default").Split('\n').Where(l => l.StartsWith("local ", StringComparison.Ordinal)).ToList();
        locals.Should().OnlyContain(l => Regex.IsMatch(l, @"^local [a-z]+_section = \(function\(\.*\)$"));
    }

    private static string Render(string model) => LuaPluginGenerator.Generate(model switch
    {
        "default" => Signatures.Default,
        "paper" => new SignatureModel([PaperVersions.Skype6_3, PaperVersions.Skype5_6]),
        _ => new SignatureModel([Signatures.Default.Version(model)!]),
    })[LuaPluginGenerator.PluginFileName];

    private sealed record Section(string Name, IReadOnlyList<string> Listed, IReadOnlyList<string> Returned, string Body);

    // A section: its header comment ("-- Exports:" then the names, inline or on "--   " lines), then
    // "local <name>_section = (function(...)" up to "end)(...)", whose last "    return {...}" is its exports.
    private static List<Section> Sections(string plugin)
    {
        var lines = plugin.Split('\n');
        var sections = new List<Section>();
        var previousEnd = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var start = SectionStart().Match(lines[i]);
            if (!start.Success)
            {
                continue;
            }

            var exports = Array.FindLastIndex(lines, i, i - previousEnd, l => l.StartsWith("-- Exports:", StringComparison.Ordinal));
            exports.Should().BeGreaterThan(-1, $"section {start.Groups[1].Value} has an Exports line in its header comment");
            var listed = new List<string>();
            var inline = lines[exports]["-- Exports:".Length..].Trim();
            if (!inline.StartsWith("nothing", StringComparison.Ordinal))
            {
                listed.AddRange(Names(inline));
            }

            for (var j = exports + 1; j < i && lines[j].StartsWith("--   ", StringComparison.Ordinal); j++)
            {
                listed.AddRange(Names(lines[j][2..]));
            }

            var end = Array.FindIndex(lines, i, l => l.StartsWith("end)(", StringComparison.Ordinal));
            end.Should().BeGreaterThan(i, $"section {start.Groups[1].Value} ends");
            var ret = Array.FindLastIndex(lines, end, l => l.StartsWith("    return {", StringComparison.Ordinal));
            var returned = new List<string>();
            for (var j = ret + 1; j < end && lines[ret] != "    return {}"; j++)
            {
                var field = ReturnField().Match(lines[j]);
                if (field.Success)
                {
                    field.Groups[1].Value.Should().Be(field.Groups[2].Value, "an export keeps its name");
                    returned.Add(field.Groups[1].Value);
                }
            }

            sections.Add(new(start.Groups[1].Value, listed, returned, string.Join('\n', lines[i..end])));
            previousEnd = end;
        }

        return sections;
    }

    private static IEnumerable<string> Names(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // GETTABUP/SETTABUP on _ENV: the globals luac5.2 -l -l shows a chunk reading and writing.
    private static List<(string Name, bool Write)> GlobalsOf(string plugin)
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, "luac5.2")).FirstOrDefault(File.Exists);
        if (exe is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("luac5.2 is not installed; CI must install it (lua5.2 package)");
            }

            Skip.If(true, "luac5.2 is not installed on this machine; CI runs this test");
        }

        var psi = new ProcessStartInfo(exe!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-l", "-l", "-p", plugin })
        {
            psi.ArgumentList.Add(arg);
        }

        using var p = Process.Start(psi)!;
        var listing = p.StandardOutput.ReadToEnd();
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, errors);
        return [.. EnvAccess().Matches(listing).Select(m => (m.Groups[2].Value, m.Groups[1].Value == "SET"))];
    }

    [GeneratedRegex(@"^local ([a-z]+)_section = \(function\(")]
    private static partial Regex SectionStart();

    [GeneratedRegex(@"^        ([A-Za-z_][A-Za-z_0-9]*) = ([A-Za-z_][A-Za-z_0-9]*),$")]
    private static partial Regex ReturnField();

    [GeneratedRegex(@"\b([a-z]+)_section\.([A-Za-z_][A-Za-z_0-9]*)")]
    private static partial Regex SectionField();

    [GeneratedRegex(@"\b(GET|SET)TABUP\b[^\n;]*;\s*_ENV ""([A-Za-z_][A-Za-z_0-9]*)""")]
    private static partial Regex EnvAccess();
}
