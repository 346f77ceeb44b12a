using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>A flow of the client and the group an assignment rule gave it (null: none could).</summary>
/// <param name="Rule">
/// <c>base-range</c> (a base server range holds the remote), <c>base-network</c> (the same /24 as a base range),
/// <c>dns-answer</c> (an address answered to the client for a name of the group), <c>tls-name</c> (the flow's TLS
/// names belong to a group's names), <c>after-login</c> (a base after-login endpoint, after the login completed),
/// <c>endpoint-after-dns</c> (a port only this group has in the base, after the client looked up a name of the
/// group), <c>same-host</c> (the remote of an earlier flow of the group, within <see cref="FlowAssigner.SameHostSeconds"/>),
/// <c>client-port</c> (UDP on the client's Skype port: the first hosts super nodes, later ones peers).
/// </param>
internal sealed record Assignment(FlowSeen Flow, string? Group, string Rule, string Detail)
{
    public IpAddress Remote => Flow.Server;
}

/// <summary>
/// Finds the Skype client of a capture and assigns its flows to server groups by the base version's model
/// (ranges, networks, DNS names and answers, endpoints), by the client's Skype port, and by timing relative
/// to flows already assigned. Flows are taken in capture order, so a rule may build on earlier assignments
/// (a fall-back to the same host follows the flow it falls back from).
/// </summary>
internal sealed class FlowAssigner
{
    /// <summary>How long after a flow of a group another flow to the same host still counts as the group's (a fall-back or a re-connection).</summary>
    public const double SameHostSeconds = 10;

    private readonly Dictionary<IpAddress, List<Assignment>> byRemote = [];
    private readonly List<IpAddress> clientPortRemotes = [];
    private readonly BaseModel model;
    private readonly IReadOnlyList<DnsFamilyItem> families;
    private readonly Dictionary<string, DnsFamilyItem> familyOfName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DnsSeen>> answersByAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DnsSeen> firstQueryOfGroup = new(StringComparer.Ordinal);

    /// <summary>Indexes the client's DNS once: family of each name, answers by address, each group's first query.</summary>
    public FlowAssigner(BaseModel model, IReadOnlyList<DnsFamilyItem> families, IReadOnlyList<DnsSeen> clientDns)
    {
        this.model = model;
        this.families = families;
        foreach (var f in families)
        {
            foreach (var n in f.Names)
            {
                familyOfName.TryAdd(n.Name, f);
            }
        }

        foreach (var d in clientDns.OrderBy(d => d.Frame))
        {
            var group = FamilyOf(d.Name)?.Group;
            if (group is null)
            {
                continue;
            }

            if (!d.Response)
            {
                firstQueryOfGroup.TryAdd(group, d);
            }

            foreach (var address in d.Response ? d.Addresses : [])
            {
                if (!answersByAddress.TryGetValue(address, out var list))
                {
                    answersByAddress[address] = list = [];
                }

                list.Add(d);
            }
        }
    }

    public int? SkypePort { get; private set; }

    public double? LoginComplete { get; private set; }

    /// <summary>The address with the most evidence of a Skype client: DNS names of the base and the vendor, traffic with base networks.</summary>
    public static IpAddress? FindClient(CaptureSurvey survey, BaseModel model)
    {
        var score = new Dictionary<IpAddress, int>();
        foreach (var d in survey.Dns.Where(d => Related(d.Name, model)))
        {
            score[d.Client] = score.GetValueOrDefault(d.Client) + 1;
        }

        foreach (var f in survey.Flows)
        {
            if (!f.Server.IsV6 && model.NetworkGroupsOf(f.Server.V4).Count > 0)
            {
                score[f.Client] = score.GetValueOrDefault(f.Client) + f.Frames;
            }
        }

        return score.Count == 0 ? null : score.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
    }

    public List<Assignment> Assign(IReadOnlyList<FlowSeen> flows)
    {
        var result = new List<Assignment>();
        foreach (var flow in flows.OrderBy(f => f.FirstFrame))
        {
            var a = ByModel(flow) ?? ByTiming(flow) ?? ByClientPort(flow) ?? new Assignment(flow, null, "none", "");
            if (a.Group == GroupIds.LoginServer)
            {
                NoteLogin(flow);
            }

            if (a.Group is not null)
            {
                if (!byRemote.TryGetValue(flow.Server, out var list))
                {
                    byRemote[flow.Server] = list = [];
                }

                list.Add(a);
            }

            result.Add(a);
        }

        return result;
    }

    private static bool Related(string name, BaseModel model) =>
        model.Patterns.Any(p => p.Matches(name)) || model.VendorWords.Any(w => name.Split('.').Any(l => l.StartsWith(w, StringComparison.Ordinal)));

