using System.Globalization;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Learning;

/// <summary>
/// Order and timing of the client's flows: the order in which groups first appear (against the steps of
/// Fig. 1), the first login attempt (against the base ladder), fall-backs to another port of the same host
/// and re-connections to the same port with their delays, rounds of login attempts, keepalives, and the
/// resolver's own retransmissions (which are not the client's timing and are named so).
/// </summary>
internal static class TimingFacts
{
    /// <summary>Attempts closer than this belong to one round.</summary>
    public const double RoundGap = 0.3;

    public static List<TimingItem> Build(IReadOnlyList<Assignment> assigned, IReadOnlyList<DnsFamilyItem> families, IReadOnlyList<DnsSeen> clientDns, BaseModel model, double start)
    {
        var items = new List<TimingItem>();
        var grouped = assigned.Where(a => a.Group is not null).ToList();
        items.Add(Order(grouped, families, model));
        var login = grouped.Where(a => a.Group == GroupIds.LoginServer).OrderBy(a => a.Flow.FirstFrame).ToList();
        if (login.Count > 0)
        {
            items.Add(FirstAttempt(login[0], model, start));
        }

        items.AddRange(Pairs(grouped, model));
        foreach (var g in grouped.GroupBy(a => a.Group!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            items.AddRange(Rounds(g.Key, g.ToList(), model));
            if (Keepalive(g.Key, g.ToList()) is { } k)
            {
                items.Add(k);
            }
        }

        if (ResolverRetries(clientDns, families) is { } r)
        {
            items.Add(r);
        }

        return items;
    }

    private static TimingItem Order(List<Assignment> grouped, IReadOnlyList<DnsFamilyItem> families, BaseModel model)
    {
        var firsts = grouped.Select(a => (Group: a.Group!, Frame: a.Flow.FirstFrame))
            .Concat(families.Where(f => f.Group is not null && f.Frames.Count > 0).Select(f => (Group: f.Group!, Frame: f.Frames[0])))
            .GroupBy(x => x.Group, StringComparer.Ordinal).Select(g => (Group: g.Key, Frame: g.Min(x => x.Frame))).OrderBy(x => x.Frame).ToList();
        var steps = firsts.Select(x => model.Version.Steps.FirstOrDefault(s => s.Groups.Contains(x.Group))?.Number ?? 0).ToList();
        var inOrder = steps.Zip(steps.Skip(1)).All(p => p.First <= p.Second);
        var what = string.Join(", ", firsts.Select((x, i) => $"{x.Group} (step {steps[i]}, frame {x.Frame})"));
        return new TimingItem("all", "order", what, null, null, null, firsts.Count, inOrder ? ProposalStatus.Unchanged : ProposalStatus.Changed,
            "steps 1-8 of Fig. 1 in order", ServerFacts.Rules(grouped), inOrder ? "groups first appear in the order of the steps" : "groups first appear out of the order of the steps",
            firsts.Select(x => x.Frame).ToList());
    }

    private static TimingItem FirstAttempt(Assignment first, BaseModel model, double start)
    {
        var rung = model.Version.Procedure.Ladder[0];
        var same = first.Flow.Transport == Kebab(rung.Transport) && first.Flow.ServerPort == rung.Port;
        return new TimingItem(GroupIds.LoginServer, "first-attempt", $"{first.Flow.Transport}/{first.Flow.ServerPort} to {first.Remote}",
            first.Flow.FirstTime - start, null, null, 1, same ? ProposalStatus.Unchanged : ProposalStatus.Changed, $"ladder starts with {rung.Stage}", first.Rule,
            $"seconds from the start of the capture; the first login flow is {first.Flow.Transport}/{first.Flow.ServerPort}", [first.Flow.FirstFrame]);
    }

    /// <summary>A second flow to the same host within the same-host window: to another port (fall-back) or the same one (re-connection).</summary>
    private static IEnumerable<TimingItem> Pairs(List<Assignment> grouped, BaseModel model)
    {
        var pairs = new List<(Assignment A, Assignment B)>();
        foreach (var host in grouped.Where(a => a.Flow.IsTcp).GroupBy(a => (a.Remote, a.Group)))
        {
            var flows = host.OrderBy(a => a.Flow.FirstFrame).ToList();
            pairs.AddRange(flows.Zip(flows.Skip(1)).Where(p => p.Second.Flow.FirstTime - p.First.Flow.FirstTime <= FlowAssigner.SameHostSeconds));
        }

        foreach (var kind in pairs.GroupBy(p => (p.A.Group!, Kind: p.A.Flow.ServerPort == p.B.Flow.ServerPort ? "reconnect" : "fallback", From: PortClass(p.A, model), To: PortClass(p.B, model)))
                     .OrderBy(g => g.Min(p => p.A.Flow.FirstFrame)))
        {
            var list = kind.ToList();
            var delays = list.Select(p => p.B.Flow.FirstTime - p.A.Flow.FirstTime).Order().ToList();
            var answeredFirst = list.Count(p => p.A.Flow.SynAckTime is { } t && t < p.B.Flow.FirstTime);
            var ladder = model.Version.Procedure.Ladder.Select(r => $"{Kebab(r.Transport)}/{r.Port}").ToList();
            var consecutive = ladder.IndexOf(kind.Key.From) is var i and >= 0 && i + 1 < ladder.Count && ladder[i + 1] == kind.Key.To;
            yield return new TimingItem(kind.Key.Item1, kind.Key.Kind, $"{kind.Key.From} then {kind.Key.To} to the same host", Median(delays), delays[0], delays[^1], list.Count,
                consecutive ? ProposalStatus.Unchanged : ProposalStatus.Added, consecutive ? "consecutive rungs of the base ladder" : null,
                ServerFacts.Rules(list.SelectMany(p => new[] { p.A, p.B })),
                $"delay from the first flow's start; the first flow was answered before the second began in {answeredFirst} of {list.Count}",
                list.SelectMany(p => new[] { p.A.Flow.FirstFrame, p.B.Flow.FirstFrame }).ToList());
        }
    }

    /// <summary>Rounds of a group's attempts (flows starting within <see cref="RoundGap"/> of each other); follow-ups to a host already tried left out.</summary>
    private static IEnumerable<TimingItem> Rounds(string group, List<Assignment> flows, BaseModel model)
    {
        var followUps = flows.GroupBy(a => a.Remote)
            .SelectMany(host => host.OrderBy(a => a.Flow.FirstFrame).Zip(host.OrderBy(a => a.Flow.FirstFrame).Skip(1))
                .Where(p => p.Second.Flow.FirstTime - p.First.Flow.FirstTime <= FlowAssigner.SameHostSeconds).Select(p => p.Second))
            .ToHashSet();
        foreach (var transport in flows.Where(a => !followUps.Contains(a)).GroupBy(a => a.Flow.Transport, StringComparer.Ordinal))
        {
            var starts = transport.OrderBy(a => a.Flow.FirstTime).ToList();
            var rounds = new List<List<Assignment>>();
            foreach (var a in starts)
            {
                if (rounds.Count == 0 || a.Flow.FirstTime - rounds[^1][^1].Flow.FirstTime > RoundGap)
                {
                    rounds.Add([]);
                }

                rounds[^1].Add(a);
            }

            if (rounds.Count < 3)
            {
                continue;
            }

            var gaps = rounds.Zip(rounds.Skip(1)).Select(p => p.Second[0].Flow.FirstTime - p.First[0].Flow.FirstTime).ToList();
            var sorted = gaps.Order().ToList();
            var retry = model.Version.Procedure.RetryIntervalSeconds;
            var median = Median(sorted);
            var status = group == GroupIds.LoginServer && Math.Abs(median - retry) > retry * 0.2 ? ProposalStatus.Changed : ProposalStatus.Unchanged;
            yield return new TimingItem(group, "rounds", $"{transport.Key} attempts in {rounds.Count} rounds of {rounds.Min(r => r.Count)}-{rounds.Max(r => r.Count)} hosts",
                median, sorted[0], sorted[^1], rounds.Count, status, group == GroupIds.LoginServer ? $"a round repeated after {N(retry)} s" : null,
                ServerFacts.Rules(transport),
                "intervals between rounds: " + string.Join(", ", gaps.Select(N)), rounds.Select(r => r[0].Flow.FirstFrame).ToList());
        }
    }

    /// <summary>UDP conversations in which the client sends again and again at a steady interval.</summary>
    private static TimingItem? Keepalive(string group, List<Assignment> flows)
    {
        var repeating = flows.Where(a => !a.Flow.IsTcp && a.Flow.ClientSends.Count >= 3).ToList();
        if (repeating.Count == 0)
        {
            return null;
        }

        var gaps = repeating.SelectMany(a => a.Flow.ClientSends.Zip(a.Flow.ClientSends.Skip(1)).Select(p => p.Second.Time - p.First.Time)).Order().ToList();
        return new TimingItem(group, "keepalive", $"udp to {repeating.Count} host{(repeating.Count == 1 ? "" : "s")}, {repeating.Max(a => a.Flow.ClientSends.Count)} datagrams at most",
            Median(gaps), gaps[0], gaps[^1], repeating.Count, ProposalStatus.Added, null, ServerFacts.Rules(repeating), "the base gives no interval for the group",
            repeating.SelectMany(a => a.Flow.ClientSends.Select(s => s.Frame)).Order().ToList());
    }

    /// <summary>The same query again from the same source port: the resolver retransmitting, not the client asking again.</summary>
    private static TimingItem? ResolverRetries(IReadOnlyList<DnsSeen> dns, IReadOnlyList<DnsFamilyItem> families)
    {
        var related = families.SelectMany(f => f.Names).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var series = dns.Where(d => !d.Response && related.Contains(d.Name)).GroupBy(d => (d.Name, d.ClientPort)).Where(g => g.Count() >= 3).ToList();
        if (series.Count == 0)
        {
            return null;
        }

        var longest = series.OrderByDescending(g => g.Count()).ThenBy(g => g.Min(d => d.Frame)).First().OrderBy(d => d.Frame).ToList();
        var gaps = longest.Zip(longest.Skip(1)).Select(p => p.Second.Time - p.First.Time).ToList();
        return new TimingItem("dns", "resolver-retry", $"{series.Count} unanswered query series repeat on their source port; longest: {longest[0].Name} x{longest.Count}",
            Median(gaps.Order().ToList()), gaps.Min(), gaps.Max(), series.Count, ProposalStatus.Unchanged, null, "dns",
            "the operating system's resolver retransmits (same source port): not the client's timing; intervals " + string.Join(", ", gaps.Select(N)),
            longest.Select(d => d.Frame).ToList());
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
}
