using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>
/// The model as a capture filter (libpcap's BPF syntax, <c>tcpdump -F FILE</c>) that keeps the login traffic:
/// DNS (the names cannot be matched by BPF, so all of it), the networks of the address-range rules on their
/// ports, the timed fall-backs to those networks, and every IP fragment (a fragment carries no ports, and the
/// datagram it completes may be a tagged one); all of it also behind one 802.1Q tag (unless asked not to: libpcap has no <c>vlan</c> for Linux cooked captures). A superset: what BPF cannot
/// decide (gates, learned addresses, openers) is decided later by the analyzer or the plugin. A pure function.
/// </summary>
public static class BpfFilterGenerator
{
    public const string FileName = "skype_login.bpf";
    public const string TemplateFile = "export.bpf.sbn";

    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model) => Generate(model, vlan: true);

    /// <param name="vlan">Repeat the clauses behind one 802.1Q tag; libpcap refuses <c>vlan</c> on Linux cooked captures (<c>-i any</c>).</param>
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
            var ranges = v.Rules.OfType<AddressRangeRule>().ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var r in v.Rules)
            {
                var source = $"{v.Id} {r.Id}";
                string note;
                switch (r)
                {
                    case DnsNameRule:
                        Add("udp port 53", "dns-name rules");
                        note = "kept as all DNS (udp port 53): BPF cannot read a DNS name";
                        break;
                    case AddressRangeRule a:
                        Add($"({Nets(a.Ranges)}) and ({Ports(a.Endpoints)})", source);
                        note = "kept: its networks on its ports";
                        break;
                    case TimedFallbackRule t when ranges.TryGetValue(t.After, out var after):
                        Add($"({Nets(after.Ranges)}) and ({Ports(t.Endpoints)})", source);
                        note = $"kept: the networks of {t.After} on its ports (BPF has no timer: every such connection is kept)";
                        break;
                    default:
                        note = "not kept on its own: its addresses are learned or its evidence is state or payload, which a capture filter cannot know";
                        break;
                }

                notes.Add(ExportRules.Note(v, r, note));
            }
        }

        clauses.Add(("(ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] == 44)", ["IP fragments (no ports to judge; the datagram they complete may be tagged)"]));
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
