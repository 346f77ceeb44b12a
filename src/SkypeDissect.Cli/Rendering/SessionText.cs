using System.Globalization;
using SkypeDissect.Analyzer.Sessions;
using static SkypeDissect.Cli.Rendering.SessionFormat;

namespace SkypeDissect.Cli.Rendering;

/// <summary>
/// For people, per file: each login's timeline as soon as it can no longer change (streamed), then the file's
/// summary table. The table needs its column widths, so it comes last, from one short row per login.
/// </summary>
public static class SessionText
{
    private static readonly string[] Header = ["client", "start (UTC)", "outcome", "stage", "login server", "retries", "duration", "version"];

    /// <summary>The cells of a login's summary row: all the table keeps of it.</summary>
    public static string[] Row(LoginSession s) =>
    [
        s.Client,
        Time(s.Start),
        s.Outcome,
        s.FallbackStage ?? "-",
        s.LoginServer is { } ls ? Server(ls) : "-",
        s.Retries.ToString(CultureInfo.InvariantCulture),
        s.DurationSeconds is { } d ? Seconds(d) + " s" : "-",
        Version(s),
    ];

    /// <summary>The <paramref name="index"/>th login of <paramref name="file"/> (0 first): the file's name before the first, a blank line between.</summary>
    public static void Login(string file, int index, LoginSession s, TextWriter o)
    {
        o.WriteLine(index == 0 ? file : "");
        Timeline(s, o);
    }

    /// <summary>The file's closing summary: how many logins, and their table.</summary>
    public static void Summary(string file, IReadOnlyList<string[]> rows, TextWriter o)
    {
        if (rows.Count > 0)
        {
            o.WriteLine();
        }

        o.WriteLine($"{file}: {Count(rows.Count, "login session")}");
        if (rows.Count == 0)
        {
            return;
        }

        var widths = Header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        o.WriteLine("  " + TextCells.Aligned(Header, widths));
        foreach (var r in rows)
        {
            o.WriteLine("  " + TextCells.Aligned(r, widths));
        }
    }

    private static void Timeline(LoginSession s, TextWriter o)
    {
        o.WriteLine($"{s.Client}, from {Time(s.Start)} (frames {s.FirstFrame}-{s.LastFrame}, {Count(s.Frames, "tagged frame")}): {s.Outcome}");
        var groupWidth = s.Steps.Max(x => x.Group.Length);
        var framesWidth = s.Steps.Max(x => Count(x.Frames, "frame").Length);
        foreach (var st in s.Steps.OrderBy(x => x.First).ThenBy(x => x.Step))
        {
            var servers = st.Servers.Count > 0
                ? string.Join(", ", st.Servers.Take(4).Select(x => Server(x) + Owner(x)))
                : st.Names.Count > 0 ? "DNS only: " + string.Join(", ", st.Names.Take(4)) : "DNS only";
            var more = st.Servers.Count > 4 ? $" and {st.Servers.Count - 4} more"
                : st.Servers.Count == 0 && st.Names.Count > 4 ? $" and {st.Names.Count - 4} more" : "";
            var span = $"+{Seconds(st.First - s.Start)} .. +{Seconds(st.Last - s.Start)} s";
            o.WriteLine($"  {span,-22} step {st.Step} {st.Group.PadRight(groupWidth)} {Count(st.Frames, "frame").PadRight(framesWidth)}  {servers}{more}");
        }

        if (s.RoundStarts.Count > 0)
        {
            var spacing = s.Retries > 0 ? $" ({Count(s.Retries, "retry", "retries")}, each after a pause of {string.Join(", ", s.RetryPauses.Select(x => Seconds(x) + " s"))})" : "";
            o.WriteLine($"  ladder: reached {s.FallbackStage}{spacing}");
        }

        if (s.LoginServer is { } ls)
        {
            var pos = Position(s);
            var through = s.LoginRung is { } rung ? $"; got through on {rung}{(s.LoginRungServer is { } rs ? $" ({Server(rs)})" : "")}" : "; got through on the channel";
            o.WriteLine($"  login server: {Server(ls)}{Owner(ls)}{(pos.Length > 0 ? $", address {pos} in the DNS answer" : "")}{through}; logged in after {Seconds(s.DurationSeconds ?? 0)} s");
        }

        if (s.Supernodes.Count > 0)
        {
            o.WriteLine($"  super nodes: {string.Join(", ", s.Supernodes)}");
        }

        o.WriteLine($"  version: {Version(s)}; {string.Join("; ", s.VersionEvidence)}");
    }

    private static string Count(int n, string one, string? many = null) => TextCells.Count(n, one, many);
}
