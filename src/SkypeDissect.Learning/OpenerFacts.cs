using System.Globalization;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// The first payloads of the client's flows, per group and endpoint: the bytes every sample agrees on
/// (a mask such as <c>?? ?? 02</c>), and the sizes. Three samples or more are needed before agreeing bytes
/// count as an opener: two random payloads agree somewhere in 64 bytes one time in four. Short payloads that
/// open several flows byte for byte (a fixed handshake such as <c>16 03 01 00 00</c>) are listed across groups.
/// The base holds an opener when its rules' evaluators match every sample (an HTTP request rule, a payload
/// prefix), or when its rules already tag every flow the opener begins: a signature of it would add nothing.
/// </summary>
internal static class OpenerFacts
{
    public const int MaskBytes = 64;
    public const int ShownBytes = 16;
    public const int MinSamples = 3;
    public const int MaxExactLength = 16;

    public static List<OpenerItem> Build(IReadOnlyList<Assignment> assigned, IReadOnlyList<EndpointItem> endpoints, BaseModel model)
    {
        var items = new List<OpenerItem>();
        foreach (var e in endpoints.Where(e => e.Flows > 0))
        {
            var ports = e.Ports.ToHashSet();
            var flows = assigned.Where(a => a.Group == e.Group && a.Flow.Transport == e.Transport && ports.Contains(a.Flow.ServerPort) && !a.Flow.MidStream).ToList();
            var range = e.FirstPort == e.LastPort ? N(e.FirstPort) : $"{N(e.FirstPort)}-{N(e.LastPort)}";
            var client = flows.Where(a => a.Flow.ClientFirst is not null).ToList();
            var server = flows.Where(a => a.Flow.ServerFirst is not null).ToList();
            var rules = ServerFacts.Rules(flows);
            if (client.Count > 0)
            {
                items.Add(Mask(e.Group, e.Transport, range, "client", client, a => a.Flow.ClientFirst!, model, rules));
            }

            if (server.Count > 0)
            {
                items.Add(Mask(e.Group, e.Transport, range, "server", server, a => a.Flow.ServerFirst!, model, rules));
            }
        }

        items.AddRange(Exact(assigned, "client", a => a.Flow.ClientFirst, model));
        items.AddRange(Exact(assigned, "server", a => a.Flow.ServerFirst, model));
        return items;
    }

    /// <summary>Why the base holds an opener of these flows (its rules match every sample, or tag every flow), or null.</summary>
    private static string? Held(List<Assignment> flows, Func<Assignment, PayloadSeen> pick, BaseModel model, string group)
    {
        var matching = Enumerable.Range(0, model.Rules.Count).Where(i => model.Rules[i].Group == group && flows.All(a => pick(a).BaseMatches.Contains(i))).ToList();
        if (matching.Count > 0)
        {
            return matching.Count == 1 ? $"the base's rule {model.Ids(matching)} matches every sample" : $"the base's rules {model.Ids(matching)} match every sample";
        }

        return TaggedAll(flows, model);
    }

    /// <summary>The base's rules explain (tag, or match without a gate) every flow: an opener of them would add nothing.</summary>
    private static string? TaggedAll(List<Assignment> flows, BaseModel model) =>
        flows.All(a => a.BaseRule >= 0)
            ? $"the base's rules already take every flow it opens ({model.Ids(flows.Select(a => a.BaseRule))}): a signature of it would add nothing"
            : null;

