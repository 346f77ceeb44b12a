using System.Globalization;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// The servers of the client's assigned flows as model facts: /24 networks with host ranges, and endpoints
/// (transport and port range) per group, each compared with the base. Host ranges generalise over networks
/// of the same base shape (the paper's Table I has two shapes of host range): another session picks other
/// servers of the same networks, so the envelope of all of them is proposed for each.
/// </summary>
internal static class ServerFacts
{
    /// <summary>
    /// Rules whose flows reached a server only through its address: the address is the only handle a signature has.
    /// Servers known by a TLS name are not among them: a name follows a service across networks, an address does not.
    /// </summary>
    private static readonly string[] AddressOnlyRules = ["endpoint-after-dns", "same-host", "base-network"];

    /// <summary>The <see cref="EndpointItem.BaseEndpoint"/> of ports a base rule that takes any port explains.</summary>
    public const string AnyPort = "any port";

    public static List<NetworkItem> Networks(IReadOnlyList<Assignment> assigned, BaseModel model)
    {
        var v4 = assigned.Where(a => a.Group is not null && !a.Remote.IsV6).ToList();
        var byNetwork = v4.GroupBy(a => FlowAssigner.Network(a.Remote), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var baseNetworks = model.Version.Groups.SelectMany(g => g.Ranges).Select(r => r.Network).Distinct(StringComparer.Ordinal).ToList();
        var shapes = baseNetworks.GroupBy(n => Hosts(model.RangesIn(n)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Envelope(g.ToList(), model, byNetwork), StringComparer.Ordinal);
        var items = new List<NetworkItem>();
        foreach (var network in baseNetworks.Concat(byNetwork.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var flows = byNetwork.GetValueOrDefault(network) ?? [];
            var ranges = model.RangesIn(network);
            if (ranges.Count == 0 && !flows.Any(a => AddressOnlyRules.Contains(a.Rule)))
            {
                continue; // servers found through DNS answers or after the login: no address signature needed
            }

            items.Add(Item(network, flows, ranges, model, shapes));
        }

        return items;
    }

    private static NetworkItem Item(string network, List<Assignment> flows, IReadOnlyList<AddressRange> ranges, BaseModel model, Dictionary<string, (int First, int Last)> shapes)
    {
        var hosts = flows.Select(a => (int)(a.Remote.V4 & 255)).Distinct().Order().ToList();
        var groups = flows.Select(a => a.Group!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var baseGroups = model.Version.Groups.Where(g => g.Ranges.Any(r => r.Network == network)).Select(g => g.Id).ToList();
        // The model's own range test, the one the address-range evaluator compiles (ports are the endpoints' business).
        var outside = flows.Select(a => a.Remote.V4).Distinct().Where(x => !ranges.Any(r => r.Contains(x))).Select(x => (int)(x & 255)).Order().ToList();
        var rules = flows.Select(a => a.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var frames = Evidence.Sorted(flows.GroupBy(a => (a.Flow.Capture, a.Remote)).Select(g => g.MinBy(a => a.Flow.FirstFrame)!.Flow.First));
        var shape = Hosts(ranges);
        if (ranges.Count == 0)
        {
            var byName = rules.SequenceEqual(["tls-name"]) ? "; the servers were known by their TLS names, which a name rule follows better than an address" : "";
            return new NetworkItem(network, groups, baseGroups, string.Join(",", rules), ProposalStatus.Added, hosts, hosts, "", 0, 255,
                $"not in the base; hosts {Hosts(hosts)} reached; one capture shows too few hosts to bound the range, so the whole /24 is proposed" + byName, frames);
        }

        var (first, last) = shapes[shape];
        var status = hosts.Count == 0 ? ProposalStatus.NotSeen : outside.Count == 0 ? ProposalStatus.Unchanged : ProposalStatus.Changed;
        var note = status switch
        {
            ProposalStatus.NotSeen => "no server of this network was reached",
            ProposalStatus.Unchanged => $"every host reached lies in the base ranges {shape}",
            _ => $"{outside.Count} of {hosts.Count} hosts lie outside the base ranges {shape}; the envelope of every network with these base ranges is {first}-{last}",
        };
        return new NetworkItem(network, groups, baseGroups, string.Join(",", rules), status, hosts, outside, shape,
            status == ProposalStatus.Changed ? first : ranges.Min(r => r.FirstHost), status == ProposalStatus.Changed ? last : ranges.Max(r => r.LastHost), note, frames);
    }

    /// <summary>Base ranges and the hosts reached, over every network of one shape.</summary>
    private static (int First, int Last) Envelope(List<string> networks, BaseModel model, Dictionary<string, List<Assignment>> byNetwork)
    {
        var hosts = networks.SelectMany(n => model.RangesIn(n).SelectMany(r => new[] { r.FirstHost, r.LastHost })
            .Concat((byNetwork.GetValueOrDefault(n) ?? []).Select(a => (int)(a.Remote.V4 & 255)))).ToList();
        return (hosts.Min(), hosts.Max());
    }

    public static List<EndpointItem> Endpoints(IReadOnlyList<Assignment> assigned, BaseModel model)
    {
        var items = new List<EndpointItem>();
        foreach (var group in assigned.Where(a => a.Group is not null).GroupBy(a => a.Group!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var baseEndpoints = model.Version.Group(group.Key)?.Endpoints ?? [];
            var left = group.ToList();
            foreach (var e in baseEndpoints)
            {
                var inside = left.Where(a => e.Matches(Transport(a), a.Flow.ServerPort)).ToList();
                left = left.Where(a => !e.Matches(Transport(a), a.Flow.ServerPort)).ToList();
                items.Add(inside.Count == 0
                    ? new EndpointItem(group.Key, Kebab(e.Transport), e.Ports.First, e.Ports.Last, [], 0, 0, ProposalStatus.NotSeen, e.ToString(), "base-endpoint", $"base endpoint {e.Id}: no flow of the group used it", [])
                    : Item(group.Key, inside, e.Ports.First, e.Ports.Last, ProposalStatus.Unchanged, e.ToString(), $"inside base endpoint {e.Id}"));
            }

            foreach (var t in left.GroupBy(a => a.Flow.Transport, StringComparer.Ordinal))
            {
                items.AddRange(Added(group.Key, t.ToList(), baseEndpoints, model));
            }
        }

        var seen = items.Select(i => i.Group).ToHashSet(StringComparer.Ordinal);
        foreach (var g in model.Version.Groups.Where(g => !seen.Contains(g.Id)))
        {
            var twin = model.Version.Groups.FirstOrDefault(o => o.Id != g.Id && seen.Contains(o.Id) && g.Ranges.Count > 0 && g.Ranges.SequenceEqual(o.Ranges));
            var note = twin is null
                ? "no flow of the client was assigned to the group"
                : $"the group shares {twin.Id}'s servers; the learner puts every flow to them in {twin.Id} and does not tell this group's flows apart";
            items.AddRange(g.Endpoints.Select(e => new EndpointItem(g.Id, Kebab(e.Transport), e.Ports.First, e.Ports.Last, [], 0, 0, ProposalStatus.NotSeen, e.ToString(), "base-endpoint", note, [])));
        }

        return items;
    }

    /// <summary>
    /// Ports no base endpoint of the group holds: those a base rule of the group that takes any port explains, inside
    /// another transport's base range, a compact run of many ports, or single ports.
    /// </summary>
    private static IEnumerable<EndpointItem> Added(string group, List<Assignment> flows, IReadOnlyList<Endpoint> baseEndpoints, BaseModel model)
    {
        var anyPort = flows.Where(a => a.BaseRule >= 0 && BaseModel.AnyPort(model.Rules[a.BaseRule])).ToList();
        if (anyPort.Count > 0)
        {
            yield return Item(group, anyPort, anyPort.Min(a => a.Flow.ServerPort), anyPort.Max(a => a.Flow.ServerPort), ProposalStatus.Unchanged, AnyPort,
                $"any port, as the base's rule {model.Ids(anyPort.Select(a => a.BaseRule))} has it");
            flows = flows.Except(anyPort).ToList();
            if (flows.Count == 0)
            {
                yield break;
            }
        }

        var left = flows;
        foreach (var wider in baseEndpoints.Where(e => e.Ports.Count > 1 && e.Ports.Count < 1000))
        {
            var inside = left.Where(a => wider.Ports.Contains(a.Flow.ServerPort)).ToList();
            if (inside.Count > 0)
            {
                left = left.Where(a => !wider.Ports.Contains(a.Flow.ServerPort)).ToList();
                yield return Item(group, inside, wider.Ports.First, wider.Ports.Last, ProposalStatus.Added, wider.ToString(),
                    $"the base has these ports on {Kebab(wider.Transport)} only ({wider.Id}); ports {Ports(Distinct(inside))} seen, the base range proposed");
            }
        }

        var ports = Distinct(left);
        var run = ports.Count >= 5 && ports[^1] - ports[0] < 20 * ports.Count;
        if (run)
        {
            yield return Item(group, left, ports[0], ports[^1], ProposalStatus.Added, null, $"{ports.Count} ports seen ({Ports(ports)}); their span proposed");
            yield break;
        }

        foreach (var p in ports)
        {
            yield return Item(group, left.Where(a => a.Flow.ServerPort == p).ToList(), p, p, ProposalStatus.Added, null, "not a base endpoint of the group");
        }
    }

    private static List<int> Distinct(List<Assignment> flows) => flows.Select(a => a.Flow.ServerPort).Distinct().Order().ToList();

    private static EndpointItem Item(string group, List<Assignment> flows, int first, int last, ProposalStatus status, string? baseEndpoint, string note)
    {
        var ports = flows.Select(a => a.Flow.ServerPort).Distinct().Order().ToList();
        return new EndpointItem(group, flows[0].Flow.Transport, first, last, ports, flows.Count, flows.Count(a => a.Flow.Answered), status, baseEndpoint, Rules(flows), note,
            Evidence.Sorted(flows.Select(a => a.Flow.First)));
    }

    /// <summary>The assignment rules of some flows, comma-separated in ordinal order.</summary>
    public static string Rules(IEnumerable<Assignment> flows) =>
        string.Join(",", flows.Select(a => a.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static Transport Transport(Assignment a) => a.Flow.IsTcp ? Model.Transport.Tcp : Model.Transport.Udp;

    private static string Kebab(Transport t) => t.ToString().ToLowerInvariant();

    private static string Hosts(IReadOnlyList<AddressRange> ranges) =>
        string.Join(",", ranges.OrderBy(r => r.FirstHost).Select(r => r.FirstHost == r.LastHost ? N(r.FirstHost) : $"{N(r.FirstHost)}-{N(r.LastHost)}"));

    public static string Hosts(IReadOnlyList<int> hosts) => Ports(hosts);

    public static string Ports(IReadOnlyList<int> values) => NumberRuns.Format(values);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
