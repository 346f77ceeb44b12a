namespace SkypeDissect.Cli.Report;

/// <summary>
/// Maps capture time to the vertical position of a diagram: linear inside stretches of activity, and a gap
/// between two frames longer than <see cref="GapSeconds"/> drawn at a fixed <see cref="GapPixels"/> (marked as
/// a break), so a 15 s pause does not push the rest off the page.
/// </summary>
internal sealed class TimeScale
{
    public const double GapSeconds = 5;
    public const double GapPixels = 34;
    private const double TargetPixels = 660;

    private readonly double origin;
    private readonly double top;
    private readonly List<(double Start, double End, double Y)> segments = [];

    public TimeScale(double origin, IEnumerable<double> frameTimes, double top)
    {
        this.origin = origin;
        this.top = top;
        var times = frameTimes.Append(origin).Order().ToArray();
        var spans = new List<(double Start, double End)>();
        var start = times[0];
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] - times[i - 1] > GapSeconds)
            {
                spans.Add((start, times[i - 1]));
                start = times[i];
            }
        }

        spans.Add((start, times[^1]));
        var active = spans.Sum(s => s.End - s.Start);
        PixelsPerSecond = Math.Clamp(TargetPixels / Math.Max(active, 1e-3), 6, 240);
        var y = top;
        foreach (var (s, e) in spans)
        {
            segments.Add((s, e, y));
            y += ((e - s) * PixelsPerSecond) + GapPixels;
        }

        Bottom = y - GapPixels;
    }

    public double PixelsPerSecond { get; }

    /// <summary>The y of the last frame.</summary>
    public double Bottom { get; }

    /// <summary>The shortened gaps: where each is drawn (its middle) and how many seconds it stands for.</summary>
    public IEnumerable<(double Y, double Seconds)> Gaps =>
        segments.Zip(segments.Skip(1), (a, b) => (a.Y + ((a.End - a.Start) * PixelsPerSecond) + (GapPixels / 2), b.Start - a.End));

    /// <summary>The stretches drawn linearly, as seconds from the origin and the y of their start.</summary>
    public IEnumerable<(double From, double To, double Y)> Stretches => segments.Select(s => (s.Start - origin, s.End - origin, s.Y));

    public double Y(double time)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var (s, e, y) = segments[i];
            if (time <= e || i == segments.Count - 1)
            {
                if (time >= s || i == 0)
                {
                    return y + (Math.Max(time - s, 0) * PixelsPerSecond);
                }

                // Inside a shortened gap (a time that is no frame's): proportionally across the gap.
                var (ps, pe, py) = segments[i - 1];
                var gapTop = py + ((pe - ps) * PixelsPerSecond);
                return gapTop + ((time - pe) / (s - pe) * GapPixels);
            }
        }

        return top;
    }
}
