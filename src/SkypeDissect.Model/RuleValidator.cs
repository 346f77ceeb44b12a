namespace SkypeDissect.Model;

/// <summary>Checks of the rules of one version; part of <see cref="ModelValidator"/>.</summary>
internal static class RuleValidator
{
    public static void Validate(ClientVersion v, string path, List<ModelProblem> problems)
    {
        if (v.Rules.Count == 0)
        {
            problems.Add(new($"{path}.rules", "a version needs at least one rule"));
        }

        foreach (var duplicate in ModelValidator.Duplicates(v.Rules.Select(r => r.Id)))
        {
            problems.Add(new($"{path}.rules[{duplicate}]", "rule id is not unique"));
        }

        var seen = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var rule in v.Rules)
        {
            var rp = $"{path}.rules[{rule.Id}]";
            ModelValidator.CheckId(rule.Id, rp, problems);
            ModelValidator.CheckProvenance(rule.Provenance, rp, problems);
            if (string.IsNullOrWhiteSpace(rule.Description))
            {
                problems.Add(new($"{rp}.description", "is missing"));
            }

            CheckStepAndGroup(v, rule, rp, problems);
            CheckKind(rule, rp, seen, problems);
            seen.TryAdd(rule.Id, rule);
        }
    }

    private static void CheckStepAndGroup(ClientVersion v, Rule rule, string rp, List<ModelProblem> problems)
    {
        if (rule.Step is < 1 or > 8)
        {
            problems.Add(new($"{rp}.step", $"{rule.Step} is not a step of Fig. 1 (1-8)"));
            return;
        }

        if (!GroupIds.All.Contains(rule.Group))
        {
            problems.Add(new($"{rp}.group", $"'{rule.Group}' is not a group id of the vocabulary"));
            return;
        }

        var step = v.Steps.FirstOrDefault(s => s.Number == rule.Step);
        if (step is not null && !step.Groups.Contains(rule.Group))
        {
            problems.Add(new($"{rp}.group", $"'{rule.Group}' is not a group of step {rule.Step} ({string.Join(", ", step.Groups)})"));
        }
    }

    /// <summary>What the rule's kind declares (endpoints, transport, gate, parameters), then the kind's own checks.</summary>
    private static void CheckKind(Rule rule, string rp, Dictionary<string, Rule> earlier, List<ModelProblem> problems)
    {
        var kind = rule.Kind;
        switch (kind.Endpoints)
        {
            case EndpointUse.Required:
                NeedEndpoints(rule.Endpoints, rp, problems);
                break;
            case EndpointUse.Optional:
                ModelValidator.CheckEndpoints(rule.Endpoints, rp, problems);
                break;
            default:
                if (rule.Endpoints.Count > 0)
                {
                    problems.Add(new($"{rp}.endpoints", $"{Article(kind.Name)} {kind.Name} rule takes no endpoints"));
                }

                break;
        }

        if (kind.TcpOnly is { } tcpOnly && rule.Endpoints.Any(e => e.Transport != Transport.Tcp))
        {
            problems.Add(new($"{rp}.endpoints", tcpOnly));
        }

        if (rule.Gate == Gate.None && (kind.GateNeeded ?? (rule.Endpoints.Count == 0 ? kind.AnyPortGateNeeded : null)) is { } why)
        {
            problems.Add(new($"{rp}.gate", why));
        }

        foreach (var p in rule.Parameters)
        {
            CheckParameter(rule, p, rp, earlier, problems);
        }

        problems.AddRange(rule.CheckParameters(rp));
    }

    private static void CheckParameter(Rule rule, RuleParameter p, string rp, Dictionary<string, Rule> earlier, List<ModelProblem> problems)
    {
        var pp = $"{rp}.{p.Spec.Name}";
        if (p.Value is null)
        {
            if (!p.Spec.Optional)
            {
                problems.Add(new(pp, "is missing"));
            }

            return;
        }

        switch (p.Spec.Type)
        {
            case ParameterType.Domain:
                ModelValidator.CheckDomain((DomainPattern)p.Value, pp, problems);
                break;
            case ParameterType.Ranges:
                var ranges = (IReadOnlyList<AddressRange>)p.Value;
                if (ranges.Count == 0)
                {
                    problems.Add(new(pp, $"{Article(rule.Kind.Name)} {rule.Kind.Name} rule needs ranges"));
                }

                ModelValidator.CheckRanges(ranges, rp, problems);
                break;
            case ParameterType.RuleRef:
                var id = (string)p.Value;
                if (!earlier.TryGetValue(id, out var target))
                {
                    problems.Add(new(pp, $"'{id}' is not a rule listed before this one"));
                }
                else if (p.Spec.Target?.Invoke(target) is { } misfit)
                {
                    problems.Add(new(pp, $"'{id}' {misfit}"));
                }

                break;
        }
    }

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static void NeedEndpoints(IReadOnlyList<Endpoint> endpoints, string rp, List<ModelProblem> problems)
    {
        if (endpoints.Count == 0)
        {
            problems.Add(new($"{rp}.endpoints", "needs at least one endpoint: a port alone never tags, nor does no port"));
        }

        ModelValidator.CheckEndpoints(endpoints, rp, problems);
    }
}
