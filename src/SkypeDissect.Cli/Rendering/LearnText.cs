using System.Globalization;
using SkypeDissect.Learning;

namespace SkypeDissect.Cli.Rendering;

/// <summary>
/// A learn report for people: one block per section, each item a headline (status, group, the proposed
/// value, the assignment rule) with its details and evidence frames on indented lines below.
/// </summary>
public static class LearnText
{
    /// <summary>Evidence lists longer than this are cut, with the total given.</summary>
    public const int ShownFrames = 16;

    public static void Render(LearnReport r, TextWriter o)
    {
        var several = r.Captures.Count > 1;
        o.WriteLine(TextCells.Printable($"Learning {r.AsVersion} from {string.Join(", ", r.Captures.Select(c => c.Name))}, compared with {r.BaseVersion}"));
        foreach (var c in r.Captures)
        {
            o.WriteLine(TextCells.Printable($"  {(several ? c.Name + ": " : "")}{C(c.Frames, "frame")}, {S(c.Duration)} s; client {c.Client ?? "none found"}"
                + (c.SkypePort is { } p ? $"; Skype UDP port {N(p)} (frame {Frames(c.SkypePortFrames)})" : "")
                + (c.Build is { } b ? $"; build in DNS names {b}" : "")));
        }

        foreach (var c in r.Captures.Where(c => c.Dropped is not null))
        {
            o.WriteLine(TextCells.Printable($"  {(several ? c.Name + ": " : "")}{c.Dropped}"));
        }

        if (r.Captures.All(c => c.Client is null))
        {
            o.WriteLine("  No host looked up a name of the base or reached its servers: nothing to propose.");
            return;
        }

        o.WriteLine();
        Section(o, "Frames per group (how many frames of the capture the learner put in each group)", r.Groups.Select(g => new Block(
            [g.Group, C(g.Flows, "flow"), C(g.FlowFrames, "flow frame"), C(g.DnsFrames, "DNS frame")],
            [$"assigned by: {string.Join(", ", g.AssignedBy)}"])));
        Section(o, "DNS name families", r.Dns.Select(d => new Block(
            [Status(d.Status), d.Group ?? "(no group)", d.Pattern, d.AssignedBy],
            [.. d.Names.Select(Name), d.Note, $"frames: {Frames(d.SeenIn, several)}"])));
        Section(o, "Other names the client looked up (no group follows from them; not proposed)", r.OtherNames.Select(n => new Block(
            [n.Name, C(n.Queries, "query", "queries"), n.Answered ? "answered " + (n.Addresses.Count == 0 ? "(no address)" : string.Join(", ", n.Addresses)) : "no answer"],
            n.Note.Length == 0 ? [$"frames: {Frames(n.SeenIn, several)}"] : [n.Note, $"frames: {Frames(n.SeenIn, several)}"])));
        Section(o, "Server networks (/24) and host ranges", r.Networks.Select(n => new Block(
            [Status(n.Status), n.Network, $"hosts {N(n.ProposedFirstHost)}-{N(n.ProposedLastHost)}", string.Join(",", n.Groups.DefaultIfEmpty("-")), n.AssignedBy],
            [$"reached: {(n.Hosts.Count == 0 ? "-" : Runs(n.Hosts))}" + (n.HostsOutsideBase.Count > 0 && n.BaseHosts.Length > 0 ? $"; outside base {n.BaseHosts}: {Runs(n.HostsOutsideBase)}" : ""), n.Note, $"frames: {Frames(n.SeenIn, several)}"])));
        Section(o, "Endpoints per group", r.Endpoints.Select(e => new Block(
            [Status(e.Status), e.Group, $"{e.Transport}/{Range(e.FirstPort, e.LastPort)}", $"{C(e.Flows, "flow")}, {N(e.AnsweredFlows)} answered", e.AssignedBy],
            [$"ports seen: {(e.Ports.Count == 0 ? "-" : Runs(e.Ports))}" + (e.BaseEndpoint is { } be ? $"; base {be}" : ""), e.Note, $"frames: {Frames(e.SeenIn, several)}"])));
        Section(o, "Openers (first payload of each flow)", r.Openers.Select(x => new Block(
            [Status(x.Status), x.Group, $"{x.Transport}/{x.Ports}", x.Direction, $"{C(x.Samples, "sample")}, {Range(x.MinLength, x.MaxLength)} bytes", x.AssignedBy],
            [$"bytes: {(x.Pattern.Length == 0 ? "-" : x.Pattern)}", x.Note, $"frames: {Frames(x.SeenIn, several)}"])));
        Section(o, "Order and timing", r.Timing.Select(t => new Block(
            [Status(t.Status), t.Group, t.Kind, t.Seconds is { } s ? $"{S(s)} s" + (t.MinSeconds is { } min && t.MaxSeconds is { } max ? $" ({S(min)}-{S(max)})" : "") : "-", t.AssignedBy],
            [t.What + (t.Base is { } bs ? $"; base: {bs}" : ""), t.Note, $"frames: {Frames(t.SeenIn, several)}"])));
        Section(o, "Rules of the base on the client's traffic", r.Rules.Select(x => new Block(
            [Status(x.Status), x.Group, x.Rule, x.Kind, $"{C(x.Flows, "flow")}, {C(x.Messages, "DNS message")}"],
            [x.Note, $"frames: {Frames(x.SeenIn, several)}"])));
        Section(o, "Flows of the client no rule assigned (largest first, at most " + N(Learner.MaxUnassigned) + ")", r.Unassigned.Select(u => new Block(
            [$"{u.Transport} {u.Server}", $"ports {u.Ports}", C(u.Flows, "flow"), C(u.FrameCount, "frame"), $"from {S(u.FirstSeconds)} s"],
            u.Note.Length == 0 ? [$"frames: {Frames(u.SeenIn, several)}"] : [u.Note, $"frames: {Frames(u.SeenIn, several)}"])));
        foreach (var c in r.Captures.Where(c => c.Error is not null))
        {
            o.WriteLine(TextCells.Printable($"Reading stopped early: {(several ? c.Name + ": " : "")}{c.Error}"));
        }
    }

