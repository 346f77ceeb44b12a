using System.Diagnostics;
using System.Globalization;
using SkypeDissect.Analyzer;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// One progress line on standard error, only when it is a terminal (never in pipes or files), as <c>pv</c>
/// shows one: how far into the file, frames read, frames per second and the time left (for standard input,
/// whose size is unknown: frames, bytes, rate and the time so far). Redrawn at most ten times a second, from
/// the reads of the input; cleared when the file is done.
/// </summary>
internal sealed class ProgressBar(TextWriter error, string name, CaptureSource source, ReadCount count)
{    private readonly long started = Stopwatch.GetTimestamp();
    private long lastDraw = Environment.TickCount64;
    private bool drawn;

    /// <summary>Called after each read of the input; cheap when it is not time to redraw.</summary>
    public void Tick()
    {
        var now = Environment.TickCount64;
        if (now - lastDraw < 100)
        {
            return;
        }

        lastDraw = now;
        drawn = true;
        error.Write("\r" + ProgressLine.Render(name, source.Position, source.Length, count.Frames, Stopwatch.GetElapsedTime(started)) + "\u001b[K");
    }

    public void Done()
    {
        if (drawn)
        {
            error.Write("\r\u001b[K");
        }
    }
}

/// <summary>The text of the progress line.</summary>
public static class ProgressLine
{
    private const int BarWidth = 24;

    /// <summary>The line for a position in an input of a length (null: unknown), after some time.</summary>
    public static string Render(string name, long position, long? length, long frames, TimeSpan elapsed)
    {
        var shown = Path.GetFileName(name);
        shown = shown.Length > 24 ? shown[..21] + "..." : shown;
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? frames / seconds : 0;
        var counts = $"{frames.ToString("N0", CultureInfo.InvariantCulture)} frames  {Rate(rate)} frames/s";
        if (length is not { } total || total <= 0)
        {
            return $"{shown}  {counts}  {Megabytes(position)} MB  {Clock(seconds)}";
        }

        var done = Math.Clamp((double)position / total, 0, 1);
        var filled = (int)(BarWidth * done);
        var left = position > 0 && seconds >= 1 ? Clock(seconds * (total - position) / position) + " left" : "--:-- left";
        return $"{shown} {(int)(done * 100),3}% [{new string('#', filled)}{new string('.', BarWidth - filled)}]  {counts}  {left}";
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (perSecond / 1e3).ToString("0", CultureInfo.InvariantCulture) + "k",
        _ => perSecond.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    private static string Clock(double seconds)
    {
        var s = (long)Math.Round(seconds);
        return s >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}");
    }
}
