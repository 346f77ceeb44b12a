using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Analyzer.Engine.Evaluators;
using SkypeDissect.Model;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Volume;

/// <summary>
/// The recent-connections table of timed-retry (docs/tagging.md 3.6 and 4) at its bound: a logged-in client opens a
/// connection to a peer, then connections to <c>others</c> other addresses, then the peer again 1.5 s after the first.
/// With the table just full the peer's first connection is still there and the second pairs with it; one more and
/// the entry written longest ago (the peer's) is dropped, in the analyzer and in the plugin alike.
/// </summary>
public sealed class RecentConnectionBoundsTests : IDisposable
{
    private const string Peer = "71.238.7.203";

    private static readonly int RecentCapacity = TaggingContract.Bounds.RecentConnections;

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-recent-");

    public void Dispose() => dir.Delete(recursive: true);

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void FullTable_DropsTheEntryWrittenLongestAgo(int beyondCapacity, bool paired)
    {
        var others = RecentCapacity + beyondCapacity;
        var engine = new TaggingEngine(new CompiledModel(Signatures.Default, TimedRetryRuleTests.Only773));
        var tagged = Run(Capture(others), engine);

        tagged.Where(r => r.Rule == "peer-retry").Select(r => r.Frame).Should().Equal(paired ? [7 + others + 1] : []);
        TimedRetryEvaluator.RecentOf(engine.State).Table.Count.Should().Be(RecentCapacity);
        TimedRetryEvaluator.RecentOf(engine.State).Table.Evictions.Should().Be(paired ? 0 : 2, "the peer's entry, then the oldest other one for the peer's new entry");
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Plugin_DropsAsTheAnalyzer(int beyondCapacity)
    {
        var others = RecentCapacity + beyondCapacity;
        Tshark.Require();
        var path = Path.Combine(dir.FullName, $"recent-{others}.pcap");
        File.WriteAllBytes(path, Capture(others));
        var analyzer = Run(File.ReadAllBytes(path), new TaggingEngine(new CompiledModel(Signatures.Default, TimedRetryRuleTests.Only773)));

        PluginRun.Tags(path, TimedRetryRuleTests.Only773.EnabledVersions).Should().Equal(analyzer);
    }

    // A completed login (six frames), the peer's first SYN (frame 7), SYNs to other addresses, the peer's second SYN.
    private static byte[] Capture(int others)
    {
        var frames = new List<TestFrame>
        {
            Tcp(0, Client, 51229, LoginServer, 40008, Packets.Syn, seq: 1000),
            Tcp(0.1, LoginServer, 40008, Client, 51229, Packets.SynAck, seq: 5000, ack: 1001),
            Tcp(0.2, Client, 51229, LoginServer, 40008, Packets.Data, new byte[50], seq: 1001, ack: 5001),
            Tcp(0.3, LoginServer, 40008, Client, 51229, Packets.Data, new byte[103], seq: 5001, ack: 1051),
            Tcp(0.4, Client, 51229, LoginServer, 40008, Packets.Data, new byte[8], seq: 1051, ack: 5104),
            Tcp(0.5, LoginServer, 40008, Client, 51229, Packets.Data, new byte[8], seq: 5104, ack: 1059),
            Tcp(10, Client, 50000, Peer, 18767, Packets.Syn),
        };
        for (var i = 0; i < others; i++)
        {
            var server = $"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}";
            frames.Add(Tcp(10.1 + (i * 0.00001), Client, 50001 + (i % 10000), server, 18767, Packets.Syn));
        }

        frames.Add(Tcp(11.5, Client, 49999, Peer, 18767, Packets.Syn));
        return Pcap.Ethernet([.. frames]);
    }

    private static List<TagRow> Run(byte[] capture, TaggingEngine engine)
    {
        var reader = CaptureReader.Open(new MemoryStream(capture));
        var rows = new List<TagRow>();
        while (reader.TryRead(out var record))
        {
            if (engine.Process(record, reader.Data) is { } tf)
            {
                rows.Add(new TagRow(tf.Tag.Frame, tf.Tag.Step, tf.Tag.Group, tf.Tag.Rule, tf.Tag.Version));
            }
        }

        return rows;
    }
}
