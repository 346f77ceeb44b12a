using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// What each rule of the base did on the client's traffic (<see cref="BaseRun"/>): the flows and DNS messages it
/// tagged, and whether the groups it gave agree with the groups the learner found. A rule that tags flows of another
/// group (a gate that took the login as complete before the capture shows it, a rule that catches what the base's
/// login rules miss) is changed; one that neither tags nor matches anything is not seen.
/// </summary>
internal static class RuleFacts
{
    /// <param name="assigners">The assigner of each capture, by capture: whose login got through when.</param>
    public static List<RuleItem> Build(IReadOnlyList<Assignment> assigned, IReadOnlyList<DnsSeen> clientDns, BaseModel model, IReadOnlyDictionary<CaptureRef, FlowAssigner> assigners)
    {
        var items = new List<RuleItem>();
        for (var i = 0; i < model.Rules.Count; i++)
        {
            var rule = model.Rules[i];
            var flows = assigned.Where(a => a.Flow.BaseTags.Contains(i)).ToList();
            var messages = clientDns.Where(d => d.BaseTag == i).ToList();
            var matched = assigned.Count(a => a.Flow.BaseMatches.Contains(i)) + clientDns.Count(d => d.BaseMatches.Contains(i));
            var other = flows.Where(a => a.Group != rule.Group).ToList();
            var frames = Evidence.Sorted(flows.Select(a => a.Flow.First).Concat(messages.Select(d => d.Capture.At(d.Frame))));
            var tagged = $"tags {Count(flows.Count, "flow")} and {Count(messages.Count, "DNS message")} of the client";
            var (status, note) = (flows.Count + messages.Count, matched, other.Count) switch
            {
                (0, 0, _) => (ProposalStatus.NotSeen, "tags and matches nothing of the client's traffic"),
                (0, _, _) => (ProposalStatus.Unchanged, $"matches {matched} {(matched == 1 ? "flow or DNS message" : "flows or DNS messages")} of the client, but tags none (its gate, or an earlier rule)"),
                (_, _, 0) => (ProposalStatus.Unchanged, tagged + ", in the groups the learner finds"),
                _ => (ProposalStatus.Changed, tagged + $"; {other.Count} of the flows belong to other groups ({Groups(other)})" + Early(rule, other, assigners)),
            };
            items.Add(new RuleItem(rule.Id, rule.Kind.Name, rule.Group, status, flows.Count, messages.Count, note, other.Count > 0 ? Evidence.Sorted(other.Select(a => a.Flow.First)) : frames));
        }

        return items;
    }

    /// <summary>A count with its noun in the number it needs ("1 flow", "9 flows"): the report is read by people.</summary>
    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Groups(List<Assignment> flows) =>
        string.Join(", ", flows.GroupBy(a => a.Group ?? "unassigned", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    private static string Early(Rule rule, List<Assignment> flows, IReadOnlyDictionary<CaptureRef, FlowAssigner> assigners)
    {
        var early = flows.Where(a => !assigners[a.Flow.Capture].GateHolds(rule, a.Flow.FirstTime)).ToList();
        if (early.Count == 0)
        {
            return "";
        }

        var when = early.Select(a => a.Flow.Capture).Distinct().OrderBy(c => c.Index).Select(c => assigners[c].LoginEstablished is { } done
            ? $"two exchanges on a login flow first at frame {done.Frame}" + (assigners.Count > 1 ? $" of {c.Name}" : "")
            : "no login flow carried two exchanges" + (assigners.Count > 1 ? $" in {c.Name}" : ""));
        return $"; its gate ({rule.Gate}) passed on {early.Count} of them before the login got through ({string.Join("; ", when)})";
    }
}
