using SkypeDissect.Analyzer;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Analyzer;

public class TagOptionsTests
{
    private static List<TaggedFrame> Analyze(string caseName, TagOptions? options)
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Cases, caseName, "capture.pcap"));
        return CaptureTagger.Analyze(stream, Signatures.Default, options).ToList();
    }

    [Fact]
    public void Details_ByDefault_CarryTheDnsNameAndGetLine()
    {
        var frames = Analyze("version-check", null);

        frames.Should().Contain(f => f.Detail != null && f.Detail.StartsWith("GET ", StringComparison.Ordinal));
        frames.Should().Contain(f => f.Detail == "ui.skype.com");
    }

    [Fact]
    public void Details_Off_LeaveDetailEmptyAndEverythingElseEqual()
    {
        var with = Analyze("version-check", null);
        var without = Analyze("version-check", new TagOptions { Details = false });

        without.Should().OnlyContain(f => f.Detail == null);
        without.Select(f => f with { Detail = null }).Should().Equal(with.Select(f => f with { Detail = null }));
    }
}
