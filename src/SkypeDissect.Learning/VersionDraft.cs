using SkypeDissect.Analyzer;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// Turns the learner's proposal into a draft client version for a person to review: the base version's rules, each
/// kept, changed as the capture shows or dropped, plus the rules the capture needs that the base lacks
/// (<see cref="DraftRules"/>). The draft is then run over the capture as the analyzer would run it; a rule kept from
/// the base that tags flows the learner put in another group is dropped (with the rules that refer to it), and the
/// draft made again, until it tags nothing against the learner's groups. What was dropped, and why, is in the draft's
/// provenance. The learner holds no fact of any version: what a review decides goes into the version's file.
/// </summary>
public static class VersionDraft
{
    /// <summary>The draft of a version from a report.</summary>
    /// <param name="capture">Opens the report's capture of that index again, for the check of the draft against it; null: no check.</param>
    public static ClientVersion Draft(LearnReport report, ClientVersion baseVersion, Func<int, Stream>? capture = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(baseVersion);
        var dropped = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var version = new DraftRules(report, baseVersion, dropped).Version();
            if (capture is null)
            {
                return version;
            }

            var wrong = new Dictionary<string, List<FlowGroup>>(StringComparer.Ordinal);
            for (var i = 0; i < report.Captures.Count; i++)
            {
                using var stream = capture(i);
                foreach (var (rule, flows) in Disagreements(version, report, i, stream).Where(w => baseVersion.Rules.Any(r => r.Id == w.Key)))
                {
                    wrong[rule] = [.. wrong.GetValueOrDefault(rule) ?? [], .. flows];
                }
            }

            // A rule already dropped that still disagrees is the draft's own, made under the base rule's id (the
            // address rules of a group left without any): it stays for the review, and dropping it again would
            // never end.
            wrong = wrong.Where(w => !dropped.ContainsKey(w.Key)).ToDictionary(StringComparer.Ordinal);
            if (wrong.Count == 0)
            {
                return version;
            }

            foreach (var (rule, flows) in wrong.OrderBy(w => w.Key, StringComparer.Ordinal))
            {
                var groups = string.Join(", ", flows.GroupBy(f => f.Group ?? "unassigned", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
                var frames = string.Join("; ", flows.GroupBy(f => f.Capture).OrderBy(g => g.Key).Select(g => (report.Captures.Count > 1 ? report.Captures[g.Key].Name + ": " : "")
                    + DraftRules.FrameText(g.Select(f => f.FirstFrame))));
                dropped[rule] = $"on the capture it tags {Words.Count(flows.Count, "flow")} the learner puts in other groups ({groups}; {frames})";
                foreach (var dependent in baseVersion.Rules.Where(r => r.Parameters.Any(p => p.Spec.Type == ParameterType.RuleRef && (string?)p.Value == rule)))
                {
                    dropped.TryAdd(dependent.Id, $"it refers to {rule}, dropped");
                }
            }
        }
    }

    /// <summary>The rules of <paramref name="version"/> that tag frames of flows the learner put in another group (or in none), with those flows.</summary>
    internal static Dictionary<string, List<FlowGroup>> Disagreements(ClientVersion version, LearnReport report, int index, Stream capture)
    {
        var flows = report.FlowGroups.Where(f => f.Capture == index).ToLookup(f => (f.Transport, f.Client, f.ClientPort, f.Server, f.ServerPort));
        var wrong = new Dictionary<string, List<FlowGroup>>(StringComparer.Ordinal);
        foreach (var t in CaptureTagger.Analyze(capture, new SignatureModel([version]), new TagOptions { Details = false }))
        {
            // The learner's client sent the SYN or the first datagram; the rule's client may be either end.
            var flow = flows[(t.Transport, t.Client, t.ClientPort, t.Server, t.ServerPort)].Concat(flows[(t.Transport, t.Server, t.ServerPort, t.Client, t.ClientPort)])
                .FirstOrDefault(f => f.FirstFrame <= t.Tag.Frame && t.Tag.Frame <= f.LastFrame);
            if (flow is null || flow.Group == t.Tag.Group)
            {
                continue;
            }

            if (!wrong.TryGetValue(t.Tag.Rule, out var list))
            {
                wrong[t.Tag.Rule] = list = [];
            }

            if (!list.Contains(flow))
            {
                list.Add(flow);
            }
        }

        return wrong;
    }
}
