using SkypeDissect.Benchmarks.Hostile;
using SkypeDissect.Tests.Fuzz;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 11: IP reassembly under floods. Many fragments of one datagram cost time linear in their
/// bytes (the analyzer used to sort every piece on every fragment: 32,000 fragments took minutes), and the
/// memory bound counts each fragment's overhead, not only its bytes (a million one-byte fragments used to be
/// held whole). The timing and peak memory of whole runs are in docs/benchmarks.md (scripts/bench/hostile.sh);
/// here the fuzz tests' hang limit and allocation bound apply.
/// </summary>
public sealed class FragmentFloodTests
{
    [Fact]
    public void OneDatagram_64000Fragments_ReassembledWithinTheHangLimit()
    {
        var capture = Write(s => HostileCaptures.OneDatagram(s, 64_000));

        var r = AnalyzerProbe.Run(capture, FuzzSettings.AnalyzerLimit);

        r.Outcome.Should().Be(ProbeOutcome.Clean, r.Detail);
        r.Frames.Should().Be(1, "the last fragment completes the datagram, a login DNS query");
    }

    [Fact]
    public void OneByteFlood_AMillionFragments_HeldWithinTheTableBound()
    {
        var capture = Write(s => HostileCaptures.OneByteFlood(s, 1_000_000));

        var r = AnalyzerProbe.Run(capture, FuzzSettings.AnalyzerLimit);

        r.Outcome.Should().Be(ProbeOutcome.Clean, r.Detail);
        r.Frames.Should().Be(1, "the query after the flood is tagged");
        r.AllocatedBytes.Should().BeLessThan(64L << 20, "the table holds at most 16 MiB of fragments and their overhead, and reuses its buffers");
    }

    [SkippableFact]
    public void OneDatagram_2000Fragments_TaggedByBoth()
    {
        var r = ParityCheck.Run(Write(s => HostileCaptures.OneDatagram(s, 2000)), "fragments-2000");

        r.ShouldAgree("one datagram in 2,000 fragments");
        r.AnalyzerFrames.Should().Equal([2000]);
    }

    private static byte[] Write(Action<Stream> generate)
    {
        using var stream = new MemoryStream();
        generate(stream);
        return stream.ToArray();
    }
}
