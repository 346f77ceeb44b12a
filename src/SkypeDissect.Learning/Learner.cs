using System.Globalization;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// Mines a capture of a client starting up and proposes the signatures of a new client version, compared
/// with a base version: DNS name families, server networks and host ranges, endpoints, openers, order and
/// timing, each with its evidence frames and the rule that assigned it to a group. Reads the capture once
/// in bounded memory; a damaged file yields the report of what was read, with <see cref="LearnReport.Error"/> set.
/// </summary>
public static class Learner
{
    /// <summary>At most this many families of unassigned flows are listed (the largest first).</summary>
    public const int MaxUnassigned = 60;

    public static LearnReport Learn(Stream capture, string captureName, ClientVersion baseVersion, string asVersion)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(baseVersion);
        var survey = CaptureSurvey.Read(capture, baseVersion);
        var model = new BaseModel(baseVersion);
        var start = survey.FirstTime ?? 0;
        var duration = survey.FrameCount == 0 ? 0 : survey.LastTime - start;
        var error = survey.Error ?? (survey.Dropped > 0 ? $"{survey.Dropped} flows or DNS messages beyond the learner's bounds were not kept" : null);
        if (FlowAssigner.FindClient(survey, model) is not { } client)
        {
            return new LearnReport(captureName, survey.FrameCount, start, duration, asVersion, baseVersion.Id, null, null, [], null,
                [], [], [], [], [], [], [], [], [], error);
        }

