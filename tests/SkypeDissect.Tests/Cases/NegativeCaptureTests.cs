using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>
/// The nDPI captures of other applications and of broken traffic (tests/data/negative, provenance in
/// tests/data/README.md): nothing is tagged, and nothing fails.
/// </summary>
public sealed class NegativeCaptureTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Data, "negative")).Where(IsCapture).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void NegativeFolder_HoldsTheFifteenCaptures() => Captures().Should().HaveCount(15);

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public void Plugin_TagsNothing_AndRaisesNoLuaError(string file)
    {
        var capture = Path.Combine(RepoPaths.Data, "negative", file);

        var tags = PluginRun.Tags(capture);
        var errorFrames = PluginRun.LuaErrorFrames(capture, out var standardError);

        TagRows.Difference([], tags).Should().BeEmpty($"{file} holds no Skype login");
        errorFrames.Should().BeEmpty("no frame may carry _ws.lua.error");
        PluginRun.LuaComplaints(standardError).Should().BeEmpty();
    }

    internal static bool IsCapture(string path) =>
        path.EndsWith(".pcap", StringComparison.Ordinal) || path.EndsWith(".pcapng", StringComparison.Ordinal);
}
