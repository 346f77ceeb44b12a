using System.Globalization;
using System.Text.RegularExpressions;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// One draft of a version: the base's rules kept, widened or dropped, and the rules the capture needs that the base
/// lacks, generalised to what describes the client rather than one session (docs/skype-7.7.3.md section 8): name
/// families with placeholders, whole /24 networks, port ranges, fall-back timers, never the hosts, ports or names of
/// one capture. Kinds are told apart by their descriptors and built through them, never by their types. The rules of
/// generalisation below are the learner's; every fact comes from the report, and every changed or new fact carries
/// the capture's frames as provenance.
/// </summary>
internal sealed partial class DraftRules(LearnReport report, ClientVersion baseVersion, IReadOnlyDictionary<string, string> dropped)
{
    private const int WebPort = 443;
    private const int HttpPort = 80;

    /// <summary>A fall-back timer is matched up to this long after its measured maximum: timer slack and one lost SYN.</summary>
    private const double FallbackMarginSeconds = 1;

    private const string NameParent =
        "the family's host label varies (another data centre, another host): its parent domain is the signature, one {label} the host";

    private const string WebPortsGated =
        "443 is every web server's port: on whole /24 networks it is evidence only while a login of the client is under way";

    private const string LadderKept =
        "not seen in the capture, kept: a client's login state is shared by the versions of the model (docs/tagging.md 4) and holds a rung index, so every version keeps the same ladder";

    private readonly string source = "capture:" + string.Join(", ", report.Captures.Select(c => c.Name));

    [GeneratedRegex("^(?<ft>tcp|udp)/(?<from>[0-9-]+) then (?<tt>tcp|udp)/(?<to>[0-9]+) to the same host$")]
    private static partial Regex FallbackWhat();

    /// <summary>The kind that matches addresses in ranges, the one of fall-backs on a timer: found by their descriptors.</summary>
    private static RuleKind RangeKind => RuleKinds.All.First(k => k.Parameters.Any(p => p.Type == ParameterType.Ranges) && k.Needs.HasFlag(FrameNeeds.EndpointPort));

    private static RuleKind FallbackKind => RuleKinds.All.First(k => k.Needs.HasFlag(FrameNeeds.Opening));

    public ClientVersion Version()
    {
        var rules = new List<Rule>();
        foreach (var rule in baseVersion.Rules.Where(r => !dropped.ContainsKey(r.Id)))
        {
            rules.AddRange(Replace(rule));
        }

        foreach (var group in RangeGroups().Where(g => !rules.Any(r => r.Group == g && Ranges(r) is not null)))
        {
            // A group the base knew by names only: its address rules follow its other rules.
            var at = rules.FindLastIndex(r => r.Group == group) + 1;
            rules.InsertRange(at == 0 ? rules.Count : at, RangeRules(group));
        }

        var why = dropped.Count == 0 ? "" : "; dropped from the base: " + string.Join("; ", dropped.Select(d => $"{d.Key} ({d.Value})"));
        var learned = string.Join(", ", report.Captures.Where(c => c.Client is not null).Select(c => $"{c.Name} (client {c.Client}, build {c.Build ?? "not seen"})"));
        var whole = report.Captures.Where(c => c.Frames > 0).Select(c => new SeenIn(c.Name, [1, c.Frames])).ToList();
        return new ClientVersion(
            report.AsVersion,
            $"Skype {report.AsVersion} as learned from {learned}, a draft to review",
            baseVersion.Steps,
            Groups(rules),
            Procedure(),
            rules,
            [],
            new(source, Where(whole, (_, f) => string.Create(CultureInfo.InvariantCulture, $"frames {f[0]}-{f[^1]}")), $"drafted against {baseVersion.Id} by skypedissect learn --emit" + why));
    }

    /// <summary>Provenance from evidence: the frames, and with several captures each capture's name before its frames.</summary>
    public Provenance At(IReadOnlyList<SeenIn> frames, string? note = null) => new(source, Where(frames, (_, f) => FrameText(f)), note);

    private string Where(IReadOnlyList<SeenIn> frames, Func<string, IReadOnlyList<long>, string> text) =>
        report.Captures.Count == 1 ? text(report.Captures[0].Name, frames.SelectMany(s => s.Frames).ToList())
            : string.Join("; ", frames.Select(s => $"{s.Capture}: {text(s.Capture, s.Frames)}"));

