using System.Diagnostics;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Benchmarks.Volume;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 12: sessions stream out, in every format, once no earlier session can still change, so that
/// memory follows the sessions open (and those waiting behind an earlier open one), not the file. The order is
/// still by start, then client. Peak memory of 100,000 sessions: docs/benchmarks.md (scripts/bench/volume.sh).
/// </summary>
public sealed class SessionStreamTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-sessions-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void LoginCrowd_SessionsLeaveWhileReading_InStartOrder()
    {
        var capture = Crowd(20_000, 0.05, out var expected);
        var released = new List<LoginSession>();
        var order = new SessionOrder(released.Add);
        var builder = new SessionBuilder(Signatures.Default, order.Add);
        var mostHeld = 0;
        foreach (var tf in CaptureTagger.Analyze(new MemoryStream(capture), Signatures.Default))
        {
            builder.Add(tf);
            order.Release(Math.Min(builder.EarliestOpenStart, tf.Time));
            mostHeld = Math.Max(mostHeld, builder.Open + order.Waiting);
        }

        builder.Flush();
        order.Flush();

        released.Should().HaveCount(expected);
        released.Should().BeInAscendingOrder(s => s.Start);
        mostHeld.Should().BeLessThan(expected / 5, "a login lasts seconds, the window 120 s: at 20 logins a second a few thousand are open at once");
    }

    [SkippableTheory]
    [InlineData("tsv", "10.0.0.1\t")]
    [InlineData("json", "[\n  {\n    \"client\": \"10.0.0.1\"")]
    [InlineData("table", "10.0.0.1, from ")]
    public void SessionsOfAStream_OutBeforeTheStreamEnds(string format, string firstSession)
    {
        // The first 60 % of 2,000 logins half a second apart: the early ones are over long before.
        var capture = Crowd(2000, 0.5, out _);
        var fifo = Path.Combine(dir.FullName, "crowd.pcap");
        CliProcess.MakeFifo(fifo);
        string[] mode = format == "table" ? [] : ["--sessions", "--format", format];

        using var p = Process.Start(CliProcess.StartInfo(["analyze", fifo, .. mode]))!;
        var error = p.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        var reading = Task.Run(() =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = p.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (output)
                {
                    output.Append(buffer, 0, n);
                }
            }
        });
        try
        {
            using (var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
                var cut = capture.Length * 6 / 10;
                writer.Write(capture, 0, cut);
                writer.Flush();
                var clock = Stopwatch.StartNew();
                while (!Seen(output, firstSession) && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    Thread.Sleep(50);
                }

                Seen(output, firstSession).Should().BeTrue($"the first login is out while the capture is still being written ({format})");
                writer.Write(capture, cut, capture.Length - cut);
            }

            p.WaitForExit(60_000).Should().BeTrue();
            reading.Wait(10_000);
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
        }

        p.ExitCode.Should().Be(0, error.Result);
    }

    private static bool Seen(System.Text.StringBuilder output, string text)
    {
        lock (output)
        {
            return output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private static byte[] Crowd(int clients, double stagger, out int sessions)
    {
        using var stream = new MemoryStream();
        sessions = VolumeCaptures.LoginCrowd(stream, clients, stagger, out _).Count;
        return stream.ToArray();
    }
}
