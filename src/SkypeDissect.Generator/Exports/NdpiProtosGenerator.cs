using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>
/// The model as nDPI's custom protocol file (the format of nDPI's example <c>protos.txt</c>, read by
/// <c>ndpiReader -p FILE</c>): the networks of the ungated address-range rules as <c>ip:</c> rules and the names of
/// the ungated dns-name rules as <c>host:</c> rules, all naming one protocol. nDPI keeps at most one port per
/// address (protos.txt, note 2), and the login networks serve several (33033, 80, 443, the channel), so the
/// networks are written without a port, and host by host (a /32 each), so that no more specific prefix of
/// nDPI's own address lists takes an address of them. What nDPI cannot express (gates, learned addresses, timers, openers,
/// per-client ports) is listed in the file's header, per rule. A pure function.
/// </summary>
public static class NdpiProtosGenerator
{
    public const string FileName = "skype_login.protos";
    public const string Protocol = "SkypeLogin";
    public const string TemplateFile = "export.ndpi.sbn";

    public static IReadOnlyDictionary<string, string> Generate(SignatureModel model)
    {
        var view = Build(model);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [FileName] = TemplateRenderer.Render(TemplateRenderer.Load(TemplateFile), view, TemplateFile),
        };
    }

    public static NdpiView Build(SignatureModel model)
    {
        var open = ExportRules.OpenRanges(model).ToList();
        var exportedRanges = open.SelectMany(o => o.Ranges).ToList();
        // Host by host: nDPI takes the most specific prefix that holds an address, and its own lists hold smaller
        // blocks inside some login networks (157.56.52.0/26 is Skype_Teams in nDPI 4.2), which would win over a /24.
        var networks = Cidr.Split(exportedRanges, 32)
            .Select(b => new LineView($"ip:{b}@{Protocol}", string.Join(", ", open.Where(o => Covers(o.Ranges, b)).Select(o => $"{o.Version.Id} {o.Rule.Id}").Distinct())))
            .ToList();
        var hosts = new List<LineView>();
        var notes = new List<RuleNoteView>();
        foreach (var v in model.Versions)
        {
            foreach (var r in v.Rules)
            {
                notes.Add(ExportRules.Note(v, r, Note(v, r, exportedRanges, hosts)));
            }
        }

        return new NdpiView(
            FileName, ExportRules.VersionList(model), Protocol, $"skypedissect export ndpi --versions {string.Join(",", model.Versions.Select(v => v.Id))}",
            notes, Grouped(networks), Grouped(hosts));
    }

    private static List<LineView> Grouped(List<LineView> lines) =>
        [.. lines.Select((l, i) => l with { NewSource = i == 0 || lines[i - 1].Source != l.Source })];

    // A block's source rules: those with an address in it.
    private static bool Covers(IReadOnlyList<AddressRange> ranges, string block)
    {
        var parts = block.Split('/');
        Ipv4.TryParse(parts[0], out var first);
        var bits = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var last = (uint)(first + ((1L << (32 - bits)) - 1));
        return ranges.Any(r => r.FirstAddress <= last && r.LastAddress >= first);
    }

    // What nDPI can carry is read from the kind's descriptor and parameters: a domain (host rules) and address
    // ranges (ip rules), without a gate. Everything else is explained from what the kind needs.
    private static string Note(ClientVersion v, Rule r, List<AddressRange> exported, List<LineView> hosts)
    {
        var gate = r.Gate == Gate.None ? null : $"its gate ({ExportRules.GateName(r.Gate)}) needs login state, which nDPI does not keep";
        if (ExportRules.Domain(r) is { } domain)
        {
            return gate is null ? Hosts(v, r, domain, hosts) : $"not exported: {gate}; the names alone would classify traffic outside a login";
        }

        var endpoints = ExportRules.Ports(r.Endpoints);
        if (ExportRules.Ranges(r) is { } ranges)
        {
            return gate is null
                ? $"exported: its addresses as ip: rules, one per host, without a port (nDPI keeps one port per address; the rule's ports are {endpoints})"
                : ExportRules.Inside(ranges, exported)
                    ? $"not exported on its own: {gate}; its networks are exported by an ungated rule without ports, so its flows ({endpoints}) are classified as well"
                    : $"not exported: {gate}; its networks alone would classify traffic outside a login";
        }

        var why = new List<string>();
        var needs = r.Kind.Needs;
        if (needs.HasFlag(FrameNeeds.LearnedAddress))
        {
            why.Add($"nDPI does not learn addresses from the DNS answers of {ExportRules.Reference(r)}: its flows are classified only when the address lies in an exported network or the flow names an exported host");
        }

        if (needs.HasFlag(FrameNeeds.Opening))
        {
            var earlier = v.Rules.FirstOrDefault(x => x.Id == ExportRules.Reference(r));
            var covered = earlier is not null && ExportRules.Ranges(earlier) is { } earlierRanges && ExportRules.Inside(earlierRanges, exported);
            why.Add($"nDPI has no timers ({ExportRules.ParameterText(r)})" + (covered ? $"; a fall-back to the networks of {earlier!.Id} is classified by the network" : ""));
        }

        if (needs.HasFlag(FrameNeeds.FirstPayload))
        {
            why.Add($"nDPI's custom protocols cannot match an opener ({ExportRules.ParameterText(r)})");
        }

        if (needs.HasFlag(FrameNeeds.KnownClient))
        {
            why.Add("it needs what the client did before (its login, or its Skype port learned from its probe), and nDPI keeps no state across flows");
        }

        if (why.Count == 0)
        {
            why.Add($"nDPI's custom protocols match addresses and host names, not {(r.Parameters.Count == 0 ? "this evidence" : ExportRules.ParameterText(r))}; a flow to an exported host is classified by the host");
        }

        if (gate is not null && !needs.HasFlag(FrameNeeds.KnownClient))
        {
            why.Add(gate);
        }

        return "not exported: " + string.Join("; ", why);
    }

    private static string Hosts(ClientVersion v, Rule r, DomainPattern domain, List<LineView> hosts)
    {
        var names = HostNames.Expand(domain);
        foreach (var n in names.Names)
        {
            if (!hosts.Any(h => h.Value == $"host:\"{n}\"@{Protocol}"))
            {
                hosts.Add(new LineView($"host:\"{n}\"@{Protocol}", $"{v.Id} {r.Id}"));
            }
        }

        return names.Exact
            ? $"exported: {names.Names.Count} host name(s) of {domain.Pattern}; nDPI also matches names ending in them (a DNS query or TLS/HTTP host)"
            : $"exported as the names {domain.Pattern} ends in ({string.Join(", ", names.Names.Take(3))}{(names.Names.Count > 3 ? ", ..." : "")}); its wildcard part cannot be written, so nDPI matches any name ending in them";
    }
}