    /// <summary>The first <paramref name="n"/> frames of the first capture the evidence has.</summary>
    private static IReadOnlyList<SeenIn> First(IReadOnlyList<SeenIn> frames, int n) => frames.Take(1).Select(s => s with { Frames = [.. s.Frames.Take(n)] }).ToList();

    private Provenance Note(string note) => new(source, "learn report", note);

    /// <summary>Frames as runs, at most twelve of them: provenance to look up, not a list to copy.</summary>
    public static string FrameText(IEnumerable<long> frames)
    {
        var sorted = frames.Distinct().Order().Select(f => (int)f).ToList();
        var runs = NumberRuns.Format(sorted).Split(',');
        var shown = string.Join(", ", runs.Take(12));
        return (sorted.Count == 1 ? "frame " : "frames ") + (runs.Length > 12 ? $"{shown}, ... ({sorted.Count} in all)" : shown);
    }

    /// <summary>Evidence of several items as one: per capture, the frames of all of them.</summary>
    private IReadOnlyList<SeenIn> Merge(IEnumerable<IReadOnlyList<SeenIn>> items) =>
        [.. items.SelectMany(x => x).GroupBy(s => s.Capture, StringComparer.Ordinal).OrderBy(g => report.Captures.ToList().FindIndex(c => c.Name == g.Key))
            .Select(g => new SeenIn(g.Key, [.. g.SelectMany(s => s.Frames).Distinct().Order()]))];

    private static IReadOnlyList<AddressRange>? Ranges(Rule r) => r.Parameters.Select(p => p.Value).OfType<IReadOnlyList<AddressRange>>().FirstOrDefault();

    private static DomainPattern? Domain(Rule r) => r.Parameters.Select(p => p.Value).OfType<DomainPattern>().FirstOrDefault();

    /// <summary>The rule rebuilt through its kind with another head and the parameters <paramref name="value"/> gives.</summary>
    private static Rule With(Rule r, RuleHead head, Func<RuleParameter, object?> value) => r.Kind.Create(head, [.. r.Parameters.Select(value)]);

    /// <summary>A group's facts are those of its rules: names, networks and endpoints.</summary>
    private List<ServerGroup> Groups(List<Rule> rules) =>
        baseVersion.Groups.Select(g =>
        {
            var mine = rules.Where(r => r.Group == g.Id).ToList();
            return g with
            {
                Domains = [.. mine.Select(Domain).OfType<DomainPattern>()],
                Ranges = [.. mine.Select(Ranges).OfType<IReadOnlyList<AddressRange>>().SelectMany(x => x).Distinct()],
                Endpoints = [.. mine.SelectMany(r => r.Endpoints).DistinctBy(e => e.Id).OrderBy(e => e.Transport).ThenBy(e => e.Ports.First)],
                Features = null,
                Examples = [],
                Provenance = mine.Count == 0 ? g.Provenance : Note("the group's facts are those of its rules"),
            };
        }).ToList();

    /// <summary>Groups whose servers the report found by address in networks the base lacks or does not wholly hold.</summary>
    private IEnumerable<string> RangeGroups() =>
        report.Networks.Where(n => n.Status is ProposalStatus.Added or ProposalStatus.Changed).SelectMany(n => n.Groups).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private IEnumerable<Rule> Replace(Rule rule)
    {
        if (rule.Kind.Needs.HasFlag(FrameNeeds.Dns) && Domain(rule) is { } domain)
        {
            return [Names(rule, domain)];
        }

        if (rule.Kind.Needs.HasFlag(FrameNeeds.LearnedAddress) && Seen(rule.Group).Count > 0)
        {
            var endpoints = Endpoints(rule.Group);
            return [rule.Kind.Create(rule.Head with
            {
                Endpoints = endpoints,
                Description = $"Traffic with an address answered for a {rule.Parameters.FirstOrDefault(p => p.Spec.Type == ParameterType.RuleRef)?.Value} name, on {string.Join(", ", endpoints)}",
                Provenance = At(Merge(Seen(rule.Group).Select(e => e.SeenIn)), "the endpoints the capture shows for the group; the base's rule otherwise"),
            }, [.. rule.Parameters.Select(p => p.Value)])];
        }

        if (Ranges(rule) is not null && RangeGroups().Contains(rule.Group))
        {
            // The group's first range rule becomes its range rules; a second one is folded into them.
            var first = baseVersion.Rules.First(r => r.Group == rule.Group && Ranges(r) is not null && !dropped.ContainsKey(r.Id));
            return first == rule ? RangeRules(rule.Group) : [];
        }

        return [rule];
    }

