using SkypeDissect.Analyzer;
using SkypeDissect.Generator;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The tls-name kind in both implementations on <see cref="TlsNameScenario"/>: a plugin generated from a test model
/// (one ungated tls-name rule for the gateway family on 443) runs in tshark and must tag exactly the frames the
/// analyzer tags with the same model.
/// </summary>
public sealed class TlsNameParityTests : IDisposable
{
    private const int Sessions = 120;

    private static readonly Provenance Test = Provenance.Decision("test-only version exercising the tls-name kind");

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-tls-");

    public static SignatureModel Model { get; } = new([PaperVersions.Skype6_3 with
    {
        Id = "99.0.0.2",
        Description = "test-only: one tls-name rule",
        Rules =
        [
            new TlsNameRule("gateway-tls", 3, GroupIds.NatEcho, Gate.None, new DomainPattern("{label}.gateway.messenger.live.com", Test),
                [new Endpoint("tcp-443", Transport.Tcp, PortRange.Single(443), Test)], "A Messenger gateway's TLS name", Test),
        ],
    }]);

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void Analyzer_TagsSomeSessionsAndNotOthers()
    {
        var rows = AnalyzerRows(TlsNameScenario.Build(Sessions, 0x7153).ToPcap());
        var tagged = rows.Select(r => r.Frame).ToHashSet();

        // Each session's frames lie in its own 2-s slot; count the slots with a tag.
        var scenario = TlsNameScenario.Build(Sessions, 0x7153);
        var frames = scenario.Frames;
        var sessionsTagged = frames.Select((f, i) => (Slot: (int)((f.Micros / 1e6 - 1.0) / 2.0), Tagged: tagged.Contains(i + 1)))
            .GroupBy(x => x.Slot).Count(g => g.Any(x => x.Tagged));
        sessionsTagged.Should().BeInRange(Sessions / 4, Sessions - (Sessions / 10), "the scenario must hold both tagged and untagged sessions to test anything");
    }

    [SkippableFact]
    public void Plugin_TagsAsTheAnalyzer()
    {
        var pcap = TlsNameScenario.Build(Sessions, 0x7153).ToPcap();
        var capture = Path.Combine(temp.FullName, "tls.pcap");
        File.WriteAllBytes(capture, pcap);
        var plugin = Path.Combine(temp.FullName, LuaPluginGenerator.PluginFileName);
        File.WriteAllText(plugin, LuaPluginGenerator.Generate(Model)[LuaPluginGenerator.PluginFileName]);

        var result = Tshark.Run(capture, plugin, PluginRun.TagFields, "skypelogin");

        result.ExitCode.Should().Be(0, result.StandardError);
        PluginRun.LuaComplaints(result.StandardError).Should().BeEmpty();
        result.Rows.Select(r => TagRow.Parse(r, "tshark")).Should().Equal(AnalyzerRows(pcap));
    }

    private static List<TagRow> AnalyzerRows(byte[] pcap) =>
        [.. CaptureTagger.Tag(new MemoryStream(pcap), Model).Select(t => new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version))];
}
