using System.Diagnostics;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 13: with several jobs, the workers run at most a few files ahead of the output (two per
/// job), so that memory does not follow the number of files. Here the first input is a FIFO nobody writes
/// yet, the output waits for it, and a second FIFO ten files later must not be opened until the first is done.
/// Peak memory of 10,000 files: docs/benchmarks.md (scripts/bench/hostile.sh).
/// </summary>
public sealed class LookaheadTests : IDisposable
{
    private static readonly byte[] Capture = Pcap.Write(1, [new TestFrame(LoginFrames.Start, Packets.Ethernet(Packets.Ipv4(
        LoginFrames.Client, LoginFrames.Resolver, Packets.Udp, Packets.UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net")))))]);

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-lookahead-");

    public void Dispose() => dir.Delete(recursive: true);

    [SkippableFact]
    public void Workers_WaitForTheOutput_NotTenFilesAhead()
    {
        var head = Path.Combine(dir.FullName, "head.pcap");
        var far = Path.Combine(dir.FullName, "far.pcap");
        CliProcess.MakeFifo(head);
        CliProcess.MakeFifo(far);
        var middle = Enumerable.Range(1, 9).Select(i => Path.Combine(dir.FullName, $"f{i}.pcap")).ToList();
        middle.ForEach(f => File.WriteAllBytes(f, Capture));

        using var p = Process.Start(CliProcess.StartInfo(["analyze", head, .. middle, far, "--frames", "--jobs", "2"]))!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        // Opening a FIFO for writing waits for its reader: the far one's open completing means a worker ran ahead.
        var farOpened = Task.Run(() => File.WriteAllBytes(far, Capture));
        var headOpened = Task.CompletedTask;
        try
        {
            farOpened.Wait(TimeSpan.FromSeconds(5)).Should().BeFalse("ten files ahead of the output is more than two per job");

            headOpened = Task.Run(() => File.WriteAllBytes(head, Capture));
            farOpened.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("once the head is written the rest follows");
            p.WaitForExit(60_000).Should().BeTrue();
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
            }

            // A writer still waiting for its FIFO's reader is let go by a reader of our own.
            Release(far, farOpened);
            Release(head, headOpened);
        }

        p.ExitCode.Should().Be(0, error.Result);
        output.Result.Split('\n').Count(l => l.EndsWith("\tlogin-dns\t6.3.0.197", StringComparison.Ordinal)).Should().Be(11);
    }

    private static void Release(string fifo, Task writer)
    {
        if (!writer.IsCompleted)
        {
            using var reader = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            reader.CopyTo(Stream.Null);
            writer.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
