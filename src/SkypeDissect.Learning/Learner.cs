using System.Globalization;
using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>A capture to learn from: its name as the report and a draft give it, and its bytes (the caller owns the stream).</summary>
public sealed record CaptureInput(string Name, Stream Stream);

/// <summary>
/// Mines captures of a client starting up and proposes the signatures of a new client version, compared with a
/// base version: DNS name families, server networks and host ranges, endpoints, openers, order and timing, and
/// what the base's rules did, each with the captures and frames it rests on and the rule that assigned it to a
/// group. Each capture is read once in bounded memory, with its own client and its own run of the base; names,
/// networks, ports and openers are then generalised over all of them. A damaged file yields the report of what
/// was read, with its <see cref="CaptureSummary.Error"/> set.
/// </summary>
public static class Learner
{
    /// <summary>At most this many families of unassigned flows are listed (the largest first).</summary>
    public const int MaxUnassigned = 60;

    public static LearnReport Learn(Stream capture, string captureName, ClientVersion baseVersion, string asVersion) =>
        Learn([new CaptureInput(captureName, capture)], baseVersion, asVersion);

    public static LearnReport Learn(IReadOnlyList<CaptureInput> captures, ClientVersion baseVersion, string asVersion)
    {
        ArgumentNullException.ThrowIfNull(captures);
        ArgumentNullException.ThrowIfNull(baseVersion);
        var model = new BaseModel(baseVersion);
        var read = captures.Select((c, i) =>
        {
            var name = new CaptureRef(i, c.Name);
            var survey = CaptureSurvey.Read(c.Stream, name, baseVersion);
            return (Name: name, Survey: survey, Client: FlowAssigner.FindClient(survey, model));
        }).ToList();
        var clientDns = read.SelectMany(r => r.Survey.Dns.Where(d => d.Client == r.Client)).ToList();
        var (families, others, related) = DnsFamilies.Build(clientDns, model);
        var assigners = new Dictionary<CaptureRef, FlowAssigner>();
        var assigned = new List<Assignment>();
        foreach (var r in read.Where(r => r.Client is not null))
        {
            var assigner = new FlowAssigner(model, families, [.. r.Survey.Dns.Where(d => d.Client == r.Client)]);
            assigned.AddRange(assigner.Assign([.. r.Survey.Flows.Where(f => f.Client == r.Client)]));
            assigners[r.Name] = assigner;
        }

        var summaries = read.Select(r => Summary(r.Name, r.Survey, r.Client, assigners.GetValueOrDefault(r.Name), assigned, clientDns)).ToList();
        if (assigners.Count == 0)
        {
            return new LearnReport(asVersion, baseVersion.Id, summaries, [], [], [], [], [], [], [], [], []);
        }

        var endpoints = ServerFacts.Endpoints(assigned, model);
        return new LearnReport(
            asVersion,
            baseVersion.Id,
            summaries,
            families,
            Annotate(others, assigned),
            ServerFacts.Networks(assigned, model),
            endpoints,
            OpenerFacts.Build(assigned, endpoints, model),
            TimingFacts.Build(assigned, families, clientDns, related, model),
            RuleFacts.Build(assigned, clientDns, model, assigners),
            Counts(assigned, families),
            Unassigned(assigned))
        {
            FlowGroups = [.. assigned.Select(a => new FlowGroup(a.Flow.Capture.Index, a.Flow.Transport, a.Flow.Client.ToString(), a.Flow.ClientPort,
                a.Flow.Server.ToString(), a.Flow.ServerPort, a.Flow.FirstFrame, a.Flow.LastFrame, a.Group))],
        };
    }

    private static CaptureSummary Summary(CaptureRef name, CaptureSurvey survey, IpAddress? client, FlowAssigner? assigner, List<Assignment> assigned, List<DnsSeen> clientDns)
    {
        var duration = survey.FrameCount == 0 ? 0 : survey.LastTime - name.Start;
        var skypeFrames = assigned.Where(a => a.Flow.Capture == name && a.Group == GroupIds.LoginServer && !a.Flow.IsTcp && a.Flow.ClientPort == assigner?.SkypePort)
            .Select(a => a.Flow.FirstFrame).Order().Take(1).ToList();
        return new CaptureSummary(name.Name, survey.FrameCount, name.Start, duration, client?.ToString(), assigner?.SkypePort, skypeFrames,
            BuildOf(clientDns.Where(d => d.Capture == name).Select(d => d.Name)), survey.Error)
        {
            Dropped = survey.Dropped,
        };
    }

