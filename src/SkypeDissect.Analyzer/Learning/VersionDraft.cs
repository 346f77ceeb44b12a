using System.Globalization;
using System.Text.RegularExpressions;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Learning;

/// <summary>
/// Turns the learner's proposal into a client version of the model: the base version's rules, each kept,
/// changed as the capture shows or dropped (<see cref="ReviewDecisions"/>), plus the rules the capture needs
/// that the base lacks. Signatures are generalised to what describes the client (docs/skype-7.7.3.md section 8):
/// name families with placeholders, whole /24 networks, port ranges, openers and fall-back timers, never the
/// hosts, ports or names of one session. Every changed or new fact carries the capture's frames as provenance.
/// </summary>
public static partial class VersionDraft
{
    private const int WebPort = 443;
    private const int HttpPort = 80;

    [GeneratedRegex("^(?<ft>tcp|udp)/(?<from>[0-9-]+) then (?<tt>tcp|udp)/(?<to>[0-9]+) to the same host$")]
    private static partial Regex FallbackWhat();

    public static ClientVersion Draft(LearnReport report, ClientVersion baseVersion)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(baseVersion);
        var d = new Drafting(report, baseVersion);
        var rules = new List<Rule>();
        foreach (var rule in baseVersion.Rules)
        {
            if (ReviewDecisions.Dropped.ContainsKey(rule.Id))
            {
                continue;
            }

            if (rule is ClientPortRule { Group: GroupIds.Supernode })
            {
                rules.AddRange(d.OpenerRules()); // openers name the super nodes' TCP before their UDP rules
            }

            rules.AddRange(d.Replace(rule));
        }

        foreach (var group in d.NetworkGroups().Where(g => !rules.Any(r => r is AddressRangeRule && r.Group == g)))
        {
            // A group the base knew by names only: its address rules follow its other rules.
            var at = rules.FindLastIndex(r => r.Group == group) + 1;
            rules.InsertRange(at == 0 ? rules.Count : at, d.RangeRules(group));
        }

