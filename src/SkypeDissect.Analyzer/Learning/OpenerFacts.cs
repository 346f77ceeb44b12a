using System.Globalization;
using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Learning;

/// <summary>
/// The first payloads of the client's flows, per group and endpoint: the bytes every sample agrees on
/// (a mask such as <c>?? ?? 02</c>), and the sizes. Three samples or more are needed before agreeing bytes
/// count as an opener: two random payloads agree somewhere in 64 bytes one time in four. Short payloads that
/// open several flows byte for byte (a fixed handshake such as <c>16 03 01 00 00</c>) are listed across groups.
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
            var client = flows.Select(a => a.Flow.ClientFirst).OfType<PayloadSeen>().ToList();
            var server = flows.Select(a => a.Flow.ServerFirst).OfType<PayloadSeen>().ToList();
            var rules = ServerFacts.Rules(flows);
            if (client.Count > 0)
            {
                items.Add(Mask(e.Group, e.Transport, range, "client", client, HttpCovered(model, e, client), rules));
            }

            if (server.Count > 0)
            {
                items.Add(Mask(e.Group, e.Transport, range, "server", server, null, rules));
            }
        }

        items.AddRange(Exact(assigned, "client", a => a.Flow.ClientFirst));
        items.AddRange(Exact(assigned, "server", a => a.Flow.ServerFirst));
        return items;
    }

    private static OpenerItem Mask(string group, string transport, string ports, string direction, List<PayloadSeen> samples, string? httpRule, string rules)
    {
        var length = Math.Min(MaskBytes, samples.Min(s => s.Length));
        var mask = new int?[length];
        for (var i = 0; i < length; i++)
        {
            var b = samples[0].Head[i];
            mask[i] = samples.All(s => s.Head[i] == b) ? b : null;
        }

        var fixedBytes = mask.Count(m => m is not null);
        var prefix = mask.TakeWhile(m => m is not null).Count();
        var frames = samples.Select(s => s.Frame).Order().ToList();
        var (status, note) = httpRule is not null
            ? (ProposalStatus.Unchanged, $"an HTTP request the base's rule {httpRule} matches")
            : samples.Count < MinSamples
                ? (ProposalStatus.Unchanged, $"{samples.Count} sample{(samples.Count == 1 ? "" : "s")}: too few to tell fixed bytes from chance; the base has no opener")
                : fixedBytes == 0
                    ? (ProposalStatus.Unchanged, "no byte is the same in every sample (encrypted or random); the base has no opener either")
                    : (ProposalStatus.Added, $"{fixedBytes} of the first {length} bytes are the same in every sample, {prefix} of them a common prefix" + Burst(samples));
        return new OpenerItem(group, transport, ports, direction, Render(mask.Take(ShownBytes)), fixedBytes, samples.Count,
            samples.Min(s => s.Length), samples.Max(s => s.Length), status, rules, note, frames);
    }

    /// <summary>Samples sent within a second of each other may agree on a counter or a clock, not on a constant.</summary>
    private static string Burst(List<PayloadSeen> samples) =>
        samples.Max(s => s.Time) - samples.Min(s => s.Time) < 1
            ? "; all samples were sent within one second, so a byte they agree on may be a counter or a clock rather than a constant"
            : "";

    /// <summary>
    /// Payloads that open several TCP flows byte for byte, whatever their groups: a short one twice or more, a
    /// longer one three times or more (random payloads of that size never repeat; a canned handshake does).
    /// </summary>
    private static IEnumerable<OpenerItem> Exact(IReadOnlyList<Assignment> assigned, string direction, Func<Assignment, PayloadSeen?> pick)
    {
        var samples = assigned.Where(a => a.Flow.IsTcp && pick(a) is not null).Select(a => (a, p: pick(a)!)).ToList();
        var repeated = samples.GroupBy(x => $"{x.p.Length}:{Convert.ToHexString(x.p.Head)}", StringComparer.Ordinal)
            .Where(g => g.Count() >= (g.First().p.Length <= MaxExactLength ? 2 : 3));
        foreach (var same in repeated.OrderBy(g => g.Min(x => x.p.Frame)))
        {
            var list = same.ToList();
            var groups = list.Select(x => x.a.Group ?? "unassigned").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var ports = list.Select(x => x.a.Flow.ServerPort).Distinct().Order().ToList();
            var shown = list[0].p.Head.Take(ShownBytes).Select(b => (int?)b);
            yield return new OpenerItem(string.Join(",", groups), "tcp", ServerFacts.Ports(ports), direction,
                Render(shown), Math.Min(list[0].p.Length, list[0].p.Head.Length), list.Count, list[0].p.Length, list[0].p.Length, ProposalStatus.Added,
                ServerFacts.Rules(list.Select(x => x.a)),
                $"the same {list[0].p.Length}-byte payload opens {list.Count} flows (groups {string.Join(", ", groups)})"
                + (list[0].p.Length > ShownBytes ? $"; the first {ShownBytes} bytes shown" : ""),
                list.Select(x => x.p.Frame).Order().ToList());
        }
    }

    private static string? HttpCovered(BaseModel model, EndpointItem e, List<PayloadSeen> samples) =>
        model.Version.Rules.OfType<HttpRequestRule>().FirstOrDefault(r => r.Group == e.Group && samples.All(s => HttpMatches(r, s.Head)))?.Id;

    private static bool HttpMatches(HttpRequestRule rule, byte[] head)
    {
        var text = Encoding.ASCII.GetString(head);
        var line = text.Split('\r', '\n')[0];
        return text.StartsWith(rule.Method + " ", StringComparison.Ordinal) && line.Contains(rule.LineContains, StringComparison.OrdinalIgnoreCase);
    }

    private static string Render(IEnumerable<int?> mask) =>
        string.Join(' ', mask.Select(m => m is { } b ? b.ToString("x2", CultureInfo.InvariantCulture) : "??"));

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
