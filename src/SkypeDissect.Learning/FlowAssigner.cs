using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>A flow of the client and the group an assignment rule gave it (null: none could).</summary>
/// <param name="Rule">
/// <c>base-rule</c> (a rule of the base tagged the flow, or matches it without a gate), <c>base-network</c> (the same /24
/// as a base range), <c>client-port</c> (UDP on the client's Skype port after the login: the base's client-port rules
/// read with the learner's login), <c>dns-answer</c> (an address answered to the client for a name of the group),
/// <c>tls-name</c> (the flow's TLS names belong to a group's names), <c>endpoint-after-dns</c> (a port only this group
/// has in the base, after the client looked up a name of the group), <c>same-host</c> (the remote of an earlier flow of
/// the group, within <see cref="FlowAssigner.SameHostSeconds"/>, when the base explains no flow to it).
/// </param>
/// <param name="BaseRule">The base rule behind the assignment (its index in the base version), or -1.</param>
internal sealed record Assignment(FlowSeen Flow, string? Group, string Rule, string Detail, int BaseRule = -1)
{
    public IpAddress Remote => Flow.Server;
}

/// <summary>
/// Finds the Skype client of a capture and assigns its flows to server groups. The base version's rules come first,
/// as the analyzer ran them (<see cref="BaseRun"/>): a tag whose evidence is the flow itself (a name, an address on
/// its endpoints, an opener, a timer) and whose gate the capture bears out, or a rule without gate that matches.
/// Then the learner's own reading where the base's is weaker or missing: the base's networks (a rule that takes any
/// host once the client logged in ranks below an address of the base's login networks), the client's Skype port
/// after the login, the rest of the base's tags, DNS answers, TLS names, endpoints, and timing relative to flows
/// already assigned. Flows are taken in capture order, so a rule may build on earlier assignments.
/// </summary>
/// <remarks>
/// The learner's login got through when a login flow carried two exchanges (<see cref="FlowSeen.Exchanged"/>); a base
/// gate that assumes a completed login (<see cref="BaseModel.AssumesLogin"/>) before that is not borne out. The
/// client-port kind keeps its hosts from the base's own tags, and where the base took the login as complete too
/// early those hosts are login servers; so the learner counts the Skype port's hosts itself, from its own login,
/// with the limits of the base's rules of that kind.
/// </remarks>
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

    /// <summary>When a login flow first carried two exchanges (<see cref="FlowSeen.Exchanged"/>): the login got through.</summary>
    public (long Frame, double Time)? LoginEstablished { get; private set; }

    /// <summary>The address with the most evidence of a Skype client: DNS names the base's rules match or of the vendor, traffic with base networks.</summary>
    public static IpAddress? FindClient(CaptureSurvey survey, BaseModel model)
    {
        var score = new Dictionary<IpAddress, int>();
        foreach (var d in survey.Dns.Where(d => d.BaseMatches.Count > 0 || Vendor(d.Name, model)))
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
            var a = ByBase(flow, knownClient: false) ?? ByNetwork(flow) ?? ByClientPort(flow) ?? ByBase(flow, knownClient: true)
                ?? ByModel(flow) ?? ByTiming(flow) ?? new Assignment(flow, null, "none", "");
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

    private static bool Vendor(string name, BaseModel model) =>
        model.VendorWords.Any(w => name.Split('.').Any(l => l.StartsWith(w, StringComparison.Ordinal)));

    /// <summary>Whether the capture bears out the rule's gate for a flow that began at <paramref name="time"/>.</summary>
    public bool GateHolds(Rule rule, double time) =>
        !BaseModel.AssumesLogin(rule) || (LoginEstablished is { } done && done.Time <= time);

    /// <summary>
    /// What the base's rules did: the rule that tagged the flow, when the capture bears out its gate, of the kinds whose
    /// evidence is the flow itself or (<paramref name="knownClient"/>) of those whose evidence is the client's login;
    /// else, for the former, the first rule without gate whose evaluator matches the flow.
    /// </summary>
    private Assignment? ByBase(FlowSeen flow, bool knownClient)
    {
        foreach (var i in flow.BaseTags)
        {
            var rule = model.Rules[i];
            if (rule.Kind.Needs.HasFlag(FrameNeeds.KnownClient) == knownClient && GateHolds(rule, flow.FirstTime))
            {
                return new(flow, rule.Group, "base-rule", $"tagged by rule {rule.Id}", i);
            }
        }

        foreach (var i in knownClient ? Enumerable.Empty<int>() : flow.BaseMatches.Order())
        {
            if (model.Rules[i].Gate == Gate.None)
            {
                return new(flow, model.Rules[i].Group, "base-rule", $"rule {model.Rules[i].Id} matches", i);
            }
        }

        return null;
    }

    private Assignment? ByNetwork(FlowSeen flow) =>
        !flow.Server.IsV6 && model.NetworkGroupsOf(flow.Server.V4) is [var first, ..]
            ? new(flow, first.Id, "base-network", $"{Network(flow.Server)}, a network of the base's ranges")
            : null;

    private Assignment? ByModel(FlowSeen flow)
    {
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

        return null;
    }

    /// <summary>
    /// UDP on the client's Skype port after the login got through: the n-th remote host goes to the base's n-th
    /// client-port rule by their limits (the paper's four super nodes, then peers).
    /// </summary>
    private Assignment? ByClientPort(FlowSeen flow)
    {
        if (flow.IsTcp || SkypePort is not { } port || flow.ClientPort != port || LoginEstablished is not { } done || flow.FirstTime < done.Time)
        {
            return null;
        }

        if (!clientPortRemotes.Contains(flow.Server))
        {
            clientPortRemotes.Add(flow.Server);
        }

        var index = clientPortRemotes.IndexOf(flow.Server);
        var before = 0;
        foreach (var (rule, limit) in model.ClientPortRules)
        {
            if (limit is null || index < before + limit)
            {
                return new(flow, model.Rules[rule].Group, "client-port", $"Skype port {port}, remote host {index + 1}: rule {model.Rules[rule].Id}", rule);
            }

            before += limit.Value;
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

        // Where the base's rules explain flows to a host, the flows they leave to it stay for review: the base chose its
        // evidence (an opener, a timer), and timing alone does not widen it.
        if (byRemote.TryGetValue(flow.Server, out var earlier) && earlier.All(e => e.BaseRule < 0)
            && earlier.LastOrDefault(e => flow.FirstTime - e.Flow.FirstTime <= SameHostSeconds) is { } before)
        {
            return new(flow, before.Group, "same-host", $"{before.Flow.Transport}/{before.Flow.ServerPort} to the same host {flow.FirstTime - before.Flow.FirstTime:0.000} s earlier (frame {before.Flow.FirstFrame})");
        }

        return null;
    }

    /// <summary>The Skype port is the source port of the client's UDP login traffic; the login got through once a login flow carried two exchanges.</summary>
    private void NoteLogin(FlowSeen flow)
    {
        if (!flow.IsTcp)
        {
            SkypePort ??= flow.ClientPort;
        }
        else if (flow.Exchanged is { } e && (LoginEstablished is null || e.Time < LoginEstablished.Value.Time))
        {
            LoginEstablished = e;
        }
    }

    private DnsFamilyItem? FamilyOf(string name) => familyOfName.GetValueOrDefault(name);

    private (string Group, string Why)? GroupOfTlsName(string name)
    {
        var plain = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        if (!name.StartsWith("*.", StringComparison.Ordinal) && model.Patterns.FirstOrDefault(p => p.Fits(plain)) is { } match)
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
