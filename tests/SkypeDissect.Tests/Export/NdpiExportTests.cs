using SkypeDissect.Analyzer;
using SkypeDissect.Generator.Exports;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Export;

/// <summary>
/// The nDPI export loaded by nDPI itself (<c>ndpiReader -p</c>): on the shared real capture every flow the analyzer
/// tags login-server is classified as the exported protocol; on the 15 negative captures no flow is.
/// </summary>
public sealed class NdpiExportTests
{
    public static TheoryData<string> Negatives()
    {
        var data = new TheoryData<string>();
        foreach (var f in SharedCaptures.Negative)
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    /// <summary>The analyzer with the whole model, and with 7.7.3 alone as the real case is held to (its versions.txt).</summary>
    [SkippableTheory]
    [InlineData("", 50)]
    [InlineData("7.7.3", 150)]
    public void NdpiReader_OnTheRealCapture_ClassifiesEveryLoginServerFlowTheAnalyzerTags(string versions, int atLeast)
    {
        ExternalTool.NdpiReader.Require();
        using var files = new ExportFiles();
        var protos = versions.Length == 0 ? files.Export("ndpi") : files.Export("ndpi", "--versions", versions);

        var flows = Classify(protos, SharedCaptures.RealLogin, files.Folder);
        var enabled = versions.Length == 0 ? null : versions.Split(',').ToHashSet(StringComparer.Ordinal);
        var tagged = LoginServerFlows(SharedCaptures.RealLogin, enabled);

        tagged.Should().HaveCountGreaterThan(atLeast, "the real capture's login reaches many login servers");
        var missed = tagged.Where(f => !flows.TryGetValue(f, out var proto) || !IsExported(proto)).ToList();
        missed.Should().BeEmpty("every login-server flow the analyzer tags must be {0} in nDPI", NdpiProtosGenerator.Protocol);
    }

    [SkippableTheory]
    [MemberData(nameof(Negatives))]
    public void NdpiReader_OnANegativeCapture_ClassifiesNoFlowAsTheExportedProtocol(string capture)
    {
        ExternalTool.NdpiReader.Require();
        using var files = new ExportFiles();
        var protos = files.Export("ndpi");

        var flows = Classify(protos, Path.Combine(SharedCaptures.NegativeFolder, capture), files.Folder);

        flows.Where(f => IsExported(f.Value)).Select(f => f.Key).Should().BeEmpty($"{capture} holds no Skype login");
    }

    [Fact]
    public void Export_ListsEveryRuleOfTheModel_InItsHeader()
    {
        var text = NdpiProtosGenerator.Generate(Signatures.Default).Values.Single();
        var header = text.Split('\n').TakeWhile(l => l.StartsWith('#') || l.Length == 0).ToList();

        foreach (var v in Signatures.Default.Versions)
        {
            foreach (var r in v.Rules)
            {
                header.Should().ContainSingle(l => l.StartsWith($"#   {v.Id} {r.Id} (", StringComparison.Ordinal), $"the header explains {v.Id} {r.Id}");
            }
        }

        text.Should().Contain("ip:111.221.74.38/32@SkypeLogin").And.Contain("host:\"dsn13.d.skype.net\"@SkypeLogin");
        text.Should().NotContain("connect.facebook.com", "a gated name alone would classify Facebook outside a login");
    }

    private static bool IsExported(string proto) =>
        proto.Split('.').Contains(NdpiProtosGenerator.Protocol, StringComparer.Ordinal);

    /// <summary>ndpiReader's classification per flow (unordered transport 5-tuple), read from its CSV output.</summary>
    internal static Dictionary<string, string> Classify(string protos, string capture, string folder)
    {
        var csv = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
        var run = ExternalTool.NdpiReader.Run("-p", protos, "-i", capture, "-C", csv, "-q");
        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(csv);
        var header = lines[0].TrimStart('#').Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var (proto, src, sport, dst, dport, l4) = (Col("ndpi_proto"), Col("src_ip"), Col("src_port"), Col("dst_ip"), Col("dst_port"), Col("protocol"));
        var flows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var c = line.Split(',');
            flows[Key(c[l4] == "6" ? "tcp" : "udp", c[src], int.Parse(c[sport], System.Globalization.CultureInfo.InvariantCulture), c[dst], int.Parse(c[dport], System.Globalization.CultureInfo.InvariantCulture))] = c[proto];
        }

        return flows;
    }

    private static HashSet<string> LoginServerFlows(string capture, IReadOnlySet<string>? versions)
    {
        using var stream = File.OpenRead(capture);
        return [.. CaptureTagger.Analyze(stream, Signatures.Default, new TagOptions { EnabledVersions = versions })
            .Where(f => f.Tag.Group == GroupIds.LoginServer)
            .Select(f => Key(f.Transport, f.Client, f.ClientPort, f.Server, f.ServerPort))];
    }

    private static string Key(string transport, string a, int aPort, string b, int bPort) =>
        string.CompareOrdinal($"{a}:{aPort}", $"{b}:{bPort}") < 0 ? $"{transport} {a}:{aPort} {b}:{bPort}" : $"{transport} {b}:{bPort} {a}:{aPort}";
}