        var clientDns = survey.Dns.Where(d => d.Client == client).ToList();
        var (families, others, related) = DnsFamilies.Build(clientDns, model);
        var assigner = new FlowAssigner(model, families, clientDns);
        var assigned = assigner.Assign(survey.Flows.Where(f => f.Client == client).ToList());
        var endpoints = ServerFacts.Endpoints(assigned, model);
        var skypeFrames = assigned.Where(a => a.Group == GroupIds.LoginServer && !a.Flow.IsTcp && a.Flow.ClientPort == assigner.SkypePort)
            .Select(a => a.Flow.FirstFrame).Order().Take(1).ToList();
        var flowGroups = assigned.Select(a => new FlowGroup(a.Flow.Transport, a.Flow.Client.ToString(), a.Flow.ClientPort, a.Flow.Server.ToString(), a.Flow.ServerPort,
            a.Flow.FirstFrame, a.Flow.LastFrame, a.Group)).ToList();
        return new LearnReport(
            captureName,
            survey.FrameCount,
            start,
            duration,
            asVersion,
            baseVersion.Id,
            client.ToString(),
            assigner.SkypePort,
            skypeFrames,
            BuildOf(families),
            families,
            Annotate(others, assigned),
            ServerFacts.Networks(assigned, model),
            endpoints,
            OpenerFacts.Build(assigned, endpoints, model),
            TimingFacts.Build(assigned, families, clientDns, related, model, start),
            RuleFacts.Build(assigned, clientDns, model, assigner),
            Counts(assigned, families),
            Unassigned(assigned, start),
            error) { FlowGroups = flowGroups };
    }

    /// <summary>The longest dotted build a family of names carries (for example 335.0.7.7.3).</summary>
    private static string? BuildOf(IReadOnlyList<DnsFamilyItem> families) =>
        families.SelectMany(f => f.Names).Select(n => NameShape.Of(n.Name).BuildPart).OfType<NamePart.Build>()
            .Select(b => string.Join('.', b.Parts)).OrderByDescending(b => b.Length).ThenBy(b => b, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>An unrelated name whose answer the client then reached with a TLS name says where it led.</summary>
    private static List<OtherName> Annotate(List<OtherName> others, IReadOnlyList<Assignment> assigned) =>
        others.Select(o =>
        {
            var led = assigned.Where(a => o.Addresses.Contains(a.Remote.ToString()) && a.Flow.TlsNames.Count > 0)
                .Select(a => $"{a.Remote}: TLS name {string.Join(", ", a.Flow.TlsNames.Take(3))} (frame {a.Flow.TlsNameFrame})").Distinct(StringComparer.Ordinal).ToList();
            return led.Count == 0 ? o : o with { Note = (o.Note.Length == 0 ? "" : o.Note + "; ") + "answer reached: " + string.Join("; ", led) };
        }).ToList();

    private static List<GroupCount> Counts(IReadOnlyList<Assignment> assigned, IReadOnlyList<DnsFamilyItem> families)
    {
        var groups = assigned.Where(a => a.Group is not null).Select(a => a.Group!)
            .Concat(families.Where(f => f.Group is not null && f.Frames.Count > 0).Select(f => f.Group!)).Distinct(StringComparer.Ordinal);
        return groups.OrderBy(g => GroupIds.All.ToList().IndexOf(g)).Select(g =>
        {
            var flows = assigned.Where(a => a.Group == g).ToList();
            var dnsFrames = families.Where(f => f.Group == g).Sum(f => f.Frames.Count);
            var rules = flows.Select(a => a.Rule).Concat(families.Where(f => f.Group == g && f.Frames.Count > 0).Select(f => "dns:" + f.AssignedBy))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new GroupCount(g, flows.Count, flows.Sum(a => a.Flow.Frames), dnsFrames, rules);
        }).ToList();
    }

    private static List<FlowFamily> Unassigned(IReadOnlyList<Assignment> assigned, double start)
    {
        var opener = assigned.Where(a => a.Group is not null && a.Flow.ClientFirst is { Length: <= OpenerFacts.MaxExactLength })
            .GroupBy(a => Convert.ToHexString(a.Flow.ClientFirst!.Head), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Group!, StringComparer.Ordinal);
        return assigned.Where(a => a.Group is null).GroupBy(a => (a.Remote, a.Flow.Transport))
            .Select(g =>
            {
                var flows = g.OrderBy(a => a.Flow.FirstFrame).ToList();
                var notes = new List<string>();
                if (flows.Any(a => a.Flow.MidStream))
                {
                    notes.Add("began before the capture");
                }

                var shared = flows.Select(a => a.Flow.ClientFirst).OfType<PayloadSeen>().Select(p => Convert.ToHexString(p.Head))
                    .Where(opener.ContainsKey).Distinct(StringComparer.Ordinal).Select(h => $"opener {Spaced(h)} as in {opener[h]}");
                notes.AddRange(shared);
                var delays = flows.Zip(flows.Skip(1)).Select(p => p.Second.Flow.FirstTime - p.First.Flow.FirstTime).Where(d => d <= FlowAssigner.SameHostSeconds).ToList();
                if (delays.Count > 0)
                {
                    notes.Add("next flow after " + string.Join(", ", delays.Select(d => d.ToString("0.000", CultureInfo.InvariantCulture))) + " s");
                }

                if (flows.SelectMany(a => a.Flow.TlsNames).Distinct(StringComparer.Ordinal).Take(3).ToList() is { Count: > 0 } names)
                {
                    notes.Add("TLS names " + string.Join(", ", names));
                }

                var ports = ServerFacts.Ports(flows.Select(a => a.Flow.ServerPort).Distinct().Order().ToList());
                return new FlowFamily(g.Key.Remote.ToString(), g.Key.Transport, ports, flows.Count, flows.Sum(a => a.Flow.Frames), flows[0].Flow.FirstTime - start,
                    string.Join("; ", notes), flows.Select(a => a.Flow.FirstFrame).ToList());
            })
            .OrderByDescending(f => f.FrameCount).ThenBy(f => f.Frames[0]).Take(MaxUnassigned).OrderBy(f => f.Frames[0]).ToList();
    }

    private static string Spaced(string hex) => string.Join(' ', hex.Chunk(2).Select(c => new string(c).ToLowerInvariant()));
}
