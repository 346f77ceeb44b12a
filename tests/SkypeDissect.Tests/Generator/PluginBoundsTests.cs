using System.Net;
using SkypeDissect.Analyzer;
using SkypeDissect.Generator;
using SkypeDissect.Model;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The bounds of the state tables (<see cref="TaggingContract.Bounds"/>, docs/tagging.md section 4) as tshark shows
/// them: a plugin generated with small bounds evicts from every table as the analyzer with the same bounds does, and
/// the committed plugin forgets the oldest client state and learned address exactly when the contract's capacity is
/// passed.
/// </summary>
public sealed class PluginBoundsTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-bounds-");

    public void Dispose() => temp.Delete(recursive: true);

    [Fact]
    public void Analyzer_SmallBounds_EachTablesEvictionChangesTags()
    {
        var pcap = BoundsScenario.Build().ToPcap();
        var small = AnalyzerRows(pcap, BoundsScenario.Small);

        foreach (var (table, bounds) in BoundsScenario.OneTableKept)
        {
            AnalyzerRows(pcap, bounds).Should().NotEqual(small, $"keeping every entry of {table} must change a tag, or the scenario does not test its bound");
        }
    }

    [SkippableFact]
    public void Plugin_SmallBounds_TagsAsTheAnalyzer()
    {
        var pcap = BoundsScenario.Build().ToPcap();
        var plugin = Path.Combine(temp.FullName, LuaPluginGenerator.PluginFileName);
        File.WriteAllText(plugin, LuaPluginGenerator.Generate(KindsTestModel.Model, BoundsScenario.Small)[LuaPluginGenerator.PluginFileName]);

        PluginRows(pcap, "bounds.pcap", plugin).Should().Equal(AnalyzerRows(pcap, BoundsScenario.Small));
    }

    [SkippableFact]
    public void CommittedPlugin_ForgetsTheOldestClientStateAtTheContractsCapacity()
    {
        // One login lookup per client, so each starts a client state; then an echo lookup (gate login-seen) from the
        // first client, whose state the last one pushed out, and from the second, the oldest state kept.
        var capacity = TaggingContract.Bounds.Clients;
        var s = new Scenario(seed: 0xC1);
        var resolver = s.Gateway("router", "192.168.0.1", "c0:c1:c0:8e:4a:21");
        var clients = Enumerable.Range(0, capacity + 1).Select(i => s.Local($"c{i}", Address(i), "f0:de:f1:5c:3e:12")).ToList();
        for (var i = 0; i < clients.Count; i++)
        {
            s.At(i * 0.001).DnsQuery(clients[i], resolver, "dsn3.d.skype.net");
        }

        s.At((clients.Count * 0.001) + 1).DnsQuery(clients[0], resolver, "s.gateway.messenger.live.com");
        s.Wait(0.001).DnsQuery(clients[1], resolver, "s.gateway.messenger.live.com");
        var pcap = s.ToPcap();

        var rows = PluginRows(pcap, "clients.pcap", RepoPaths.Plugin);

        rows.Should().Equal(AnalyzerRows(pcap, null, Signatures.Default));
        rows.Select(r => r.Rule).Should().Equal([.. Enumerable.Repeat("login-dns", clients.Count), "echo-dns"]);
        rows[^1].Frame.Should().Be(clients.Count + 2, "the first client's echo lookup is untagged, the second's tagged");
    }

    [SkippableFact]
    public void CommittedPlugin_ForgetsTheOldestLearnedAddressAtTheContractsCapacity()
    {
        // One client learns capacity + 1 addresses from big answers, the first two in Table I; the first is pushed
        // out (its SYN is only in Table I's ranges), the second is the oldest kept (its SYN is to a learned address).
        var capacity = TaggingContract.Bounds.LearnedAddresses;
        var lan = new Captures.Scenarios.Lan(seed: 0x1EA);
        var s = lan.S;
        List<string> addresses = [Captures.Scenarios.Cast.LoginAnswerA[0], Captures.Scenarios.Cast.LoginAnswerA[1],
            .. Enumerable.Range(0, capacity - 1).Select(i => Address(i, "10"))];
        const int perAnswer = 3500; // 16 bytes a record: an answer stays below 64 KiB
        for (var i = 0; i < addresses.Count; i += perAnswer)
        {
            s.At(i / (double)perAnswer).Dns(lan.Client, lan.Router, "dsn3.d.skype.net", addresses.Skip(i).Take(perAnswer).ToList());
        }

        s.Wait(1).Tcp(lan.Client.NextPort(), s.Remote("first", addresses[0], 0.1).On(33033)).Syn();
        s.Wait(0.1).Tcp(lan.Client.NextPort(), s.Remote("second", addresses[1], 0.1).On(33033)).Syn();
        var pcap = s.ToPcap();

        var rows = PluginRows(pcap, "learned.pcap", RepoPaths.Plugin);

        rows.Should().Equal(AnalyzerRows(pcap, null, Signatures.Default));
        rows.TakeLast(2).Select(r => r.Rule).Should().Equal("login-range", "login-learned");
    }

    private static string Address(int i, string first = "10") =>
        new IPAddress([(byte)int.Parse(first, System.Globalization.CultureInfo.InvariantCulture), (byte)(i >> 16), (byte)(i >> 8), (byte)i]).ToString();

    private IReadOnlyList<TagRow> PluginRows(byte[] pcap, string fileName, string plugin)
    {
        var capture = Path.Combine(temp.FullName, fileName);
        File.WriteAllBytes(capture, pcap);
        return PluginRun.Tags(capture, plugin);
    }

    private static List<TagRow> AnalyzerRows(byte[] pcap, StateBounds? bounds, SignatureModel? model = null) =>
        [.. CaptureTagger.Tag(new MemoryStream(pcap), model ?? KindsTestModel.Model, new TagOptions { Bounds = bounds })
            .Select(t => new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version))];
}
