using SkypeDissect.Analyzer;
using SkypeDissect.Generator.Exports;
using SkypeDissect.Model;
using static SkypeDissect.Cli.Report.HtmlText;

namespace SkypeDissect.Cli.Report;

/// <summary>
/// Lays out one session as a sequence diagram: time runs down from the session's start, the client's lifeline
/// on the left, one lane per server group (in step order) to its right, and per exchange an arrow from the
/// client to a band in the group's lane that spans the exchange's frames. Exchanges that overlap in time take
/// separate tracks of their lane, so each stays visible. Retry rounds and the completed login are lines
/// across the lanes, fall-backs dots on their arrow; their labels stand in an events column at the right.
/// </summary>
internal static class SequenceLayout
{
    private const double Top = 86;
    private const double ClientX = 118;
    private const double FirstLaneX = 180;
    private const double LaneGap = 10;
    private const double TrackStep = 7;
    private const double EventsWidth = 270;
    private const double LabelLine = 14;

    public static DiagramView Build(string id, SessionDetail detail, string heading, IReadOnlyList<FactView> facts, string? note)
    {
        var s = detail.Session;
        var scale = new TimeScale(s.Start, detail.FrameTimes, Top);
        var exchanges = detail.Exchanges.OrderBy(e => e.First).ThenBy(e => e.FirstFrame).ToList();
        var lanes = new List<LaneView>();
        var placed = new Dictionary<Exchange, (double X, double Y, double H)>();
        var x = FirstLaneX;
        var bottom = Math.Max(scale.Bottom + 24, Top + 90); // a one-frame session still gets a readable lane
        foreach (var group in exchanges.GroupBy(e => e.Group).OrderBy(g => g.Min(e => e.Step)).ThenBy(g => GroupOrder(g.Key)))
        {
            var tracks = new List<double>(); // per track, the y where its last band ends
            var assigned = new List<(Exchange E, int Track, double Y, double H)>();
            foreach (var e in group)
            {
                var y = scale.Y(e.First);
                var h = Math.Max(scale.Y(e.Last) - y, 3);
                var track = tracks.FindIndex(end => end < y - 2);
                if (track < 0)
                {
                    track = tracks.Count;
                    tracks.Add(0);
                }

                tracks[track] = y + h;
                assigned.Add((e, track, y, h));
            }

            var width = Math.Clamp(28 + (tracks.Count * TrackStep), 92, 440);
            var step = Math.Min(TrackStep, (width - 28) / Math.Max(tracks.Count, 1));
            foreach (var (e, track, y, h) in assigned)
            {
                placed[e] = (x + 14 + (track * step), y, h);
            }

            var first = group.First();
            lanes.Add(new LaneView(
                Escape(group.Key), Int(first.Step), Escape(group.Key), Px(x), Px(width), Px(x + (width / 2)), Px(Top - 14), Px(bottom - Top + 14),
                StepPalette.Hex(first.Step)));
            x += width + LaneGap;
        }

        var eventsX = x + 10;
        var marks = Marks(exchanges, placed, scale, s.Start, eventsX, x - LaneGap);
        var height = Math.Max(bottom, marks.Count == 0 ? 0 : marks.Max(m => double.Parse(m.LabelY, System.Globalization.CultureInfo.InvariantCulture))) + 30;
        return new DiagramView(
            id,
            heading,
            Escape(s.Outcome),
            facts,
            Px(eventsX + EventsWidth),
            Px(height),
            Px(ClientX),
            Px(Top - 14),
            Px(bottom),
            Escape(s.Client),
            lanes,
            Ticks(scale),
            [.. scale.Gaps.Select(g => new BreakView(Zigzag(g.Y, x - LaneGap), Px(eventsX), Px(g.Y + 4), Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.Seconds:0.0} s without a tagged frame (shortened)"))))],
            [.. exchanges.Select(e => Arrow(e, placed[e], s.Start))],
            marks,
            note is not null,
            Escape(note));
    }

    private static int GroupOrder(string group)
    {
        var i = GroupIds.All.ToList().IndexOf(group);
        return i < 0 ? int.MaxValue : i;
    }

    private static ExchangeView Arrow(Exchange e, (double X, double Y, double H) at, double origin)
    {
        var server = e.Server;
        var owner = server.Organisation is null ? "" : $" ({server.Organisation}, {server.Country})";
        var frames = e.FirstFrame == e.LastFrame ? $"frame {e.FirstFrame}" : $"frames {e.FirstFrame}-{e.LastFrame} ({e.Frames})";
        var rung = e.Rung is null ? "" : $", {e.Rung}";
        var title = $"{frames}: step {e.Step} {e.Group}{rung}, rule {e.Rule} ({e.Version}); "
            + $"{server.Address}:{server.Port}/{e.Transport}{owner} from client port {e.ClientPort}; {Offset(e.First - origin)} .. {Offset(e.Last - origin)}";
        return new ExchangeView(
            Int(e.Step), Escape(e.Group), Int(e.Frames), Int(e.FirstFrame), Int(e.LastFrame),
            Px(ClientX), Px(at.X - 1), Px(at.Y), Px(at.X - 2.5), Px(at.Y), Px(at.H),
            StepPalette.Hex(e.Step), Dash(e.Rung), Escape(title));
    }

    /// <summary>SVG stroke-dasharray of an arrow: the ladder rungs told apart (legend in the report).</summary>
    public static string Dash(string? rung) => rung switch
    {
        "tcp-33033" => "6 3",
        "tcp-80" => "2 2",
        "tcp-443" => "9 3 2 3",
        _ => "none",
    };

    private static List<MarkView> Marks(
        List<Exchange> exchanges, Dictionary<Exchange, (double X, double Y, double H)> placed, TimeScale scale, double origin, double labelX, double right)
    {
        var events = exchanges
            .SelectMany(e => e.Events.Select(ev => (Event: ev, Exchange: e)))
            .OrderBy(p => p.Event.Time).ThenBy(p => p.Event.Frame)
            .ToList();
        var marks = new List<MarkView>();
        var nextLabelY = 0.0;
        foreach (var (ev, e) in events)
        {
            var y = scale.Y(ev.Time);
            var labelY = Math.Max(y + 4, nextLabelY);
            nextLabelY = labelY + LabelLine;
            var (kind, isLine, colour, text) = ev.Kind switch
            {
                ExpertKind.Retry => ("retry", true, "#b00020", $"{ev.Message} (frame {ev.Frame}, {Offset(ev.Time - origin)})"),
                ExpertKind.Complete => ("complete", true, "#13862f", $"login complete (frame {ev.Frame}, {Offset(ev.Time - origin)})"),
                _ => ("fallback", false, "#b35c00", $"{ev.Message} (frame {ev.Frame})"),
            };
            var from = isLine ? right : placed[e].X;
            marks.Add(new MarkView(
                kind, isLine, Px(ClientX), Px(isLine ? right : from), Px(y),
                $"M{Px(from)},{Px(y)} L{Px(labelX - 4)},{Px(labelY - 4)}",
                Px(labelX), Px(labelY), Escape(text), colour));
        }

        return marks;
    }

    private static List<TickView> Ticks(TimeScale scale)
    {
        double[] steps = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
        var step = steps.FirstOrDefault(v => v * scale.PixelsPerSecond >= 40, 600);
        var ticks = new List<TickView>();
        foreach (var (from, to, y) in scale.Stretches)
        {
            ticks.Add(new TickView(Px(y), Escape(Offset(from))));
            for (var t = (Math.Floor(from / step) + 1) * step; t <= to + 1e-9; t += step)
            {
                var ty = y + ((t - from) * scale.PixelsPerSecond);
                if (ty - y >= 16)
                {
                    ticks.Add(new TickView(Px(ty), Escape(Offset(t))));
                }
            }
        }

        return ticks;
    }

    private static string Zigzag(double y, double right)
    {
        var path = new System.Text.StringBuilder($"M{Px(20)},{Px(y)}");
        var up = true;
        for (var px = 28.0; px <= right; px += 8)
        {
            path.Append($" L{Px(px)},{Px(y + (up ? -4 : 4))}");
            up = !up;
        }

        return path.ToString();
    }
}