    private Rule Names(Rule r, DomainPattern domain)
    {
        if (report.Dns.FirstOrDefault(f => f.BasePattern == domain.Pattern && f.Status is ProposalStatus.Unchanged or ProposalStatus.Changed) is { } same)
        {
            var p = At(same.SeenIn, same.Status == ProposalStatus.Changed ? same.Note : null);
            return With(r, r.Head with { Provenance = p }, x => x.Value is DomainPattern ? new DomainPattern(same.Pattern, p) : x.Value);
        }

        if (report.Dns.FirstOrDefault(f => f.Group == r.Group && f.Status == ProposalStatus.Added && f.AssignedBy == "same-parent") is { } sibling)
        {
            var p = At(sibling.SeenIn, NameParent);
            var parent = sibling.Pattern[(sibling.Pattern.IndexOf('.') + 1)..];
            return With(r, r.Head with { Provenance = p }, x => x.Value is DomainPattern ? new DomainPattern("{label}." + parent, p) : x.Value);
        }

        return r;
    }

    /// <summary>The group's endpoints the capture shows (those any-port rules explain aside).</summary>
    private List<EndpointItem> Seen(string group) =>
        report.Endpoints.Where(e => e.Group == group && e.Status != ProposalStatus.NotSeen && e.BaseEndpoint != ServerFacts.AnyPort).ToList();

    /// <summary>
    /// Seen endpoints, and the base's unseen ones but the web ports: on whole /24 networks an unused web port would tag
    /// plain web traffic.
    /// </summary>
    private List<Endpoint> Endpoints(string group)
    {
        var seen = Seen(group).Select(e => EndpointOf(e, group)).ToList();
        var kept = (baseVersion.Group(group)?.Endpoints ?? [])
            .Where(b => !b.Ports.Contains(HttpPort) && !b.Ports.Contains(WebPort) && !seen.Any(s => s.Transport == b.Transport && s.Ports == b.Ports));
        return [.. seen.Concat(kept).OrderBy(e => e.Transport).ThenBy(e => e.Ports.First)];
    }

    private Endpoint EndpointOf(EndpointItem e, string group)
    {
        var transport = e.Transport == "udp" ? Transport.Udp : Transport.Tcp;
        var ports = new PortRange(e.FirstPort, e.LastPort);
        var same = baseVersion.Group(group)?.Endpoints.FirstOrDefault(b => b.Transport == transport && b.Ports == ports);
        if (same is not null && e.Status == ProposalStatus.Unchanged && same.Provenance.Source == source)
        {
            return same; // the base learned it from this capture: its provenance stays as its review left it
        }

        var id = same?.Id ?? (ports == baseVersion.Procedure.ChannelPorts ? $"{e.Transport}-channel" : $"{e.Transport}-{ports}");
        return new Endpoint(id, transport, ports, At(e.SeenIn, e.Status == ProposalStatus.Unchanged ? "as the base" : null));
    }

