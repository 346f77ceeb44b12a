using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// The bounded CI fuzz run: mutants of every seed capture through the analyzer with sessions. The only
/// failure allowed is <see cref="SkypeDissect.Analyzer.Capture.CaptureFormatException"/>; no mutant may run
/// past the time limit or allocate beyond the memory bound. A failure names the mutant and how to replay it.
/// </summary>
public sealed class AnalyzerFuzzTests(ITestOutputHelper log)
{
    private static readonly Lazy<IReadOnlyList<SeedCapture>> Seeds = new(SeedCapture.LoadAll);

    public static Mutator Mutator => new(Seeds.Value, FuzzSettings.RunSeed);

    public static IReadOnlyList<SeedCapture> SeedCaptures => Seeds.Value;

    /// <summary>
    /// Allocation bound for one mutant: the reader's 1 MiB window, the engine's bounded tables and the
    /// per-frame work. Run seed 1's 3000 mutants allocate at most about 1.1 MiB each (the test prints the
    /// figure), so 16 MiB plus 16 bytes per input byte only trips on a real leak or a size taken from the file.
    /// </summary>
    public static long MemoryBound(int inputLength) => (16L << 20) + (16L * inputLength);

    [Fact]
    public void Mutants_FailOnlyWithCaptureFormatException_InTimeAndMemory()
    {
        var mutator = Mutator;
        var failures = new ConcurrentBag<string>();
        var outcomes = new ConcurrentDictionary<ProbeOutcome, int>();
        var frames = 0L;
        var worst = 0L;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(FuzzSettings.Indices(FuzzSettings.Mutants), new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
        {
            var mutant = mutator.Make(index);
            var r = AnalyzerProbe.Run(mutant.Bytes, FuzzSettings.AnalyzerLimit);
            outcomes.AddOrUpdate(r.Outcome, 1, (_, n) => n + 1);
            Interlocked.Add(ref frames, r.Frames);
            lock (outcomes)
            {
                // Reported so the memory bound can be judged against what mutants really need.
                worst = Math.Max(worst, r.AllocatedBytes);
            }

            var problem = r.Outcome is ProbeOutcome.Crash or ProbeOutcome.Timeout ? $"{r.Outcome}: {r.Detail}"
                : r.AllocatedBytes > MemoryBound(mutant.Bytes.Length) ? $"allocated {r.AllocatedBytes} bytes for {mutant.Bytes.Length} of input"
                : null;
            if (problem is not null)
            {
                failures.Add($"{mutant.Describe()}\n  {problem}\n  {FuzzSettings.Replay(mutant, nameof(AnalyzerFuzzTests))}\n  saved: {Save(mutant)}");
            }
        });

        log.WriteLine($"{FuzzSettings.Indices(FuzzSettings.Mutants).Count} mutants of run seed {mutator.RunSeed} in {clock.Elapsed.TotalSeconds:F1} s: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) + $"; {frames} frames tagged; at most {worst / 1048576.0:F2} MiB allocated for one mutant");
        failures.Should().BeEmpty();
        if (FuzzSettings.Only is null)
        {
            // A fuzzer whose mutants all fail at the header, or never fail, tests little: both kinds must be common.
            var total = FuzzSettings.Mutants;
            outcomes.GetValueOrDefault(ProbeOutcome.Clean).Should().BeGreaterThan(total / 10, "many mutants keep a readable file structure");
            outcomes.GetValueOrDefault(ProbeOutcome.FormatError).Should().BeGreaterThan(total / 10, "many mutants damage the file structure");
            frames.Should().BeGreaterThan(total, "mutants still carry frames the analyzer tags");
        }
    }

    [Fact]
    public void Mutator_SameSeedAndIndex_SameMutant()
    {
        var a = Mutator.Make(1234);
        var b = Mutator.Make(1234);
        var other = Mutator.Make(1235);

        b.Bytes.Should().Equal(a.Bytes);
        b.Operations.Should().Equal(a.Operations);
        b.Seed.Should().Be(a.Seed);
        (other.Seed + string.Join(",", other.Operations)).Should().NotBe(a.Seed + string.Join(",", a.Operations));
    }

    [Fact]
    public void Mutator_FirstThousandMutants_UseEveryOperationAndManySeeds()
    {
        var mutants = Enumerable.Range(0, 1000).Select(Mutator.Make).ToList();
        var used = mutants.SelectMany(m => m.Operations).Select(o => o.Split(' ', '@')[0]).ToHashSet(StringComparer.Ordinal);
        var fields = mutants.SelectMany(m => m.Operations).Where(o => o.StartsWith("format ", StringComparison.Ordinal) || o.StartsWith("packet ", StringComparison.Ordinal) || o.StartsWith("dns ", StringComparison.Ordinal)).Select(o => o.Split(' ', '@')[1]).ToHashSet(StringComparer.Ordinal);

        used.Should().BeEquivalentTo(Mutator.OperationKinds);
        fields.Should().Contain(["pcap.caplen", "pcap.len", "pcapng.block.length", "pcapng.block.trailer", "pcapng.epb.caplen", "pcapng.idb.linktype",
            "ipv4.ihl", "ipv4.total_length", "ipv6.payload_length", "udp.length", "tcp.data_offset", "dns.qdcount", "dns.ancount", "dns.pointer", "dns.label"]);
        mutants.Select(m => m.Seed).Distinct().Count().Should().BeGreaterThan(Seeds.Value.Count * 3 / 4);
        mutants.Should().OnlyContain(m => m.Operations.Count > 0);
    }

    private static string Save(Mutant m)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "skypedissect-fuzz"));
        var path = Path.Combine(dir.FullName, $"seed{m.RunSeed}-mutant{m.Index}.bin");
        File.WriteAllBytes(path, m.Bytes);
        return path;
    }
}