    private static OpenerItem Mask(string group, string transport, string ports, string direction, List<Assignment> flows, Func<Assignment, PayloadSeen> pick, BaseModel model, string rules)
    {
        var samples = flows.Select(pick).ToList();
        var held = Held(flows, pick, model, group);
        var length = Math.Min(MaskBytes, samples.Min(s => s.Length));
        var mask = new int?[length];
        for (var i = 0; i < length; i++)
        {
            var b = samples[0].Head[i];
            mask[i] = samples.All(s => s.Head[i] == b) ? b : null;
        }

        var fixedBytes = mask.Count(m => m is not null);
        var prefix = mask.TakeWhile(m => m is not null).Count();
        var frames = Evidence.Sorted(flows.Select(a => a.Flow.Capture.At(pick(a).Frame)));
        var (status, note) = samples.Count < MinSamples
            ? (ProposalStatus.Unchanged, $"{samples.Count} sample{(samples.Count == 1 ? "" : "s")}: too few to tell fixed bytes from chance" + (held is null ? "" : "; " + held))
            : fixedBytes == 0
                ? (ProposalStatus.Unchanged, "no byte is the same in every sample (encrypted or random)" + (held is null ? "" : "; " + held))
                : (held is null ? ProposalStatus.Added : ProposalStatus.Unchanged,
                    $"{fixedBytes} of the first {length} bytes are the same in every sample, {prefix} of them a common prefix" + Burst(flows, pick) + (held is null ? "" : "; " + held));
        return new OpenerItem(group, transport, ports, direction, Render(mask.Take(ShownBytes)), fixedBytes, samples.Count,
            samples.Min(s => s.Length), samples.Max(s => s.Length), status, rules, note, frames);
    }

    /// <summary>Samples one capture shows within a second of each other may agree on a counter or a clock, not on a constant.</summary>
    private static string Burst(List<Assignment> flows, Func<Assignment, PayloadSeen> pick) =>
        flows.Select(a => a.Flow.Capture).Distinct().Count() == 1 && flows.Max(a => pick(a).Time) - flows.Min(a => pick(a).Time) < 1
            ? "; all samples were sent within one second, so a byte they agree on may be a counter or a clock rather than a constant"
            : "";

    /// <summary>
    /// Payloads that open several TCP flows byte for byte, whatever their groups: a short one twice or more, a
    /// longer one three times or more (random payloads of that size never repeat; a canned handshake does).
    /// </summary>
    private static IEnumerable<OpenerItem> Exact(IReadOnlyList<Assignment> assigned, string direction, Func<Assignment, PayloadSeen?> pick, BaseModel model)
    {
        var samples = assigned.Where(a => a.Flow.IsTcp && pick(a) is not null).Select(a => (a, p: pick(a)!)).ToList();
        var repeated = samples.GroupBy(x => $"{x.p.Length}:{Convert.ToHexString(x.p.Head)}", StringComparer.Ordinal)
            .Where(g => g.Count() >= (g.First().p.Length <= MaxExactLength ? 2 : 3));
        foreach (var same in repeated.OrderBy(g => g.Min(x => (x.a.Flow.Capture.Index, x.p.Frame))))
        {
            var list = same.ToList();
            var groups = list.Select(x => x.a.Group ?? "unassigned").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var ports = list.Select(x => x.a.Flow.ServerPort).Distinct().Order().ToList();
            var shown = list[0].p.Head.Take(ShownBytes).Select(b => (int?)b);
            var flows = list.Select(x => x.a).ToList();
            var held = groups.Count == 1 ? Held(flows, a => pick(a)!, model, groups[0]) : TaggedAll(flows, model);
            yield return new OpenerItem(string.Join(",", groups), "tcp", ServerFacts.Ports(ports), direction,
                Render(shown), Math.Min(list[0].p.Length, list[0].p.Head.Length), list.Count, list[0].p.Length, list[0].p.Length,
                held is null ? ProposalStatus.Added : ProposalStatus.Unchanged,
                ServerFacts.Rules(list.Select(x => x.a)),
                $"the same {list[0].p.Length}-byte payload opens {list.Count} flows (groups {string.Join(", ", groups)})"
                + (list[0].p.Length > ShownBytes ? $"; the first {ShownBytes} bytes shown" : "") + (held is null ? "" : "; " + held),
                Evidence.Sorted(list.Select(x => x.a.Flow.Capture.At(x.p.Frame))));
        }
    }

    private static string Render(IEnumerable<int?> mask) =>
        string.Join(' ', mask.Select(m => m is { } b ? b.ToString("x2", CultureInfo.InvariantCulture) : "??"));

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
