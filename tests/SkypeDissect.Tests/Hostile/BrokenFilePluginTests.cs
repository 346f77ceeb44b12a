using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// tshark with the generated plugin on each broken file: tshark may refuse the file or stop at the damage
/// (that is wiretap's business), but the plugin raises no Lua error, and the frames tshark does show are
/// tagged as the analyzer tags them before the damage.
/// </summary>
public sealed class BrokenFilePluginTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-broken-");

    public static TheoryData<string> Files() => BrokenFiles.Names();

    public void Dispose() => dir.Delete(recursive: true);

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Plugin_NoLuaError_AndTagsAsTheAnalyzerBeforeTheDamage(string name)
    {
        var file = BrokenFiles.Find(name);
        var path = Path.Combine(dir.FullName, name + (name.StartsWith("pcapng", StringComparison.Ordinal) ? ".pcapng" : ".pcap"));
        File.WriteAllBytes(path, file.Bytes);

        var result = Tshark.Run(path, RepoPaths.Plugin, PluginRun.TagFields, "skypelogin");

        PluginRun.LuaComplaints(result.StandardError).Should().BeEmpty($"tshark on {name} must not report a Lua problem");
        result.StandardError.Should().NotContain("Lua", $"tshark on {name}");
        var tags = result.Rows.Select(r => TagRow.Parse(r, $"tshark on {name}")).ToList();
        TagRows.Difference(file.Tags, tags).Should().BeEmpty($"the plugin tags the frames tshark reads from {name} as the analyzer does");
        if (file.Offset is null)
        {
            result.ExitCode.Should().Be(0, $"tshark reads {name} as a whole: {result.StandardError}");
        }
    }

    [SkippableTheory]
    [InlineData("/dev/null")]
    [InlineData("/dev/zero")]
    public void Plugin_OnDevice_NoLuaError(string device)
    {
        var result = Tshark.Run(device, RepoPaths.Plugin, PluginRun.TagFields, "skypelogin");

        result.Rows.Should().BeEmpty();
        result.StandardError.Should().NotContain("Lua");
    }
}