    /// <summary>
    /// A group's servers by address: a range rule on the group's own ports, a timed fall-back rule for each fall-back
    /// to the web port the capture timed, and a rule gated on the login for the web endpoints no timer covers. Only the
    /// login servers' networks are evidence without a login: the other groups' networks carry other services too.
    /// </summary>
    private List<Rule> RangeRules(string group)
    {
        var items = report.Networks.Where(n => n.Groups.Contains(group)).ToList();
        var ranges = RangesOf(items);
        var endpoints = Endpoints(group);
        var own = endpoints.Where(e => !e.Ports.Contains(WebPort)).ToList();
        var web = endpoints.Where(e => e.Ports.Contains(WebPort)).ToList();
        var gate = group == GroupIds.LoginServer ? Gate.None : Gate.LoginSeen;
        var id = group.Split('-')[0];
        var step = baseVersion.Steps.FirstOrDefault(s => s.Groups.Contains(group))?.Number ?? baseVersion.Rules.First(r => r.Group == group).Step;
        var rules = new List<Rule>
        {
            RangeKind.Create(new RuleHead($"{id}-range", step, group, gate, own,
                $"Traffic with a host of the group's networks (whole /24s) on {string.Join(", ", own)}", At(Merge(items.Select(n => n.SeenIn)), WholeNetworks(items))), [ranges]),
        };
        foreach (var t in report.Timing.Where(t => t.Group == group && t.Kind == "fallback"))
        {
            var m = FallbackWhat().Match(t.What);
            var to = m.Success ? web.FirstOrDefault(e => e.Transport.ToString().Equals(m.Groups["tt"].Value, StringComparison.OrdinalIgnoreCase)
                && e.Ports == PortRange.Single(int.Parse(m.Groups["to"].Value, CultureInfo.InvariantCulture))) : null;
            if (to is null || t.MaxSeconds is not { } max)
            {
                continue;
            }

            web.Remove(to);
            rules.Add(FallbackKind.Create(new RuleHead($"{id}-fallback", step, group, gate, [to],
                $"A connection to {to} of the same host, the client's timer after a {id}-range connection",
                At(t.SeenIn, $"{t.What} after {Seconds(t.MinSeconds)}-{Seconds(max)} s in {t.Count} of {t.Count}; matched up to {Seconds(FallbackMarginSeconds)} s later")),
                [.. FallbackKind.Parameters.Select(p => p.Type == ParameterType.RuleRef ? (object)$"{id}-range" : Math.Ceiling(max + FallbackMarginSeconds))]));
        }

        if (web.Count > 0)
        {
            var why = gate == Gate.None ? WebPortsGated : null;
            rules.Add(RangeKind.Create(new RuleHead($"{id}-range-web", step, group, Gate.LoginSeen, web,
                $"Traffic with a host of the group's networks on {string.Join(", ", web)}, during a login",
                At(Merge(Seen(group).Where(e => web.Any(w => w.Transport.ToString().Equals(e.Transport, StringComparison.OrdinalIgnoreCase) && w.Ports.First == e.FirstPort))
                    .Select(e => e.SeenIn)), why)), [ranges]));
        }

        return rules;
    }

    /// <summary>Why whole networks: the share of hosts the capture reached outside the base's host ranges says how much one session misses.</summary>
    private static string WholeNetworks(List<NetworkItem> items)
    {
        var hosts = items.Sum(n => n.Hosts.Count);
        var outside = items.Where(n => n.BaseHosts.Length > 0).Sum(n => n.HostsOutsideBase.Count);
        var share = outside > 0 ? $" ({outside} of the {hosts} hosts reached lie outside the base's host ranges)" : "";
        return $"every host of the /24: one session reaches a sample of a network's servers{share}, and another session picks others; "
            + "the ports are the client's own, so a whole /24 costs little precision";
    }

    private List<AddressRange> RangesOf(List<NetworkItem> items)
    {
        var ranges = new List<AddressRange>();
        foreach (var n in items.OrderBy(n => n.Network, StringComparer.Ordinal))
        {
            var owner = baseVersion.Groups.SelectMany(g => g.Ranges).FirstOrDefault(r => r.Network == n.Network);
            ranges.Add(new AddressRange(n.Network, 0, 255, owner?.Organisation ?? "-", owner?.Country ?? "-", At(n.SeenIn, WholeNetworks([n]))));
        }

        return [.. ranges.OrderBy(r => Ipv4.TryParsePrefix24(r.Network, out var a) ? a : 0)];
    }

    /// <summary>The base's ladder, its rungs the capture shows with the capture's evidence, the others kept; the rest of the procedure as the base.</summary>
    private LoginProcedure Procedure()
    {
        var p = baseVersion.Procedure;
        var seen = Seen(GroupIds.LoginServer);
        var ladder = p.Ladder.Select(r => (Rung: r, Item: seen.FirstOrDefault(e => e.Transport == (r.Transport == Transport.Udp ? "udp" : "tcp") && e.FirstPort == r.Port && e.LastPort == r.Port)))
            .Select(x => x.Item is null
                ? x.Rung with { Provenance = x.Rung.Provenance with { Note = LadderKept } }
                : x.Rung with { Attempts = 1, PacketBytes = null, Provenance = At(First(x.Item.SeenIn, 1), "one SYN or datagram per host") })
            .ToList();
        var rounds = report.Timing.FirstOrDefault(t => t.Group == GroupIds.LoginServer && t.Kind == "rounds" && t.What.StartsWith("tcp", StringComparison.Ordinal));
        var retry = rounds is null ? p.Provenance[0]
            : At(First(rounds.SeenIn, 2), $"{rounds.What}; {rounds.Note.Split(',')[0]} s (the base's {Seconds(p.RetryIntervalSeconds)} s), later rounds sooner");
        return p with { Ladder = ladder.Count > 0 ? ladder : p.Ladder, Provenance = [retry, .. p.Provenance.Skip(1)] };
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";
}
