using System.Globalization;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// Order and timing of the client's flows: the order in which groups first appear (against the steps of
/// Fig. 1), the first login attempt (against the base ladder), fall-backs to another port of the same host
/// and re-connections to the same port with their delays, rounds of login attempts, keepalives, and the
/// resolver's own retransmissions (which are not the client's timing and are named so). The base holds a
/// fact of timing when its rules already take every flow the fact rests on (the flows' frames are tagged or
/// matched as their group): a rung, a timed fall-back, a client-port rule. The notes still compare the fact
/// with the base's procedure (its ladder, its retry interval, the order of the steps).
/// </summary>
internal static class TimingFacts
{
    /// <summary>Attempts closer than this belong to one round.</summary>
    public const double RoundGap = 0.3;

    /// <param name="related">The names of the client's families and the vendor's other names: its own lookups.</param>
    public static List<TimingItem> Build(
        IReadOnlyList<Assignment> assigned, IReadOnlyList<DnsFamilyItem> families, IReadOnlyList<DnsSeen> clientDns, IReadOnlySet<string> related, BaseModel model)
    {
        var items = new List<TimingItem>();
        var grouped = assigned.Where(a => a.Group is not null).ToList();
        foreach (var capture in grouped.GroupBy(a => a.Flow.Capture).OrderBy(g => g.Key.Index))
        {
            // Order and first attempt belong to one start-up: one item each per capture.
            items.Add(Order([.. capture], families, model, capture.Key));
            if (capture.Where(a => a.Group == GroupIds.LoginServer).MinBy(a => a.Flow.FirstFrame) is { } first)
            {
                items.Add(FirstAttempt(first, model));
            }
        }

        items.AddRange(Pairs(grouped, model));
        foreach (var g in grouped.GroupBy(a => a.Group!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            items.AddRange(Rounds(g.Key, g.ToList(), model));
            if (Keepalive(g.Key, g.ToList(), model) is { } k)
            {
                items.Add(k);
            }
        }

        if (ResolverRetries(clientDns, related) is { } r)
        {
            items.Add(r);
        }

        return items;
    }

    /// <summary>Unchanged when the base takes every flow as its group, changed when it takes some.</summary>
    private static ProposalStatus Held(IEnumerable<Assignment> flows, BaseModel model, ProposalStatus otherwise) =>
        flows.All(a => model.Explains(a.Flow, a.Group!)) ? ProposalStatus.Unchanged : otherwise;

    private static TimingItem Order(List<Assignment> grouped, IReadOnlyList<DnsFamilyItem> families, BaseModel model, CaptureRef capture)
    {
        // Each group's first frame in the capture, and whether the base's rules take it as that group.
        var firsts = grouped.Select(a => (Group: a.Group!, Frame: a.Flow.FirstFrame, Held: model.Explains(a.Flow, a.Group!)))
            .Concat(families.Where(f => f.Group is not null).Select(f => (f, seen: f.SeenIn.FirstOrDefault(x => x.Capture == capture.Name))).Where(x => x.seen is not null)
                .Select(x => (Group: x.f.Group!, Frame: x.seen!.Frames[0], Held: x.f.Status == ProposalStatus.Unchanged)))
            .GroupBy(x => x.Group, StringComparer.Ordinal).Select(g => g.MinBy(x => x.Frame)).OrderBy(x => x.Frame).ToList();
        var steps = firsts.Select(x => model.Version.Steps.FirstOrDefault(s => s.Groups.Contains(x.Group))?.Number ?? 0).ToList();
        var inOrder = steps.Zip(steps.Skip(1)).All(p => p.First <= p.Second);
        var what = string.Join(", ", firsts.Select((x, i) => $"{x.Group} (step {steps[i]}, frame {x.Frame})"));
        var unheld = firsts.Where(x => !x.Held).Select(x => x.Group).ToList();
        return new TimingItem("all", "order", what, null, null, null, firsts.Count, unheld.Count == 0 ? ProposalStatus.Unchanged : ProposalStatus.Changed,
            "steps 1-8 of Fig. 1 in order", ServerFacts.Rules(grouped),
            (inOrder ? "groups first appear in the order of the steps" : "groups first appear out of the order of the steps")
            + (unheld.Count == 0 ? "; the base's rules take each group's first frame" : $"; the base's rules do not take the first frame of {string.Join(", ", unheld)}"),
            Evidence.Of(firsts.Select(x => capture.At(x.Frame))));
    }

    private static TimingItem FirstAttempt(Assignment first, BaseModel model)
    {
        var rung = model.Version.Procedure.Ladder[0];
        var same = first.Flow.Transport == Kebab(rung.Transport) && first.Flow.ServerPort == rung.Port;
        return new TimingItem(GroupIds.LoginServer, "first-attempt", $"{first.Flow.Transport}/{first.Flow.ServerPort} to {first.Remote}",
            first.Flow.FirstTime - first.Flow.Capture.Start, null, null, 1, Held([first], model, ProposalStatus.Changed), $"ladder starts with {rung.Stage}", first.Rule,
            $"seconds from the start of the capture; the first login flow is {first.Flow.Transport}/{first.Flow.ServerPort}, "
            + (same ? "the base ladder's first rung" : "not the base ladder's first rung")
            + (model.Explains(first.Flow, GroupIds.LoginServer) ? "; the base's rules take it" : "; the base's rules do not take it"),
            Evidence.Of([first.Flow.First]));
    }

    /// <summary>A second flow to the same host within the same-host window: to another port (fall-back) or the same one (re-connection).</summary>
    private static IEnumerable<TimingItem> Pairs(List<Assignment> grouped, BaseModel model)
    {
        var pairs = new List<(Assignment A, Assignment B)>();
        foreach (var host in grouped.Where(a => a.Flow.IsTcp).GroupBy(a => (a.Flow.Capture, a.Remote, a.Group)))
        {
            var flows = host.OrderBy(a => a.Flow.FirstFrame).ToList();
            pairs.AddRange(flows.Zip(flows.Skip(1)).Where(p => p.Second.Flow.FirstTime - p.First.Flow.FirstTime <= FlowAssigner.SameHostSeconds));
        }

        foreach (var kind in pairs.GroupBy(p => (p.A.Group!, Kind: p.A.Flow.ServerPort == p.B.Flow.ServerPort ? "reconnect" : "fallback", From: PortClass(p.A, model), To: PortClass(p.B, model)))
                     .OrderBy(g => g.Min(p => (p.A.Flow.Capture.Index, p.A.Flow.FirstFrame))))
        {
            var list = kind.ToList();
            var delays = list.Select(p => p.B.Flow.FirstTime - p.A.Flow.FirstTime).Order().ToList();
            var answeredFirst = list.Count(p => p.A.Flow.SynAckTime is { } t && t < p.B.Flow.FirstTime);
            var ladder = model.Version.Procedure.Ladder.Select(r => $"{Kebab(r.Transport)}/{r.Port}").ToList();
            var consecutive = ladder.IndexOf(kind.Key.From) is var i and >= 0 && i + 1 < ladder.Count && ladder[i + 1] == kind.Key.To;
            var flows = list.SelectMany(p => new[] { p.A, p.B }).ToList();
            var held = flows.All(a => model.Explains(a.Flow, a.Group!));
            yield return new TimingItem(kind.Key.Item1, kind.Key.Kind, $"{kind.Key.From} then {kind.Key.To} to the same host", Median(delays), delays[0], delays[^1], list.Count,
                consecutive || held ? ProposalStatus.Unchanged : ProposalStatus.Added,
                consecutive ? "consecutive rungs of the base ladder" : held ? $"its rules take both flows of every pair ({model.Ids(flows.Select(a => a.BaseRule).Where(i => i >= 0))})" : null,
                ServerFacts.Rules(list.SelectMany(p => new[] { p.A, p.B })),
                $"delay from the first flow's start; the first flow was answered before the second began in {answeredFirst} of {list.Count}",
                Evidence.Of(list.OrderBy(p => p.A.Flow.Capture.Index).SelectMany(p => new[] { p.A.Flow.First, p.B.Flow.First })));
        }
    }

    /// <summary>Rounds of a group's attempts (flows starting within <see cref="RoundGap"/> of each other); follow-ups to a host already tried left out.</summary>
    private static IEnumerable<TimingItem> Rounds(string group, List<Assignment> flows, BaseModel model)
    {
        var followUps = flows.GroupBy(a => (a.Flow.Capture, a.Remote))
            .SelectMany(host => host.OrderBy(a => a.Flow.FirstFrame).Zip(host.OrderBy(a => a.Flow.FirstFrame).Skip(1))
                .Where(p => p.Second.Flow.FirstTime - p.First.Flow.FirstTime <= FlowAssigner.SameHostSeconds).Select(p => p.Second))
            .ToHashSet();
        foreach (var transport in flows.Where(a => !followUps.Contains(a)).GroupBy(a => a.Flow.Transport, StringComparer.Ordinal))
        {
            // Rounds and the intervals between them are counted within each capture.
            var rounds = new List<List<Assignment>>();
            var gaps = new List<double>();
            foreach (var capture in transport.GroupBy(a => a.Flow.Capture).OrderBy(g => g.Key.Index))
            {
                var mine = new List<List<Assignment>>();
                foreach (var a in capture.OrderBy(a => a.Flow.FirstTime))
                {
                    if (mine.Count == 0 || a.Flow.FirstTime - mine[^1][^1].Flow.FirstTime > RoundGap)
                    {
                        mine.Add([]);
                    }

                    mine[^1].Add(a);
                }

                gaps.AddRange(mine.Zip(mine.Skip(1)).Select(p => p.Second[0].Flow.FirstTime - p.First[0].Flow.FirstTime));
                rounds.AddRange(mine);
            }

            if (rounds.Count < 3 || gaps.Count == 0)
            {
                continue;
            }

            var sorted = gaps.Order().ToList();
            var retry = model.Version.Procedure.RetryIntervalSeconds;
            var median = Median(sorted);
            var status = Held(transport, model, ProposalStatus.Changed);
            yield return new TimingItem(group, "rounds", $"{transport.Key} attempts in {rounds.Count} rounds of {Hosts(rounds.Min(r => r.Count), rounds.Max(r => r.Count))}",
                median, sorted[0], sorted[^1], rounds.Count, status, group == GroupIds.LoginServer ? $"a round repeated after {N(retry)} s" : null,
                ServerFacts.Rules(transport),
                "intervals between rounds: " + string.Join(", ", gaps.Select(N)), Evidence.Of(rounds.Select(r => r[0].Flow.First)));
        }
    }

    /// <summary>UDP conversations in which the client sends again and again at a steady interval.</summary>
    private static TimingItem? Keepalive(string group, List<Assignment> flows, BaseModel model)
    {
        var repeating = flows.Where(a => !a.Flow.IsTcp && a.Flow.ClientSends.Count >= 3).ToList();
        if (repeating.Count == 0)
        {
            return null;
        }

        var gaps = repeating.SelectMany(a => a.Flow.ClientSends.Zip(a.Flow.ClientSends.Skip(1)).Select(p => p.Second.Time - p.First.Time)).Order().ToList();
        return new TimingItem(group, "keepalive", $"udp to {Words.Count(repeating.Count, "host")}, {repeating.Max(a => a.Flow.ClientSends.Count)} datagrams at most",
            Median(gaps), gaps[0], gaps[^1], repeating.Count, Held(repeating, model, ProposalStatus.Added), null, ServerFacts.Rules(repeating),
            "the model gives no interval for a group" + (Held(repeating, model, ProposalStatus.Added) == ProposalStatus.Unchanged ? "; the base's rules take every datagram" : ""),
            Evidence.Sorted(repeating.SelectMany(a => a.Flow.ClientSends.Select(s => a.Flow.Capture.At(s.Frame)))));
    }

    /// <summary>The same query again from the same source port: the resolver retransmitting, not the client asking again.</summary>
    private static TimingItem? ResolverRetries(IReadOnlyList<DnsSeen> dns, IReadOnlySet<string> related)
    {
        var series = dns.Where(d => !d.Response && related.Contains(d.Name)).GroupBy(d => (d.Capture, d.Name, d.ClientPort)).Where(g => g.Count() >= 3).ToList();
        if (series.Count == 0)
        {
            return null;
        }

        var longest = series.OrderByDescending(g => g.Count()).ThenBy(g => g.Min(d => (d.Capture.Index, d.Frame))).First().OrderBy(d => d.Frame).ToList();
        var gaps = longest.Zip(longest.Skip(1)).Select(p => p.Second.Time - p.First.Time).ToList();
        return new TimingItem("dns", "resolver-retry", $"{series.Count} unanswered query series repeat on their source port; longest: {longest[0].Name} x{longest.Count}",
            Median(gaps.Order().ToList()), gaps.Min(), gaps.Max(), series.Count, ProposalStatus.Unchanged, null, "dns",
            "the operating system's resolver retransmits (same source port): not the client's timing; intervals " + string.Join(", ", gaps.Select(N)),
            Evidence.Of(longest.Select(d => d.Capture.At(d.Frame))));
    }

    private static string PortClass(Assignment a, BaseModel model)
    {
        var t = a.Flow.IsTcp ? Transport.Tcp : Transport.Udp;
        var e = model.Version.Group(a.Group!)?.Endpoints.FirstOrDefault(x => x.Matches(t, a.Flow.ServerPort) && x.Ports.Count > 1 && x.Ports.Count < 1000);
        return e is null ? $"{a.Flow.Transport}/{a.Flow.ServerPort}" : $"{a.Flow.Transport}/{e.Ports}";
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Kebab(Transport t) => t.ToString().ToLowerInvariant();

    private static string N(double d) => d.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"1 host each", "3 hosts each", "2-8 hosts".</summary>
    private static string Hosts(int min, int max) => min == max
        ? Words.Count(min, "host") + " each"
        : string.Create(CultureInfo.InvariantCulture, $"{min}-{max} hosts");
}