    private Assignment? ByModel(FlowSeen flow)
    {
        if (!flow.Server.IsV6 && model.RangeOf(flow.Server.V4) is { } hit)
        {
            return new(flow, hit.Group.Id, "base-range", $"{hit.Range} ({hit.Range.Organisation})");
        }

        if (!flow.Server.IsV6 && model.NetworkGroupsOf(flow.Server.V4) is [var first, ..])
        {
            return new(flow, first.Id, "base-network", $"{Network(flow.Server)}, outside the base host ranges");
        }

        var answer = answersByAddress.GetValueOrDefault(flow.Server.ToString())?.LastOrDefault(d => d.Frame < flow.FirstFrame);
        if (answer is not null)
        {
            return new(flow, FamilyOf(answer.Name)!.Group, "dns-answer", $"answered for {answer.Name} (frame {answer.Frame})");
        }

        foreach (var name in flow.TlsNames)
        {
            if (GroupOfTlsName(name) is { } g)
            {
                return new(flow, g.Group, "tls-name", $"TLS name {name} ({g.Why}; frame {flow.TlsNameFrame})");
            }
        }

        var transport = flow.IsTcp ? Transport.Tcp : Transport.Udp;
        if (LoginComplete is { } done && flow.FirstTime >= done
            && model.AfterLoginRules.FirstOrDefault(r => r.Endpoints.Any(e => e.Matches(transport, flow.ServerPort))) is { } rule)
        {
            return new(flow, rule.Group, "after-login", $"{transport.ToString().ToLowerInvariant()}/{flow.ServerPort} after the login completed (rule {rule.Id})");
        }

        return null;
    }

    private Assignment? ByTiming(FlowSeen flow)
    {
        var transport = flow.IsTcp ? Transport.Tcp : Transport.Udp;
        // Endpoints of every port (Facebook's "TCP") say nothing about a port; only narrow ones can single out a group.
        var owners = model.Version.Groups.Where(g => g.Endpoints.Any(e => e.Matches(transport, flow.ServerPort) && e.Ports.Count < 1000)).ToList();
        if (owners is [var only])
        {
            if (firstQueryOfGroup.GetValueOrDefault(only.Id) is { } looked && looked.Time <= flow.FirstTime)
            {
                return new(flow, only.Id, "endpoint-after-dns", $"{transport.ToString().ToLowerInvariant()}/{flow.ServerPort} is {only.Id}'s alone; {looked.Name} looked up at frame {looked.Frame}");
            }
        }

        if (byRemote.TryGetValue(flow.Server, out var earlier)
            && earlier.LastOrDefault(e => flow.FirstTime - e.Flow.FirstTime <= SameHostSeconds) is { } before)
        {
            return new(flow, before.Group, "same-host", $"{before.Flow.Transport}/{before.Flow.ServerPort} to the same host {flow.FirstTime - before.Flow.FirstTime:0.000} s earlier (frame {before.Flow.FirstFrame})");
        }

        return null;
    }

    private Assignment? ByClientPort(FlowSeen flow)
    {
        if (flow.IsTcp || SkypePort is not { } port || flow.ClientPort != port || LoginComplete is not { } done || flow.FirstTime < done)
        {
            return null;
        }

        if (!clientPortRemotes.Contains(flow.Server))
        {
            clientPortRemotes.Add(flow.Server);
        }

        var index = clientPortRemotes.IndexOf(flow.Server);
        return index < model.SupernodeLimit
            ? new(flow, GroupIds.Supernode, "client-port", $"Skype port {port}, remote host {index + 1} of the first {model.SupernodeLimit}")
            : new(flow, GroupIds.Peer, "client-port", $"Skype port {port}, remote host {index + 1}, after {model.SupernodeLimit} super nodes");
    }

    /// <summary>The Skype port is the source port of the client's UDP login traffic; the login completes with a login server's first TCP answer.</summary>
    private void NoteLogin(FlowSeen flow)
    {
        if (!flow.IsTcp)
        {
            SkypePort ??= flow.ClientPort;
        }
        else if (flow.SynAckTime is { } t && (LoginComplete is null || t < LoginComplete))
        {
            LoginComplete = t;
        }
    }

    private DnsFamilyItem? FamilyOf(string name) => familyOfName.GetValueOrDefault(name);

    private (string Group, string Why)? GroupOfTlsName(string name)
    {
        var plain = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        if (!name.StartsWith("*.", StringComparison.Ordinal) && model.Patterns.FirstOrDefault(p => p.Matches(plain)) is { } match)
        {
            return (match.Group, $"matches {match.Pattern.Pattern}");
        }

        var parent = name.StartsWith("*.", StringComparison.Ordinal) ? plain : NameShape.Of(plain).Parent;
        if (parent.Split('.').Length < 3)
        {
            return null; // a registered domain alone (skype.com) holds servers of every function
        }

        var family = families.FirstOrDefault(f => f.Group is not null && f.Names.Any(n => NameShape.Of(n.Name).Parent == parent));
        if (family is not null)
        {
            return (family.Group!, $"the parent domain of {family.Pattern}");
        }

        var sibling = model.Patterns.FirstOrDefault(p => p.Parent == parent);
        return sibling is null ? null : (sibling.Group, $"the parent domain of {sibling.Pattern.Pattern}");
    }

    public static string Network(IpAddress address) => address.IsV6 ? address.ToString() : Ipv4.Format(address.V4 & 0xFFFFFF00u)[..^2];
}
