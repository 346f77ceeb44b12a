using System.Diagnostics;
using System.Globalization;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// <c>phases FILE</c>: a Stopwatch harness that splits the analyzer's work on a capture file into reading,
/// tagging and session building, each run twice in one process (the first run pays for JIT), with CPU time
/// and allocations; then a memory pass that forces a full collection every 100,000 frames to show what the
/// analyzer keeps alive as the file grows, and counts what fills its tables.
/// </summary>
public static class Phases
{
    private const int Sample = 100_000;

    public static void Run(string file)
    {
        var model = Signatures.Default;
        Console.WriteLine($"phase\trun\tframes\twall_ms\tcpu_ms\talloc_MiB");
        for (var run = 1; run <= 2; run++)
        {
            Time("read", run, () => Read(file));
            Time("tag", run, () => Count(CaptureTagger.Analyze(Open(file), model)));
            Time("tag+sessions", run, () => WithSessions(file, model));
        }

        Memory(file, model, sessions: false, count: false);
        Memory(file, model, sessions: true, count: false);
        Memory(file, model, sessions: true, count: true);
    }

    private static FileStream Open(string file) =>
        new(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    private static long Read(string file)
    {
        using var stream = Open(file);
        var reader = CaptureReader.Open(stream);
        while (reader.TryRead(out _))
        {
        }

        return reader.RecordCount;
    }

    private static long Count(IEnumerable<TaggedFrame> frames)
    {
        var n = 0L;
        foreach (var _ in frames)
        {
            n++;
        }

        return n;
    }

    // What the CLI does per file in every mode: every tagged frame goes through a SessionBuilder.
    private static long WithSessions(string file, SignatureModel model)
    {
        var sessions = new List<LoginSession>();
        var builder = new SessionBuilder(model, sessions.Add);
        var n = 0L;
        foreach (var tf in CaptureTagger.Analyze(Open(file), model))
        {
            builder.Add(tf);
            n++;
        }

        builder.Flush();
        return n;
    }

    private static void Time(string phase, int run, Func<long> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var frames = work();
        watch.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var mib = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase}\t{run}\t{frames}\t{watch.Elapsed.TotalMilliseconds:F0}\t{cpuMs:F0}\t{mib:F1}"));
    }

    // Without counting, the live heap is the analyzer's (and the session builder's) alone; counting keeps
    // sets of its own (a few MiB).
    private static void Memory(string file, SignatureModel model, bool sessions, bool count)
    {
        var flows = new HashSet<(string, int, string, int)>();
        var clients = new HashSet<string>();
        var learned = new HashSet<(string, string)>();
        var closed = 0;
        var builder = sessions ? new SessionBuilder(model, _ => closed++) : null;
        var tagged = 0L;
        var last = 0L;
        Console.WriteLine(count ? "\nanalyzer, session builder and counting sets:" : sessions ? "\nanalyzer and session builder:" : "\nanalyzer alone:");
        Console.WriteLine("frame\tlive_heap_MiB\ttagged\ttcp_flows_tagged\tclients\tlearned_pairs\tsessions_closed");
        foreach (var tf in CaptureTagger.Analyze(Open(file), model))
        {
            tagged++;
            builder?.Add(tf);
            if (count)
            {
                Count(tf, flows, clients, learned);
            }

            if (tf.Tag.Frame / Sample > last / Sample)
            {
                var live = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tf.Tag.Frame}\t{live:F1}\t{tagged}\t{flows.Count}\t{clients.Count}\t{learned.Count}\t{closed}"));
            }

            last = tf.Tag.Frame;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F1} MiB"));
    }

    private static void Count(TaggedFrame tf, HashSet<(string, int, string, int)> flows, HashSet<string> clients, HashSet<(string, string)> learned)
    {
        clients.Add(tf.Client);
        if (tf.Transport == "tcp")
        {
            flows.Add((tf.Client, tf.ClientPort, tf.Server, tf.ServerPort));
        }

        if (tf.LearnedPosition is not null)
        {
            learned.Add((tf.Client, tf.Server));
        }
    }
}