    private sealed record Block(string[] Head, string[] Details);

    private static void Section(TextWriter o, string title, IEnumerable<Block> blocks)
    {
        // Names from the capture and the file system may hold any character: shown escaped, as the JSON report does,
        // so that no capture writes on the reader's terminal.
        var list = blocks.Select(b => new Block([.. b.Head.Select(TextCells.Printable)], [.. b.Details.Select(TextCells.Printable)])).ToList();
        o.WriteLine(title);
        if (list.Count == 0)
        {
            o.WriteLine("  (none)");
            o.WriteLine();
            return;
        }

        var columns = list.Max(b => b.Head.Length);
        var widths = Enumerable.Range(0, columns).Select(i => list.Max(b => i < b.Head.Length ? b.Head[i].Length : 0)).ToArray();
        foreach (var b in list)
        {
            o.WriteLine(("  " + string.Join("  ", b.Head.Select((h, i) => i == b.Head.Length - 1 ? h : h.PadRight(widths[i])))).TrimEnd());
            foreach (var d in b.Details.Where(d => d.Length > 0))
            {
                o.WriteLine("      " + d);
            }
        }

        o.WriteLine();
    }

    private static string Name(DnsNameSeen n) =>
        $"{n.Name}: {C(n.Queries, "query", "queries")}, " + (!n.Answered ? "no answer"
            : $"answered {string.Join("/", n.Rcodes)}" + (n.Addresses.Count == 0 ? " without address" : ": " + string.Join(", ", n.Addresses)));

    private static string Status(ProposalStatus s) => s switch
    {
        ProposalStatus.Added => "added",
        ProposalStatus.Changed => "changed",
        ProposalStatus.Unchanged => "unchanged",
        _ => "not seen",
    };

    /// <summary>Evidence frames: with several captures, each capture's name before its frames.</summary>
    private static string Frames(IReadOnlyList<SeenIn> seen, bool several) =>
        seen.Count == 0 ? "-" : several ? string.Join("; ", seen.Select(s => $"{s.Capture} {Frames(s.Frames)}")) : Frames(seen[0].Frames);

    /// <summary>Frame numbers as runs, the first <see cref="ShownFrames"/> runs shown.</summary>
    private static string Frames(IReadOnlyList<long> frames)
    {
        if (frames.Count == 0)
        {
            return "-";
        }

        var runs = Runs(frames.Select(f => (int)Math.Min(f, int.MaxValue)).Distinct().Order().ToList()).Split(',');
        return runs.Length <= ShownFrames ? string.Join(",", runs) : string.Join(",", runs.Take(ShownFrames)) + $",... ({N(frames.Count)} in all)";
    }

    private static string Runs(IReadOnlyList<int> values) => NumberRuns.Format(values);

    private static string Range(int first, int last) => first == last ? N(first) : $"{N(first)}-{N(last)}";

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string C(long n, string one, string? many = null) => TextCells.Count(n, one, many);

    private static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
