using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Benchmarks.Volume;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Volume;

/// <summary>
/// The bounded CI version of scripts/bench/volume.sh: adversarial captures past the tables' capacities. The
/// tables stay at their bounds and evict (these tests fail if eviction stopped), every frame that must be
/// tagged is, completed logins are reported exactly, and the plugin evicts as the analyzer does.
/// </summary>
public sealed class VolumeBoundsTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-volume-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void FlowFlood_PastTheFlowAndClientBounds_EvictsAndTagsEveryLoginFlow()
    {
        var path = Path.Combine(dir.FullName, "flood.pcap");
        long mustTag;
        using (var file = File.Create(path))
        {
            mustTag = VolumeCaptures.FlowFlood(file, 400_000); // 350,000 tagged connections, 175,000 clients
        }

        var engine = new TaggingEngine(new CompiledModel(Signatures.Default, null));
        var tagged = Run(path, engine, _ => { });

        tagged.Should().Be(mustTag);
        var state = engine.State;
        state.Flows.Count.Should().Be(TaggingContract.Bounds.Flows);
        state.Flows.Evictions.Should().Be(mustTag - TaggingContract.Bounds.Flows);
        state.Clients.Count.Should().Be(TaggingContract.Bounds.Clients);
        state.Clients.Evictions.Should().Be((mustTag / 2) - TaggingContract.Bounds.Clients);
        state.Attributions.Count.Should().Be(TaggingContract.Bounds.Attributions);
        state.Attributions.Evictions.Should().Be((mustTag / 2) - TaggingContract.Bounds.Attributions);
    }

    [Fact]
    public void LoginCrowd_PastTheLearnedAndSessionBounds_ReportsEveryLoginExactly()
    {
        var path = Path.Combine(dir.FullName, "crowd.pcap");
        List<ExpectedLogin> expected;
        long frames;
        using (var file = File.Create(path))
        {
            // 20,000 clients 5 ms apart: about 1,900 logins under way at any time, 160,000 learned addresses.
            expected = VolumeCaptures.LoginCrowd(file, 20_000, 0.005, out frames);
        }

        var engine = new TaggingEngine(new CompiledModel(Signatures.Default, null));
        var sessions = new List<LoginSession>();
        const int sessionCapacity = 4096;
        var builder = new SessionBuilder(Signatures.Default, sessions.Add, sessionCapacity);
        var mostOpen = 0;
        var tagged = Run(path, engine, tf =>
        {
            builder.Add(tf);
            mostOpen = Math.Max(mostOpen, builder.Open);
        });
        builder.Flush();

        tagged.Should().Be(frames, "every frame of the crowd belongs to a login");
        engine.State.Learned.Count.Should().BeLessThanOrEqualTo(TaggingContract.Bounds.LearnedAddresses);
        engine.State.Learned.Evictions.Should().BePositive();
        mostOpen.Should().Be(sessionCapacity);
        builder.Evictions.Should().Be(expected.Count - sessionCapacity);
        var got = sessions.Select(s => new ExpectedLogin(
                s.Client,
                s.Outcome,
                s.FallbackStage ?? "",
                s.LoginServer is { } ls ? $"{ls.Address}:{ls.Port}/{ls.Transport}" : "",
                s.LoginServerPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .OrderBy(e => e.Client, StringComparer.Ordinal).ToList();
        got.Should().Equal(expected.OrderBy(e => e.Client, StringComparer.Ordinal));
        got.Count(e => e.Outcome == Outcomes.Success).Should().Be(6667);
        sessions.Should().OnlyContain(s => s.Retries == 0);
    }

    [SkippableFact]
    public void LoginCrowd_PluginEvictsLearnedAddressesAsTheAnalyzer()
    {
        Tshark.Require();
        var path = Path.Combine(dir.FullName, "crowd-plugin.pcap");
        using (var file = File.Create(path))
        {
            // 0.5 ms apart: a failing client's last SYN comes after 18,400 later clients learned 8 addresses each.
            VolumeCaptures.LoginCrowd(file, 10_000, 0.0005, out _);
        }

        string[] fields = ["frame.number", "skypelogin.step", "skypelogin.group", "skypelogin.rule", "skypelogin.version"];
        var plugin = Tshark.Run(path, RepoPaths.Plugin, fields, "skypelogin");
        plugin.ExitCode.Should().Be(0, plugin.StandardError);
        using var stream = File.OpenRead(path);
        var analyzer = CaptureTagger.Tag(stream, Signatures.Default)
            .Select(t => string.Join('\t', t.Frame, t.Step, t.Group, t.Rule, t.Version)).ToList();

        plugin.Rows.Select(r => string.Join('\t', r)).Should().Equal(analyzer);
        analyzer.Count(r => r.Contains("\tlogin-range\t", StringComparison.Ordinal)).Should()
            .BePositive("evicted learned addresses leave those SYNs to the address-range rule, in both");
    }

    private static long Run(string path, TaggingEngine engine, Action<TaggedFrame> sink)
    {
        using var stream = File.OpenRead(path);
        var reader = CaptureReader.Open(stream);
        var tagged = 0L;
        while (reader.TryRead(out var record))
        {
            if (engine.Process(record, reader.Data) is { } tf)
            {
                tagged++;
                sink(tf);
            }
        }

        return tagged;
    }
}
