using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Export;

/// <summary>
/// The BPF export compiled by tcpdump (<c>tcpdump -d</c>) and applied by it to every case and the real capture:
/// each frame the analyzer tags as step 1 passes the filter.
/// </summary>
public sealed class BpfExportTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var c in CaseFolder.All())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, c.Capture));
        }

        data.Add(Path.GetRelativePath(RepoPaths.Root, SharedCaptures.RealLogin));
        return data;
    }

    [SkippableTheory]
    [InlineData("EN10MB", "")]
    [InlineData("RAW", "--no-vlan")]
    [InlineData("LINUX_SLL", "--no-vlan")]
    public void Tcpdump_CompilesTheFilter(string linkType, string option)
    {
        ExternalTool.Tcpdump.Require();
        using var files = new ExportFiles();
        var bpf = option.Length == 0 ? files.Export("bpf") : files.Export("bpf", option);

        var run = ExternalTool.Tcpdump.Run("-d", "-y", linkType, "-F", bpf);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("ret", "tcpdump -d prints the compiled program");
    }

    [SkippableTheory]
    [InlineData("LINUX_SLL")]
    [InlineData("RAW")]
    public void Tcpdump_RefusesVlanOffEthernet_WhichIsWhyNoVlanExists(string linkType)
    {
        ExternalTool.Tcpdump.Require();
        using var files = new ExportFiles();

        var run = ExternalTool.Tcpdump.Run("-d", "-y", linkType, "-F", files.Export("bpf"));

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("VLAN");
    }

    [SkippableTheory]
    [MemberData(nameof(Captures))]
    public void Tcpdump_KeepsEveryFrameTheAnalyzerTagsAsStepOne(string capture)
    {
        ExternalTool.Tcpdump.Require();
        var path = Path.Combine(RepoPaths.Root, capture);
        using var files = new ExportFiles();
        var ethernet = LinkTypes(path).SetEquals([1]);
        var bpf = ethernet ? files.Export("bpf") : files.Export("bpf", "--no-vlan");
        var filtered = Path.Combine(files.Folder, "kept.pcap");

        var run = ExternalTool.Tcpdump.Run("-r", path, "-F", bpf, "-w", filtered);
        run.ExitCode.Should().Be(0, run.Error);

        var kept = Frames(filtered).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var byNumber = Frames(path).ToDictionary(f => f.Number, f => f.Key);
        using var stream = File.OpenRead(path);
        var stepOne = CaptureTagger.Tag(stream, Signatures.Default).Where(t => t.Step == 1).Select(t => t.Frame).ToList();

        stepOne.Where(n => !kept.Contains(byNumber[n])).Should().BeEmpty("every step-1 frame must pass the exported filter");
    }

    private static HashSet<int> LinkTypes(string capture) => [.. Frames(capture).Select(f => f.LinkType)];

    /// <summary>Each record's number, link type and identity (time and bytes), to find it again in tcpdump's output.</summary>
    private static List<(long Number, int LinkType, string Key)> Frames(string capture)
    {
        using var stream = File.OpenRead(capture);
        var reader = CaptureReader.Open(stream);
        var frames = new List<(long, int, string)>();
        while (reader.TryRead(out var r))
        {
            frames.Add((r.Number, r.LinkType, $"{r.Seconds}.{r.Nanoseconds / 1000:D6} {Convert.ToHexString(reader.Data)}"));
        }

        return frames;
    }
}
