using System.Globalization;

namespace SkypeDissect.Tests.Cases;

/// <summary>
/// The generated Wireshark plugin, run by tshark, against each case folder: the tagged frames are exactly
/// expected.tsv, the expert infos exactly expected-experts.tsv, and no Lua error is raised anywhere.
/// </summary>
public sealed class PluginParityTests
{
    public static TheoryData<string> Cases() => CaseFolder.Names();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Plugin_TagsExactlyTheExpectedFrames(string name)
    {
        var folder = new CaseFolder(name);
        var expected = TagRows.Read(folder.Expected);

        var actual = PluginRun.Tags(folder.Capture, folder.Versions);

        var difference = TagRows.Difference(expected, actual, folder.Describe());
        difference.Should().BeEmpty($"tshark with {Path.GetFileName(Support.RepoPaths.Plugin)} must tag {folder.Expected} exactly");
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Plugin_RaisesExactlyTheExpectedExperts(string name)
    {
        var folder = new CaseFolder(name);
        var expected = ReadExperts(folder.ExpectedExperts);

        var actual = PluginRun.ExpertFrames(folder.Capture, folder.Versions).Select(Format).ToList();

        actual.Should().Equal(expected, $"frames with skypelogin.expert.* in {name} must be those of {folder.ExpectedExperts} (docs/tagging.md section 4)");
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Plugin_RaisesNoLuaError(string name)
    {
        var folder = new CaseFolder(name);

        var errorFrames = PluginRun.LuaErrorFrames(folder.Capture, out var standardError);

        errorFrames.Should().BeEmpty("no frame may carry _ws.lua.error");
        PluginRun.LuaComplaints(standardError).Should().BeEmpty("tshark's standard error must not report Lua problems");
    }

    [Fact]
    public void Difference_OfDisagreeingRows_NamesEachFrameWithBothTags()
    {
        TagRow[] expected = [new(3, 1, "login-server", "login-dns", "6.3.0.197"), new(5, 2, "supernode", "supernode-udp", "6.3.0.197")];
        TagRow[] actual = [new(3, 1, "login-server", "login-dns", "6.3.0.197"), new(4, 8, "peer", "peer-udp", "6.3.0.197")];

        var text = TagRows.Difference(expected, actual);

        text.Should().Be(
            "2 differing frame(s) (expected 2 tagged, got 2):\n"
            + "frame 4: expected untagged, got 8 peer peer-udp 6.3.0.197\n"
            + "frame 5: expected 2 supernode supernode-udp 6.3.0.197, got untagged");
        TagRows.Difference(expected, expected).Should().BeEmpty();
    }

    /// <summary>expected-experts.tsv: header <c>frame\texpert</c>, then "frame\tkind" lines sorted by frame.</summary>
    internal static IReadOnlyList<string> ReadExperts(string path)
    {
        var lines = File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("frame\texpert", $"{path} starts with its header");
        return lines[1..];
    }

    private static string Format((long Frame, string Expert) e) => string.Create(CultureInfo.InvariantCulture, $"{e.Frame}\t{e.Expert}");
}
