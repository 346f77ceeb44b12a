using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>
/// The model as a capture filter (libpcap's BPF syntax, <c>tcpdump -F FILE</c>) that keeps the login traffic:
/// DNS (the names cannot be matched by BPF, so all of it), the networks of the address-range rules on their
/// ports, the timed fall-backs to those networks, the client's own ports of the learned-address rules on any
/// address, and every IP fragment and IPv6 extension header chain (BPF reads no ports through them); all of it also behind one 802.1Q tag (unless asked not to: libpcap has <c>vlan</c> only for Ethernet). A superset: what BPF cannot
/// decide (gates, learned addresses, openers) is decided later by the analyzer or the plugin. A pure function.
/// </summary>
public static class BpfFilterGenerator
{
    public const string FileName = "skype_login.bpf";
    public const string TemplateFile = "export.bpf.sbn";

    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model) => Generate(model, vlan: true);

    /// <param name="vlan">Repeat the clauses behind one 802.1Q tag; libpcap has <c>vlan</c> only for Ethernet (not for Linux cooked or raw IP).</param>
    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model, bool vlan)
    {
        var view = Build(model, vlan);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [FileName] = TemplateRenderer.Render(TemplateRenderer.Load(TemplateFile), view, TemplateFile),
        };
    }

    public static BpfView Build(SignatureModel model, bool vlan = true)
    {
        var clauses = new List<(string Expression, List<string> Sources)>();
        void Add(string expression, string source)
        {
            var existing = clauses.FindIndex(c => c.Expression == expression);
            if (existing < 0)
            {
                clauses.Add((expression, [source]));
            }
            else if (!clauses[existing].Sources.Contains(source))
            {
                clauses[existing].Sources.Add(source);
            }
        }

        var notes = new List<RuleNoteView>();
        foreach (var v in model.Versions)
        {
            // What BPF can carry is read from the kind's descriptor and parameters, not from the kind's name.
            var withRanges = v.Rules.Where(r => ExportRules.Ranges(r) is not null).ToDictionary(r => r.Id, r => ExportRules.Ranges(r)!, StringComparer.Ordinal);
            foreach (var r in v.Rules)
            {
                var source = $"{v.Id} {r.Id}";
                var needs = r.Kind.Needs;
                string note;
                if (needs.HasFlag(FrameNeeds.Dns))
                {
                    Add("udp port 53", "rules on DNS names");
                    note = "kept as all DNS (udp port 53): BPF cannot read a DNS name";
                }
                else if (ExportRules.Ranges(r) is { } ranges && r.Endpoints.Count > 0)
                {
                    Add($"({Nets(ranges)}) and ({Ports(r.Endpoints)})", source);
                    note = "kept: its networks on its ports";
                }
                else if (needs.HasFlag(FrameNeeds.Opening) && ExportRules.Reference(r) is { } earlier && withRanges.TryGetValue(earlier, out var earlierRanges) && r.Endpoints.Count > 0)
                {
                    Add($"({Nets(earlierRanges)}) and ({Ports(r.Endpoints)})", source);
                    note = $"kept: the networks of {earlier} on its ports (BPF has no timer: every such connection is kept)";
                }
                else if (needs.HasFlag(FrameNeeds.LearnedAddress) && r.Endpoints.Any(e => e.Ports.First >= 1024))
                {
                    // Ports of the client's own (33033, the channel) identify it well enough on any address;
                    // 80 and 443 on any address would keep all web traffic.
                    var own = r.Endpoints.Where(e => e.Ports.First >= 1024).ToList();
                    Add(Ports(own), source);
                    note = $"kept: its ports {ExportRules.Ports(own)} on any address (the addresses are learned from DNS answers, which BPF cannot)"
                        + (own.Count < r.Endpoints.Count ? $"; {ExportRules.Ports(r.Endpoints.Except(own))} only towards the networks of the rules with address ranges" : "");
                }
                else
                {
                    note = "not kept on its own: its addresses are learned or its evidence is state or payload, which a capture filter cannot know";
                }

                notes.Add(ExportRules.Note(v, r, note));
            }
        }

        clauses.Add(("(ip[6:2] & 0x3fff != 0) or ip proto 51", ["IPv4 fragments and AH (BPF sees no ports in them; the datagram a fragment completes may be tagged)"]));
        clauses.Add(("ip6 and (ip6[6] == 0 or ip6[6] == 43 or ip6[6] == 44 or ip6[6] == 51 or ip6[6] == 60)", ["IPv6 with extension headers or fragments (BPF's udp and tcp do not walk them)"]));
        var views = clauses.Select((c, i) => new BpfClauseView(c.Expression, string.Join(", ", c.Sources), i == clauses.Count - 1 ? "" : "or")).ToList();
        var command = $"skypedissect export bpf --versions {string.Join(",", model.Versions.Select(v => v.Id))}{(vlan ? "" : " --no-vlan")}";
        return new BpfView(FileName, ExportRules.VersionList(model), command, notes, views, vlan);
    }

    private static string Nets(IEnumerable<AddressRange> ranges) => string.Join(" or ", Cidr.Blocks(ranges).Select(b => "net " + b));

    private static string Ports(IEnumerable<Endpoint> endpoints) =>
        string.Join(" or ", endpoints
            .GroupBy(e => e.Transport)
            .SelectMany(g => g.Select(e => $"{(g.Key == Transport.Udp ? "udp" : "tcp")} {(e.Ports.First == e.Ports.Last ? $"port {e.Ports.First}" : $"portrange {e.Ports.First}-{e.Ports.Last}")}"))
            .Distinct());
}
