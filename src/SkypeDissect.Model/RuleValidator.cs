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

    private static void CheckKind(Rule rule, string rp, Dictionary<string, Rule> earlier, List<ModelProblem> problems)
    {
        switch (rule)
        {
            case DnsNameRule d:
                ModelValidator.CheckDomain(d.Domain, $"{rp}.domain", problems);
                break;
            case LearnedAddressRule l:
                if (!earlier.TryGetValue(l.LearnedFrom, out var source))
                {
                    problems.Add(new($"{rp}.learnedFrom", $"'{l.LearnedFrom}' is not a rule listed before this one"));
                }
                else if (source is not DnsNameRule)
                {
                    problems.Add(new($"{rp}.learnedFrom", $"'{l.LearnedFrom}' is not a dns-name rule"));
                }

                NeedEndpoints(l.Endpoints, rp, problems);
                break;
            case AddressRangeRule a:
                if (a.Ranges.Count == 0)
                {
                    problems.Add(new($"{rp}.ranges", "an address-range rule needs ranges"));
                }

                ModelValidator.CheckRanges(a.Ranges, rp, problems);
                NeedEndpoints(a.Endpoints, rp, problems);
                break;
            case HttpRequestRule h:
                if (h.Method.Length == 0 || !h.Method.All(char.IsAsciiLetterUpper))
                {
                    problems.Add(new($"{rp}.method", "must be an upper-case HTTP method"));
                }

                if (h.LineContains.Length == 0 || h.LineContains.Length > 200 || h.LineContains.Any(c => c <= ' ' || c > '~'))
                {
                    problems.Add(new($"{rp}.lineContains", "must be 1-200 printable ASCII characters without spaces"));
                }

                NeedEndpoints(h.Endpoints, rp, problems);
                if (h.Endpoints.Any(e => e.Transport != Transport.Tcp))
                {
                    problems.Add(new($"{rp}.endpoints", "HTTP requests are TCP"));
                }

                break;
            case ClientPortRule c:
                if (c.MaxRemotes is < 1)
                {
                    problems.Add(new($"{rp}.maxRemotes", "must be at least 1 when given"));
                }

                if (c.Gate == Gate.None)
                {
                    problems.Add(new($"{rp}.gate", "a client-port rule needs a login gate: the port is learned from a login"));
                }

                break;
            case AfterLoginRule l:
                if (l.Gate == Gate.None)
                {
                    problems.Add(new($"{rp}.gate", "an after-login rule needs a gate: the login is its only evidence besides the port"));
                }

                NeedEndpoints(l.Endpoints, rp, problems);
                break;
            case PayloadPrefixRule p:
                CheckPayloadPrefix(p, rp, problems);
                break;
            case TimedFallbackRule t:
                CheckTimedFallback(t, rp, earlier, problems);
                break;
        }
    }

    private static void CheckPayloadPrefix(PayloadPrefixRule p, string rp, List<ModelProblem> problems)
    {
        var length = 0;
        try
        {
            length = p.PrefixBytes.Count;
        }
        catch (FormatException ex)
        {
            problems.Add(new($"{rp}.prefix", $"{ex.Message}: write 1-{PayloadPrefixRule.MaxPrefixBytes} two-digit hex bytes separated by single spaces, like 16 03 01 00 00"));
        }

        if (p.ExactLength is { } exact && (exact < Math.Max(1, length) || exact > 65535))
        {
            problems.Add(new($"{rp}.exactLength", "must be at least the prefix's length and at most 65535 when given"));
        }

        if (p.Endpoints.Count == 0 && p.Gate == Gate.None)
        {
            problems.Add(new($"{rp}.gate", "a payload-prefix rule on any port needs a gate: a few bytes alone are weak evidence"));
        }

        ModelValidator.CheckEndpoints(p.Endpoints, rp, problems);
        if (p.Endpoints.Any(e => e.Transport != Transport.Tcp))
        {
            problems.Add(new($"{rp}.endpoints", "payload prefixes are matched on TCP"));
        }
    }

    private static void CheckTimedFallback(TimedFallbackRule t, string rp, Dictionary<string, Rule> earlier, List<ModelProblem> problems)
    {
        if (!earlier.TryGetValue(t.After, out var first))
        {
            problems.Add(new($"{rp}.after", $"'{t.After}' is not a rule listed before this one"));
        }
        else if (first is not (AddressRangeRule or LearnedAddressRule or AfterLoginRule or TimedFallbackRule))
        {
            problems.Add(new($"{rp}.after", $"'{t.After}' is a {Kebab(first.Kind)} rule: a fall-back follows a connection tagged at its SYN (address-range, learned-address, after-login or timed-fallback)"));
        }
        else if (!TcpEndpoints(first))
        {
            problems.Add(new($"{rp}.after", $"'{t.After}' has no TCP endpoint, so it never tags a TCP connection"));
        }

        if (!(t.MaxDelaySeconds > 0 && t.MaxDelaySeconds <= TimedFallbackRule.MaxDelayLimitSeconds))
        {
            problems.Add(new($"{rp}.maxDelaySeconds", "must be above 0 and at most 60"));
        }

        NeedEndpoints(t.Endpoints, rp, problems);
        if (t.Endpoints.Any(e => e.Transport != Transport.Tcp))
        {
            problems.Add(new($"{rp}.endpoints", "a timed fall-back is a TCP connection"));
        }
    }

    private static bool TcpEndpoints(Rule rule) => rule switch
    {
        AddressRangeRule a => a.Endpoints.Any(e => e.Transport == Transport.Tcp),
        LearnedAddressRule l => l.Endpoints.Any(e => e.Transport == Transport.Tcp),
        AfterLoginRule l => l.Endpoints.Any(e => e.Transport == Transport.Tcp),
        _ => true, // a timed fall-back's endpoints are TCP (checked on that rule)
    };

    private static string Kebab(RuleKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static void NeedEndpoints(IReadOnlyList<Endpoint> endpoints, string rp, List<ModelProblem> problems)
    {
        if (endpoints.Count == 0)
        {
            problems.Add(new($"{rp}.endpoints", "needs at least one endpoint: a port alone never tags, nor does no port"));
        }

        ModelValidator.CheckEndpoints(endpoints, rp, problems);
    }
}
