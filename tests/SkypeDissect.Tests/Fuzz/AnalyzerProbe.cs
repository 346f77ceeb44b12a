using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Fuzz;

public enum ProbeOutcome
{
    /// <summary>Read to the end.</summary>
    Clean,

    /// <summary>Stopped with the documented <see cref="CaptureFormatException"/>.</summary>
    FormatError,

    /// <summary>Any other exception, or a broken promise (offset outside the file, frames out of order).</summary>
    Crash,

    /// <summary>Still running at the per-file time limit.</summary>
    Timeout,
}

public sealed record ProbeResult(ProbeOutcome Outcome, long Frames, int Sessions, long AllocatedBytes, TimeSpan Elapsed, string? Detail);

/// <summary>
/// Runs one capture through the analyzer as <c>skypedissect analyze</c> does (tagging, experts, sessions), on
/// its own thread so that a hang is seen at the time limit instead of stalling the test run. Memory is
/// measured as the bytes the analyzing thread allocated: an upper bound on what it can hold.
/// </summary>
public static class AnalyzerProbe
{
    public static ProbeResult Run(byte[] capture, TimeSpan limit)
    {
        ProbeResult? result = null;
        var thread = new Thread(() => result = Analyze(capture)) { IsBackground = true, Name = "fuzz probe" };
        var started = DateTime.UtcNow;
        thread.Start();
        if (!thread.Join(limit))
        {
            // The thread is abandoned (background): .NET cannot stop it, and the test fails anyway.
            return new ProbeResult(ProbeOutcome.Timeout, 0, 0, 0, DateTime.UtcNow - started, $"still running after {limit.TotalSeconds} s");
        }

        return result!;
    }

    private static ProbeResult Analyze(byte[] capture)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var frames = 0L;
        var sessions = 0;
        var builder = new SessionBuilder(Signatures.Default, _ => sessions++);
        ProbeOutcome outcome;
        string? detail = null;
        try
        {
            var last = 0L;
            foreach (var frame in CaptureTagger.Analyze(new MemoryStream(capture, writable: false), Signatures.Default))
            {
                if (frame.Tag.Frame <= last)
                {
                    throw new InvalidOperationException($"frame {frame.Tag.Frame} came after frame {last}");
                }

                last = frame.Tag.Frame;
                builder.Add(frame);
                frames++;
            }

            builder.Flush();
            outcome = ProbeOutcome.Clean;
        }
        catch (CaptureFormatException e) when (e.Offset >= 0 && e.Offset <= capture.Length)
        {
            builder.Flush();
            outcome = ProbeOutcome.FormatError;
            detail = e.Message;
        }
        catch (Exception e)
        {
            outcome = ProbeOutcome.Crash;
            detail = e.ToString();
        }

        return new ProbeResult(outcome, frames, sessions, GC.GetAllocatedBytesForCurrentThread() - before, clock.Elapsed, detail);
    }
}