        var procedure = d.Procedure();
        return new ClientVersion(
            report.AsVersion,
            $"Skype {report.AsVersion} as learned from {report.Capture} (client {report.Client}, build {report.Build ?? "not seen"}) and reviewed",
            baseVersion.Steps,
            Groups(baseVersion, rules, d),
            procedure,
            rules,
            [],
            d.Whole($"learned against {baseVersion.Id} with skypedissect learn --emit; the review's decisions are in the learner's code (ReviewDecisions)"));
    }

    /// <summary>A group's facts are those of its rules: names, networks and endpoints.</summary>
    private static List<ServerGroup> Groups(ClientVersion baseVersion, List<Rule> rules, Drafting d) =>
        baseVersion.Groups.Select(g =>
        {
            var mine = rules.Where(r => r.Group == g.Id).ToList();
            var endpoints = mine.SelectMany(r => r.Endpoints).Distinct().OrderBy(e => e.Transport).ThenBy(e => e.Ports.First).ToList();
            var ranges = mine.OfType<AddressRangeRule>().SelectMany(r => r.Ranges).Distinct().ToList();
            return g with
            {
                Domains = mine.OfType<DnsNameRule>().Select(r => r.Domain).ToList(),
                Ranges = ranges,
                Endpoints = endpoints,
                Features = null,
                Examples = [],
                Provenance = mine.Count == 0 ? g.Provenance : d.Note("the group's facts are those of its rules"),
            };
        }).ToList();

    /// <summary>The state of one draft: the report, the base, and the endpoints and networks per group.</summary>
    private sealed class Drafting(LearnReport report, ClientVersion baseVersion)
    {
        private readonly string source = "capture:" + report.Capture;

        public Provenance At(IEnumerable<long> frames, string? note = null) => new(source, FrameText(frames), note);

        public Provenance Note(string note) => new(source, "learn report", note);

        public Provenance Whole(string note) => new(source, string.Create(CultureInfo.InvariantCulture, $"frames 1-{report.Frames}"), note);

        public IEnumerable<string> NetworkGroups() =>
            report.Networks.SelectMany(n => n.Groups).Distinct(StringComparer.Ordinal).Where(g => !ReviewDecisions.NotByAddress.ContainsKey(g)).Order(StringComparer.Ordinal);

        public IEnumerable<Rule> Replace(Rule rule) => rule switch
        {
            DnsNameRule r => [Names(r)],
            LearnedAddressRule r when Seen(r.Group).Count > 0 => [Learned(r)],
            AddressRangeRule r when NetworkGroups().Contains(r.Group) => RangeRules(r.Group),
            _ => [rule],
        };

        private LearnedAddressRule Learned(LearnedAddressRule r)
        {
            var endpoints = Endpoints(r.Group);
            return r with
            {
                Endpoints = endpoints,
                Description = $"Traffic with an address answered for a {r.LearnedFrom} name, on {string.Join(", ", endpoints)}",
                Provenance = At(Seen(r.Group).SelectMany(e => e.Frames), "the endpoints the capture shows for the group; the base's rule otherwise"),
            };
        }

        private DnsNameRule Names(DnsNameRule r)
        {
            if (report.Dns.FirstOrDefault(f => f.BasePattern == r.Domain.Pattern && f.Status is ProposalStatus.Unchanged or ProposalStatus.Changed) is { } same)
            {
                var p = At(same.Frames, same.Status == ProposalStatus.Changed ? same.Note : null);
                return r with { Domain = new DomainPattern(same.Pattern, p), Provenance = p };
            }

            if (report.Dns.FirstOrDefault(f => f.Group == r.Group && f.Status == ProposalStatus.Added && f.AssignedBy == "same-parent") is { } sibling)
            {
                var p = At(sibling.Frames, ReviewDecisions.NameParent);
                return r with { Domain = new DomainPattern("{label}." + sibling.Pattern[(sibling.Pattern.IndexOf('.') + 1)..], p), Provenance = p };
            }

            return r;
        }

        /// <summary>The group's endpoints the capture shows.</summary>
        private List<EndpointItem> Seen(string group) =>
            report.Endpoints.Where(e => e.Group == group && e.Status != ProposalStatus.NotSeen && e.AssignedBy != "client-port").ToList();

        /// <summary>Seen endpoints, and the base's unseen ones but HTTP's port (<see cref="ReviewDecisions.Http80Dropped"/>).</summary>
        public List<Endpoint> Endpoints(string group)
        {
            var seen = Seen(group).Select(e => EndpointOf(e, group)).ToList();
            var kept = (baseVersion.Group(group)?.Endpoints ?? []).Where(b => !b.Ports.Contains(HttpPort) && !seen.Any(s => s.Transport == b.Transport && s.Ports == b.Ports));
            return [.. seen.Concat(kept).OrderBy(e => e.Transport).ThenBy(e => e.Ports.First)];
        }

        private Endpoint EndpointOf(EndpointItem e, string group)
        {
            var transport = e.Transport == "udp" ? Transport.Udp : Transport.Tcp;
            var ports = new PortRange(e.FirstPort, e.LastPort);
            var id = baseVersion.Group(group)?.Endpoints.FirstOrDefault(b => b.Transport == transport && b.Ports == ports)?.Id
                ?? (ports == baseVersion.Procedure.ChannelPorts ? $"{e.Transport}-channel" : $"{e.Transport}-{ports}");
            return new Endpoint(id, transport, ports, At(e.Frames, e.Status == ProposalStatus.Unchanged ? "as the base" : null));
        }

        /// <summary>
        /// A group's servers by address: the range rule on the group's own ports, a timed fall-back rule for each
        /// fall-back to the web port the capture timed, and a gated rule for the web endpoints no timer covers.
        /// </summary>
        public List<Rule> RangeRules(string group)
        {
            var items = report.Networks.Where(n => n.Groups.Contains(group)).ToList();
            var ranges = Ranges(items);
            var endpoints = Endpoints(group);
            var own = endpoints.Where(e => !e.Ports.Contains(WebPort)).ToList();
            var web = endpoints.Where(e => e.Ports.Contains(WebPort)).ToList();
            var gate = ReviewDecisions.RangeGate(group);
            var id = group == GroupIds.LoginServer ? "login" : group;
            var step = baseVersion.Rules.First(r => r.Group == group).Step;
            var rules = new List<Rule>
            {
                new AddressRangeRule($"{id}-range", step, group, gate, ranges, own,
                    $"Traffic with a host of the group's networks (whole /24s) on {string.Join(", ", own)}",
                    At(items.SelectMany(n => n.Frames), ReviewDecisions.WholeNetworks)),
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
                rules.Add(new TimedFallbackRule($"{id}-fallback", step, group, gate, $"{id}-range", Math.Ceiling(max + ReviewDecisions.FallbackMarginSeconds), [to],
                    $"A connection to {to} of the same host, the client's timer after a {id}-range connection",
                    At(t.Frames, $"{t.What} after {Seconds(t.MinSeconds)}-{Seconds(max)} s in {t.Count} of {t.Count}; matched up to {Seconds(ReviewDecisions.FallbackMarginSeconds)} s later")));
            }

            if (web.Count > 0)
            {
                var why = gate == Gate.None ? ReviewDecisions.WebPortsGated : null;
                rules.Add(new AddressRangeRule($"{id}-range-web", step, group, Gate.LoginSeen, ranges, web,
                    $"Traffic with a host of the group's networks on {string.Join(", ", web)}, during a login",
                    At(Seen(group).Where(e => web.Any(w => w.Transport.ToString().Equals(e.Transport, StringComparison.OrdinalIgnoreCase) && w.Ports.First == e.FirstPort))
                        .SelectMany(e => e.Frames), why)));
            }

            return rules;
        }

        private List<AddressRange> Ranges(List<NetworkItem> items)
        {
            var ranges = new List<AddressRange>();
            foreach (var n in items.OrderBy(n => n.Network, StringComparer.Ordinal))
            {
                var owner = baseVersion.Groups.SelectMany(g => g.Ranges).FirstOrDefault(r => r.Network == n.Network);
                var known = ReviewDecisions.KnownNetworks.FirstOrDefault(k => k.Networks.Contains(n.Network));
                var networks = known?.Networks ?? [n.Network];
                foreach (var net in networks.Where(x => !ranges.Any(r => r.Network == x)))
                {
                    var why = known is null ? ReviewDecisions.WholeNetworks : $"{known.Prefix}: {known.Why}";
                    var reached = items.FirstOrDefault(i => i.Network == net);
                    ranges.Add(new AddressRange(net, 0, 255, owner?.Organisation ?? known?.Organisation ?? "-", owner?.Country ?? known?.Country ?? "-",
                        reached is null ? Note($"no host of it reached; {why}") : At(reached.Frames, why)));
                }
            }

            return [.. ranges.OrderBy(r => Ipv4.TryParsePrefix24(r.Network, out var a) ? a : 0)];
        }

        /// <summary>Exact client openers that the review gave a group (<see cref="ReviewDecisions.Openers"/>).</summary>
        public IEnumerable<Rule> OpenerRules()
        {
            foreach (var (prefix, id, step, group, gate, why) in ReviewDecisions.Openers)
            {
                // The item of every flow the opener begins (the learner also lists it per group and port).
                var item = report.Openers.Where(o => o.Direction == "client" && o.Pattern == prefix && o.FixedBytes == o.MinLength && o.MinLength == o.MaxLength)
                    .OrderByDescending(o => o.Samples).FirstOrDefault();
                if (item is not null)
                {
                    yield return new PayloadPrefixRule(id, step, group, gate, prefix, item.MinLength, [],
                        $"The client's first payload on a TCP connection is exactly {prefix}, after a completed login", At(item.Frames, why));
                }
            }
        }

        /// <summary>
        /// The base's ladder, its rungs the capture shows with the capture's evidence, the others kept
        /// (<see cref="ReviewDecisions.LadderKept"/>); the rest of the procedure as the base.
        /// </summary>
        public LoginProcedure Procedure()
        {
            var p = baseVersion.Procedure;
            var seen = Seen(GroupIds.LoginServer);
            var ladder = p.Ladder.Select(r => (Rung: r, Item: seen.FirstOrDefault(e => e.Transport == LowerTransport(r.Transport) && e.FirstPort == r.Port && e.LastPort == r.Port)))
                .Select(x => x.Item is null
                    ? x.Rung with { Provenance = x.Rung.Provenance with { Note = ReviewDecisions.LadderKept } }
                    : x.Rung with { Attempts = 1, PacketBytes = null, Provenance = At(x.Item.Frames.Take(1), "one SYN or datagram per host") })
                .ToList();
            var rounds = report.Timing.FirstOrDefault(t => t.Group == GroupIds.LoginServer && t.Kind == "rounds" && t.What.StartsWith("tcp", StringComparison.Ordinal));
            var retry = rounds is null ? p.Provenance[0]
                : At(rounds.Frames.Take(2), $"{rounds.What}; {rounds.Note.Split(',')[0]} s (the base's {Seconds(p.RetryIntervalSeconds)} s), later rounds sooner");
            return p with { Ladder = ladder.Count > 0 ? ladder : p.Ladder, Provenance = [retry, .. p.Provenance.Skip(1)] };
        }

        private static string LowerTransport(Transport t) => t == Transport.Udp ? "udp" : "tcp";
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    /// <summary>Frames as runs, at most twelve of them: provenance to look up, not a list to copy.</summary>
    private static string FrameText(IEnumerable<long> frames)
    {
        var sorted = frames.Distinct().Order().Select(f => (int)f).ToList();
        var runs = NumberRuns.Format(sorted).Split(',');
        var shown = string.Join(", ", runs.Take(12));
        return (sorted.Count == 1 ? "frame " : "frames ") + (runs.Length > 12 ? $"{shown}, ... ({sorted.Count} in all)" : shown);
    }
}
