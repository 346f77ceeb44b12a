using System.Globalization;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Generator.Exports;
using SkypeDissect.Model;
using static SkypeDissect.Cli.Report.HtmlText;

namespace SkypeDissect.Cli.Report;

/// <summary>Flattens what the report found into the view its template renders (pure: no clock, no I/O).</summary>
public static class ReportViewBuilder
{
    public static ReportView Build(SignatureModel model, IReadOnlyList<FileReport> files)
    {
        var steps = model.Versions[0].Steps;
        var diagrams = 0;
        var fileViews = new List<FileView>();
        foreach (var f in files)
        {
            var views = new List<DiagramView>();
            foreach (var d in f.Details)
            {
                diagrams++;
                views.Add(Diagram($"s{diagrams}", d));
            }

            fileViews.Add(File(f, views));
        }

        var versions = string.Join(", ", model.Versions.Select(v => v.Id));
        return new ReportView(
            Escape(files.Count == 1 ? $"Skype logins in {files[0].Path}" : $"Skype logins in {files.Count} captures"),
            Escape($"skypedissect report, signature versions {versions}"),
            [.. steps.Select(s => new LegendStepView(s.Number, StepPalette.Hex(s.Number), Escape(s.Title)))],
            [
                new("udp-33033", SequenceLayout.Dash("udp-33033"), "UDP probe (rung 1); also every exchange off the ladder"),
                new("tcp-33033", SequenceLayout.Dash("tcp-33033"), "TCP 33033 (rung 2)"),
                new("tcp-80", SequenceLayout.Dash("tcp-80"), "TCP 80 (rung 3)"),
                new("tcp-443", SequenceLayout.Dash("tcp-443"), "TCP 443 (rung 4)"),
            ],
            Escape($"Bounded for big captures: a diagram for each of the first {ReportLimits.Diagrams} sessions to start (all files together), "
                + $"at most {ReportLimits.ExchangesPerDiagram} exchanges each (the first to start), and a table of the first "
                + $"{ReportLimits.SummaryRows} sessions per file; the counts above each table cover every session. "
                + $"Gaps of more than {TimeScale.GapSeconds:0} s without a tagged frame are drawn shortened."),
            fileViews);
    }

    private static FileView File(FileReport f, IReadOnlyList<DiagramView> diagrams)
    {
        var anchors = diagrams.Zip(f.Details).ToDictionary(p => (p.Second.Session.Client, p.Second.Session.Start), p => p.First.Id);
        var counts = string.Join(", ", f.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}"));
        var rows = f.Sessions.Select(s =>
        {
            var anchor = anchors.GetValueOrDefault((s.Client, s.Start));
            return new SessionRowView(
                anchor is not null, anchor ?? "", Escape(s.Client), Escape(SessionFormat.Time(s.Start)), Escape(s.Outcome), Escape(s.FallbackStage ?? "-"),
                Escape(s.LoginServer is { } ls ? SessionFormat.Server(ls) + SessionFormat.Owner(ls) : "-"),
                Int(s.Retries), Escape(s.DurationSeconds is { } d ? SessionFormat.Seconds(d) + " s" : "-"), Escape(SessionFormat.Version(s)));
        }).ToList();
        var undrawn = f.SessionCount - f.Details.Count;
        return new FileView(
            Escape(f.Path),
            Escape($"{Plural(f.SessionCount, "login session")} ({(counts.Length == 0 ? "none" : counts)}), {Plural(f.TaggedFrames, "tagged frame")}"),
            f.Error is not null,
            Escape(f.Error),
            rows,
            f.SessionCount > rows.Count,
            Escape($"The table lists the first {rows.Count} of {f.SessionCount} sessions by start."),
            diagrams,
            undrawn > 0,
            Escape($"{Plural(undrawn, "session")} of this file {(undrawn == 1 ? "has" : "have")} no diagram (the report draws the first {ReportLimits.Diagrams} sessions to start)."));
    }

    private static DiagramView Diagram(string id, SessionDetail d)
    {
        var s = d.Session;
        var note = d.ExchangesSeen > d.Exchanges.Count
            ? $"{d.ExchangesSeen} exchanges; the first {d.Exchanges.Count} to start are drawn, the facts cover all."
            : null;
        return SequenceLayout.Build(id, d, Escape($"{s.Client} from {SessionFormat.Time(s.Start)}: {s.Outcome}"), Facts(d), note);
    }

    private static List<FactView> Facts(SessionDetail d)
    {
        var s = d.Session;
        var facts = new List<(string, string)>
        {
            ("client", s.Client),
            ("frames", $"{s.FirstFrame}-{s.LastFrame}, {Plural(s.Frames, "tagged frame")} in {Plural(d.ExchangesSeen, "exchange")}"),
            ("start", SessionFormat.Time(s.Start)),
            ("outcome", s.Outcome),
            ("stage reached", s.FallbackStage ?? "no ladder attempt"),
            ("login server", s.LoginServer is { } ls ? SessionFormat.Server(ls) + SessionFormat.Owner(ls) : "none (not completed)"),
        };
        if (SessionFormat.Position(s) is { Length: > 0 } position)
        {
            facts.Add(("position in DNS answer", position));
        }

        facts.Add(("duration", s.DurationSeconds is { } dur ? $"{SessionFormat.Seconds(dur)} s from the first login frame to the login server's answer" : "-"));
        var pauses = s.RetryPauses.Count == 0 ? "" : "; pauses " + string.Join(", ", s.RetryPauses.Select(p => SessionFormat.Seconds(p) + " s"));
        facts.Add(("rounds", $"{s.RoundStarts.Count} ({Plural(s.Retries, "retry", "retries")}{pauses})"));
        facts.Add(("version", SessionFormat.Version(s)));
        facts.Add(("frames per version", string.Join(", ", s.VersionCounts.Select(v => $"{v.Version}: {v.Frames}"))));
        facts.AddRange(s.VersionEvidence.Select(e => ("evidence", e)));
        facts.Add(("steps", string.Join(", ", s.Steps.Select(st => $"{st.Step} {st.Group} ({st.Frames})"))));
        if (s.Supernodes.Count > 0)
        {
            facts.Add(("super nodes", string.Join(", ", s.Supernodes)));
        }

        return [.. facts.Select(f => new FactView(Escape(f.Item1), Escape(f.Item2)))];
    }

    private static string Plural(long n, string one, string? many = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");
}
