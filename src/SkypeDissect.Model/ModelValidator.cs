using System.Globalization;
using System.Text.RegularExpressions;

namespace SkypeDissect.Model;

/// <summary>A problem found in the model, with its path inside the model (for example <c>versions[6.3.0.197].rules[login-dns].step</c>).</summary>
public sealed record ModelProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Checks the model before any generator or evaluator uses it: ids unique and stable (they become Lua
/// names and output values), numbers in range, references resolvable, provenance on every fact.
/// </summary>
public static partial class ModelValidator
{
    [GeneratedRegex("^[0-9]+(\\.[0-9]+){1,3}$")]
    private static partial Regex VersionId();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex StableId();

    public static IReadOnlyList<ModelProblem> Validate(SignatureModel model)
    {
        var problems = new List<ModelProblem>();
        if (model.Versions.Count == 0)
        {
            problems.Add(new("versions", "the model has no client version"));
        }

        foreach (var duplicate in Duplicates(model.Versions.Select(v => v.Id)))
        {
            problems.Add(new($"versions[{duplicate}]", "version id is not unique"));
        }

        foreach (var version in model.Versions)
        {
            ValidateVersion(version, problems);
        }

        // A version that reuses another's rules has exactly those rules (the plugin writes them once).
        foreach (var v in model.Versions.Where(v => v.RulesOf is not null))
        {
            var source = model.Version(v.RulesOf!);
            if (source is not null && (source == v || !(ReferenceEquals(source.Rules, v.Rules) || source.Rules.SequenceEqual(v.Rules))))
            {
                problems.Add(new($"versions[{v.Id}].rulesOf", $"the rules must be those of {v.RulesOf}, the version it reuses"));
            }
        }

        // A client's login state is shared by the versions (docs/tagging.md 4) and holds the index of the rung
        // reached; a version with another ladder would read that index against its own rungs.
        if (model.Versions.Count > 1)
        {
            var first = model.Versions[0];
            var stages = string.Join(", ", first.Procedure.Ladder.Select(r => r.Stage));
            foreach (var v in model.Versions.Skip(1).Where(v => string.Join(", ", v.Procedure.Ladder.Select(r => r.Stage)) != stages))
            {
                problems.Add(new($"versions[{v.Id}].procedure.ladder", $"the ladder's stages must be those of {first.Id} ({stages}): the versions share each client's login state"));
            }
        }

        return problems;
    }

    private static void ValidateVersion(ClientVersion v, List<ModelProblem> problems)
    {
        var path = $"versions[{v.Id}]";
        if (!VersionId().IsMatch(v.Id))
        {
            problems.Add(new($"{path}.id", "must be two to four dot-separated numbers, like 6.3.0.197"));
        }

        CheckProvenance(v.Provenance, path, problems);
        ValidateSteps(v, path, problems);
        ValidateGroups(v, path, problems);
        ValidateProcedure(v.Procedure, $"{path}.procedure", problems);
        RuleValidator.Validate(v, path, problems);
        foreach (var inc in v.Inconsistencies)
        {
            var ip = $"{path}.inconsistencies[{inc.Id}]";
            CheckId(inc.Id, ip, problems);
            if (inc.Readings.Count < 1)
            {
                problems.Add(new($"{ip}.readings", "an inconsistency needs the readings it is about"));
            }

            for (var i = 0; i < inc.Readings.Count; i++)
            {
                CheckProvenance(inc.Readings[i].Provenance, $"{ip}.readings[{i}]", problems);
            }

            if (string.IsNullOrWhiteSpace(inc.ModelUses) || string.IsNullOrWhiteSpace(inc.Why))
            {
                problems.Add(new(ip, "must say which reading the model uses and why"));
            }
        }

        foreach (var duplicate in Duplicates(v.Inconsistencies.Select(i => i.Id)))
        {
            problems.Add(new($"{path}.inconsistencies[{duplicate}]", "inconsistency id is not unique"));
        }
    }

    private static void ValidateSteps(ClientVersion v, string path, List<ModelProblem> problems)
    {
        var numbers = v.Steps.Select(s => s.Number).ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, 8)))
        {
            problems.Add(new($"{path}.steps", "must list the steps 1 to 8 of Fig. 1 in order, got " + string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)))));
        }

        foreach (var step in v.Steps)
        {
            var sp = $"{path}.steps[{step.Number}]";
            CheckProvenance(step.Provenance, sp, problems);
            foreach (var g in step.Groups)
            {
                if (!GroupIds.All.Contains(g))
                {
                    problems.Add(new($"{sp}.groups", $"'{g}' is not a group id of the vocabulary ({string.Join(", ", GroupIds.All)})"));
                }
            }
        }
    }

    private static void ValidateGroups(ClientVersion v, string path, List<ModelProblem> problems)
    {
        foreach (var duplicate in Duplicates(v.Groups.Select(g => g.Id)))
        {
            problems.Add(new($"{path}.groups[{duplicate}]", "group id is not unique"));
        }

        foreach (var g in v.Groups)
        {
            var gp = $"{path}.groups[{g.Id}]";
            if (!GroupIds.All.Contains(g.Id))
            {
                problems.Add(new($"{gp}.id", $"'{g.Id}' is not a group id of the vocabulary ({string.Join(", ", GroupIds.All)})"));
            }

            CheckProvenance(g.Provenance, gp, problems);
            foreach (var d in g.Domains)
            {
                CheckDomain(d, $"{gp}.domains[{d.Pattern}]", problems);
            }

            if (g.AnswerAddresses is < 1 or > 64)
            {
                problems.Add(new($"{gp}.answerAddresses", "must be between 1 and 64 when given"));
            }

            CheckRanges(g.Ranges, gp, problems);
            CheckEndpoints(g.Endpoints, gp, problems);
            foreach (var e in g.Examples)
            {
                if (!Ipv4.TryParse(e.Address, out _))
                {
                    problems.Add(new($"{gp}.examples[{e.Address}]", "is not an IPv4 address"));
                }

                CheckProvenance(e.Provenance, $"{gp}.examples[{e.Address}]", problems);
            }

            if (g.Features is { } f)
            {
                CheckProvenance(f.Provenance, $"{gp}.features", problems);
                foreach (var p in f.OpenTcpPorts)
                {
                    CheckPorts(p, $"{gp}.features.openTcpPorts", problems);
                }
            }
        }
    }

    private static void ValidateProcedure(LoginProcedure p, string path, List<ModelProblem> problems)
    {
        if (p.Provenance.Count == 0)
        {
            problems.Add(new($"{path}.provenance", "is missing"));
        }

        for (var i = 0; i < p.Provenance.Count; i++)
        {
            CheckProvenance(p.Provenance[i], $"{path}.provenance[{i}]", problems);
        }

        CheckProvenance(p.Completion.Provenance, $"{path}.completion", problems);
        CheckProvenance(p.Rounds.Provenance, $"{path}.rounds", problems);

        if (p.Ladder.Count == 0)
        {
            problems.Add(new($"{path}.ladder", "needs at least one rung"));
        }

        foreach (var duplicate in Duplicates(p.Ladder.Select(r => r.Stage)))
        {
            problems.Add(new($"{path}.ladder[{duplicate}]", "stage name is not unique"));
        }

        foreach (var duplicate in Duplicates(p.Ladder.Select(r => $"{r.Transport}/{r.Port}")))
        {
            problems.Add(new($"{path}.ladder", $"{duplicate} appears on two rungs"));
        }

        foreach (var rung in p.Ladder)
        {
            var rp = $"{path}.ladder[{rung.Stage}]";
            CheckId(rung.Stage, rp, problems);
            CheckPorts(PortRange.Single(rung.Port), $"{rp}.port", problems);
            CheckProvenance(rung.Provenance, rp, problems);
            if (rung.Attempts < 1)
            {
                problems.Add(new($"{rp}.attempts", "must be at least 1"));
            }

            if (p.ChannelPorts.Contains(rung.Port) && rung.Transport == Transport.Tcp)
            {
                problems.Add(new($"{rp}.port", "lies inside the channel ports"));
            }
        }

        CheckPorts(p.ChannelPorts, $"{path}.channelPorts", problems);
        if (p.NewRoundGapSeconds <= 0 || p.NewRoundGapSeconds > p.RetryIntervalSeconds)
        {
            problems.Add(new($"{path}.newRoundGapSeconds", "must be above 0 and at most the retry interval"));
        }

        if (p.LoginWindowSeconds < p.RetryIntervalSeconds)
        {
            problems.Add(new($"{path}.loginWindowSeconds", "must be at least the retry interval"));
        }
    }

    internal static void CheckRanges(IReadOnlyList<AddressRange> ranges, string path, List<ModelProblem> problems)
    {
        foreach (var r in ranges)
        {
            var rp = $"{path}.ranges[{r}]";
            if (!Ipv4.TryParsePrefix24(r.Network, out _))
            {
                problems.Add(new($"{rp}.network", "must be a /24 prefix of three dotted numbers, like 111.221.74"));
            }

            if (r.FirstHost < 0 || r.LastHost > 255 || r.FirstHost > r.LastHost)
            {
                problems.Add(new($"{rp}", $"host range {r.FirstHost}-{r.LastHost} must satisfy 0 <= first <= last <= 255"));
            }

            if (string.IsNullOrWhiteSpace(r.Organisation) || string.IsNullOrWhiteSpace(r.Country))
            {
                problems.Add(new(rp, "needs the organisation and the country"));
            }

            CheckProvenance(r.Provenance, rp, problems);
        }

        var sorted = ranges.Where(r => r.FirstAddress is not null).OrderBy(r => r.FirstAddress).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].FirstAddress <= sorted[i - 1].LastAddress)
            {
                problems.Add(new($"{path}.ranges[{sorted[i]}]", $"overlaps {sorted[i - 1]}"));
            }
        }
    }

    internal static void CheckEndpoints(IReadOnlyList<Endpoint> endpoints, string path, List<ModelProblem> problems)
    {
        foreach (var duplicate in Duplicates(endpoints.Select(e => e.Id)))
        {
            problems.Add(new($"{path}.endpoints[{duplicate}]", "endpoint id is not unique"));
        }

        foreach (var e in endpoints)
        {
            var ep = $"{path}.endpoints[{e.Id}]";
            CheckId(e.Id, ep, problems);
            CheckPorts(e.Ports, $"{ep}.ports", problems);
            CheckProvenance(e.Provenance, ep, problems);
        }
    }

    internal static void CheckDomain(DomainPattern d, string path, List<ModelProblem> problems)
    {
        try
        {
            _ = d.Tokens;
        }
        catch (FormatException ex)
        {
            problems.Add(new(path, "malformed pattern: " + ex.Message));
        }

        if (d.Pattern.Length > 253)
        {
            problems.Add(new(path, "a DNS name has at most 253 characters"));
        }

        CheckProvenance(d.Provenance, path, problems);
    }

    internal static void CheckPorts(PortRange p, string path, List<ModelProblem> problems)
    {
        if (p.First < 1 || p.Last > 65535 || p.First > p.Last)
        {
            problems.Add(new(path, $"port range {p.First}-{p.Last} must satisfy 1 <= first <= last <= 65535"));
        }
    }

    internal static void CheckId(string id, string path, List<ModelProblem> problems)
    {
        if (!StableId().IsMatch(id))
        {
            problems.Add(new($"{path}.id", $"'{id}' is not a stable id (lower case letters and digits, words joined by '-')"));
        }
    }

    internal static void CheckProvenance(Provenance? p, string path, List<ModelProblem> problems)
    {
        if (p is null || string.IsNullOrWhiteSpace(p.Source) || string.IsNullOrWhiteSpace(p.Where))
        {
            problems.Add(new($"{path}.provenance", "is missing: every fact says where it comes from"));
        }
        else if (p.Source == Provenance.Project && string.IsNullOrWhiteSpace(p.Note))
        {
            problems.Add(new($"{path}.provenance", "a project decision must say why"));
        }
    }

    internal static IEnumerable<string> Duplicates(IEnumerable<string> ids) =>
        ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).OrderBy(k => k, StringComparer.Ordinal);
}