    /// <summary>The longest dotted build the client's names carry (for example 335.0.7.7.3).</summary>
    private static string? BuildOf(IEnumerable<string> names) =>
        names.Distinct(StringComparer.Ordinal).Select(n => NameShape.Of(n).BuildPart).OfType<NamePart.Build>()
            .Select(b => string.Join('.', b.Parts)).OrderByDescending(b => b.Length).ThenBy(b => b, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>An unrelated name whose answer the client then reached with a TLS name says where it led.</summary>
    private static List<OtherName> Annotate(List<OtherName> others, IReadOnlyList<Assignment> assigned) =>
        others.Select(o =>
        {
            var led = assigned.Where(a => o.Addresses.Contains(a.Remote.ToString()) && a.Flow.TlsNames.Count > 0)
                .Select(a => $"{a.Remote}: TLS name {string.Join(", ", a.Flow.TlsNames.Take(3))} (frame {a.Flow.TlsNameFrame}"
                    + (a.Flow.Capture.Index > 0 || assigned.Any(x => x.Flow.Capture.Index > 0) ? $" of {a.Flow.Capture.Name})" : ")")).Distinct(StringComparer.Ordinal).ToList();
            return led.Count == 0 ? o : o with { Note = (o.Note.Length == 0 ? "" : o.Note + "; ") + "answer reached: " + string.Join("; ", led) };
        }).ToList();

    private static List<GroupCount> Counts(IReadOnlyList<Assignment> assigned, IReadOnlyList<DnsFamilyItem> families)
    {
        var groups = assigned.Where(a => a.Group is not null).Select(a => a.Group!)
            .Concat(families.Where(f => f.Group is not null && f.SeenIn.Count > 0).Select(f => f.Group!)).Distinct(StringComparer.Ordinal);
        return groups.OrderBy(g => GroupIds.All.ToList().IndexOf(g)).Select(g =>
        {
            var flows = assigned.Where(a => a.Group == g).ToList();
            var dnsFrames = families.Where(f => f.Group == g).Sum(f => f.SeenIn.Sum(x => x.Frames.Count));
            var rules = flows.Select(a => a.Rule).Concat(families.Where(f => f.Group == g && f.SeenIn.Count > 0).Select(f => "dns:" + f.AssignedBy))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new GroupCount(g, flows.Count, flows.Sum(a => a.Flow.Frames), dnsFrames, rules);
        }).ToList();
    }

    private static List<FlowFamily> Unassigned(IReadOnlyList<Assignment> assigned)
    {
        var opener = assigned.Where(a => a.Group is not null && a.Flow.ClientFirst is { Length: <= OpenerFacts.MaxExactLength })
            .GroupBy(a => Convert.ToHexString(a.Flow.ClientFirst!.Head), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Group!, StringComparer.Ordinal);
        return assigned.Where(a => a.Group is null).GroupBy(a => (a.Remote, a.Flow.Transport))
            .Select(g =>
            {
                var flows = g.OrderBy(a => a.Flow.Capture.Index).ThenBy(a => a.Flow.FirstFrame).ToList();
                var notes = new List<string>();
                if (flows.Any(a => a.Flow.MidStream))
                {
                    notes.Add("began before the capture");
                }

                var shared = flows.Select(a => a.Flow.ClientFirst).OfType<PayloadSeen>().Select(p => Convert.ToHexString(p.Head))
                    .Where(opener.ContainsKey).Distinct(StringComparer.Ordinal).Select(h => $"opener {Spaced(h)} as in {opener[h]}");
                notes.AddRange(shared);
                var delays = flows.Zip(flows.Skip(1)).Where(p => p.First.Flow.Capture == p.Second.Flow.Capture)
                    .Select(p => p.Second.Flow.FirstTime - p.First.Flow.FirstTime).Where(d => d <= FlowAssigner.SameHostSeconds).ToList();
                if (delays.Count > 0)
                {
                    notes.Add("next flow after " + string.Join(", ", delays.Select(d => d.ToString("0.000", CultureInfo.InvariantCulture))) + " s");
                }

                if (flows.SelectMany(a => a.Flow.TlsNames).Distinct(StringComparer.Ordinal).Take(3).ToList() is { Count: > 0 } names)
                {
                    notes.Add("TLS names " + string.Join(", ", names));
                }

                var ports = ServerFacts.Ports(flows.Select(a => a.Flow.ServerPort).Distinct().Order().ToList());
                return (First: flows[0].Flow.First, Family: new FlowFamily(g.Key.Remote.ToString(), g.Key.Transport, ports, flows.Count, flows.Sum(a => a.Flow.Frames),
                    flows[0].Flow.FirstTime - flows[0].Flow.Capture.Start, string.Join("; ", notes), Evidence.Of(flows.Select(a => a.Flow.First))));
            })
            .OrderByDescending(f => f.Family.FrameCount).ThenBy(f => (f.First.Capture.Index, f.First.Frame)).Take(MaxUnassigned)
            .OrderBy(f => (f.First.Capture.Index, f.First.Frame)).Select(f => f.Family).ToList();
    }

    private static string Spaced(string hex) => string.Join(' ', hex.Chunk(2).Select(c => new string(c).ToLowerInvariant()));
}
