using System.Globalization;
using SkypeDissect.Generator.Emitters;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.View;

/// <summary>Flattens a (validated) signature model into the view the plugin templates render.</summary>
public static class PluginViewBuilder
{
    /// <param name="bounds">The bounds of the state tables; null means the contract's (<see cref="TaggingContract.Bounds"/>).</param>
    public static PluginView Build(SignatureModel model, string fileName, string generatorVersion, string regenerateCommand, StateBounds? bounds = null)
    {
        var rules = model.Versions.SelectMany(v => v.Rules).ToList();
        var used = RuleKinds.All.Where(k => rules.Any(r => r.Kind == k)).ToList();
        var kinds = used.Select((k, i) => Kind(k, 1 << i, rules.Where(r => r.Kind == k).ToList())).ToList();
        bool Keeps(KindState state) => used.Any(k => k.Keeps.HasFlag(state));
        var domains = rules.SelectMany(r => r.Parameters).Select(p => p.Value).OfType<DomainPattern>().ToList();
        return new(
            fileName,
            generatorVersion,
            regenerateCommand,
            LuaText.Comment(string.Join(", ", model.Versions.Select(v => v.Id))),
            [.. model.Versions.Select((v, i) => Version(v, SharedRulesOf(model, i)))],
            Inconsistencies(model),
            kinds,
            LuaText.EvidenceSet([.. used.SelectMany(k => KindPorts(k, rules.Where(r => r.Kind == k).ToList()))]),
            Keeps(KindState.LearnedAddresses),
            Keeps(KindState.Openings),
            rules.Any(r => r.Kind.Needs.HasFlag(FrameNeeds.TlsNames)),
            TlsNameRule.HandshakeBytes,
            domains.Count > 0,
            domains.Any(d => d.Tokens.Any(t => t is DomainToken.Label)),
            Owners(model),
            Contract(bounds ?? TaggingContract.Bounds));
    }

    private static ContractView Contract(StateBounds bounds)
    {
        static string Field(TagField f) => LuaText.Quote(f.Filter);
        return new(
            LuaText.Quote(TaggingContract.Protocol),
            new FieldNamesView(
                Field(TagField.Step), Field(TagField.StepName), Field(TagField.Group), Field(TagField.Rule), Field(TagField.Version),
                Field(TagField.Client), Field(TagField.Server), Field(TagField.ServerOrganisation), Field(TagField.ServerCountry),
                Field(TagField.Round), Field(TagField.Stage)),
            [.. TaggingContract.Experts.Select(e => new ExpertView(
                e.Name, LuaText.Quote(e.Field), LuaText.Quote(e.Summary), e.Severity.ToString().ToUpperInvariant(), LuaText.Quote(LuaText.Format(e.Message))))],
            bounds.Flows,
            bounds.LearnedAddresses,
            bounds.Clients,
            bounds.Attributions,
            bounds.RemoteSets,
            bounds.PayloadSeen,
            bounds.Openings,
            bounds.TlsConnections,
            bounds.RecentConnections,
            LuaText.Number(bounds.IdleSeconds));
    }

    /// <summary>Each version's group ranges in model order, the first of equal ones, as the session summary looks them up.</summary>
    private static IReadOnlyList<OwnerView> Owners(SignatureModel model) =>
    [
        .. model.Versions.SelectMany(v => v.Groups).SelectMany(g => g.Ranges)
            .Select(r => (r.Network, r.FirstHost, r.LastHost, r.Organisation, r.Country)).Distinct()
            .Select(r => new OwnerView(LuaText.Quote(r.Network), r.FirstHost, r.LastHost, LuaText.Quote(r.Organisation),
                r.Country == "-" ? "nil" : LuaText.Quote(r.Country))),
    ];

    private static KindView Kind(RuleKind kind, int bit, List<Rule> rules)
    {
        var emitter = LuaRuleEmitters.For(kind);
        var ports = KindPorts(kind, rules);
        // A rule of the kind without endpoints (any port) makes its port no condition of the kind.
        var needs = rules.Any(r => r.Endpoints.Count == 0) ? kind.Needs & ~(FrameNeeds.EndpointPort | FrameNeeds.DestinationPort) : kind.Needs;
        var filter = emitter.Filter(rules);
        var condition = LuaText.Condition(needs, kind.LuaName);
        if (filter is not null)
        {
            condition = condition == "true" ? filter.Condition : $"{condition} and {filter.Condition}";
        }

        return new KindView(kind.Name, kind.LuaName, bit, condition, ports.Count > 0, LuaText.EvidenceSet(ports),
            emitter.Prepares, emitter.KeepsState, emitter.Observes, emitter.ObservesEveryTcpFrame, emitter.ObservedFacts, emitter.Fragment,
            filter?.Declaration ?? "");
    }

    // Ports that are evidence for the kind without state: the union of its rules' endpoints, merged per transport
    // (a rule without endpoints, which has a gate, adds none: its client is a known host). The ports of a kind that
    // needs TLS names count too: every frame on them follows its connection's handshake.
    private static List<PortSpan> KindPorts(RuleKind kind, List<Rule> rules) =>
        (kind.Needs & (FrameNeeds.EndpointPort | FrameNeeds.DestinationPort | FrameNeeds.TlsNames)) == 0 ? [] : MergedPorts(rules);

    private static List<PortSpan> MergedPorts(List<Rule> rules)
    {
        var spans = new List<PortSpan>();
        foreach (var transport in new[] { Transport.Udp, Transport.Tcp })
        {
            var endpoints = rules.SelectMany(r => r.Endpoints)
                .Where(e => e.Transport == transport)
                .Select(e => e.Ports)
                .OrderBy(p => p.First)
                .ToList();
            PortRange? open = null;
            foreach (var p in endpoints)
            {
                if (open is not null && p.First <= open.Last + 1)
                {
                    open = open with { Last = Math.Max(open.Last, p.Last) };
                    continue;
                }

                if (open is not null)
                {
                    spans.Add(new(transport, open.First, open.Last));
                }

                open = p;
            }

            if (open is not null)
            {
                spans.Add(new(transport, open.First, open.Last));
            }
        }

        return spans;
    }

    /// <summary>
    /// The version whose rules the plugin writes for version <paramref name="index"/> too: the one it reuses
    /// (<see cref="ClientVersion.RulesOf"/>) when that one comes earlier in the model with the same rules.
    /// </summary>
    private static ClientVersion? SharedRulesOf(SignatureModel model, int index)
    {
        var v = model.Versions[index];
        return v.RulesOf is null
            ? null
            : model.Versions.Take(index).FirstOrDefault(e => e.Id == v.RulesOf && e.Rules.SequenceEqual(v.Rules));
    }

    private static VersionView Version(ClientVersion v, ClientVersion? rulesOf) => new(
        LuaText.Comment(v.Id),
        LuaText.Quote(v.Id),
        LuaText.PreferenceName(v.Id),
        LuaText.Quote($"Tag with the signatures of Skype {v.Id}"),
        LuaText.Quote($"Switch the signatures of client version {v.Id} on or off ({v.Description})"),
        LuaText.Comment(v.Description),
        LuaText.Comment(v.Provenance.ToString()),
        LuaText.Number(v.Procedure.LoginWindowSeconds),
        LuaText.Number(v.Procedure.NewRoundGapSeconds),
        LuaText.Number(v.Procedure.RetryIntervalSeconds),
        v.Procedure.ChannelPorts.First,
        v.Procedure.ChannelPorts.Last,
        LuaText.Quote(v.Procedure.Completion.Kind == CompletionKind.Exchange ? "exchange" : "connected"),
        LuaText.Comment(v.Procedure.Completion.Provenance.ToString()),
        LuaText.Quote(v.Procedure.Rounds.Kind == RoundKind.ChannelOpenings ? "channel" : "ladder"),
        LuaText.Comment(v.Procedure.Rounds.Provenance.ToString()),
        [.. v.Procedure.Provenance.Select(p => LuaText.Comment(p.ToString()))],
        [.. v.Steps.Select(s => new StepView(s.Number, LuaText.Quote(s.Title), LuaText.Comment(s.Provenance.ToString())))],
        [.. v.Procedure.Ladder.Select(r => new RungView(
            LuaText.Quote(r.Stage), LuaText.Quote(LuaText.Transport(r.Transport)), r.Port, LuaText.Comment(r.Provenance.ToString())))],
        Rungs(v.Procedure.Ladder),
        rulesOf is null ? Rules(v.Rules) : [],
        rulesOf is null ? "" : LuaText.Quote(rulesOf.Id));

    /// <summary>
    /// The rung (0-based) of each transport and server port of the ladder, the first rung with both winning:
    /// <c>{ udp = { [33033] = 0 }, tcp = { [80] = 2, [443] = 3 } }</c>, in port order.
    /// </summary>
    private static string Rungs(IReadOnlyList<FallbackRung> ladder)
    {
        string Of(Transport transport)
        {
            var rungs = ladder.Select((r, i) => (r, i)).Where(x => x.r.Transport == transport)
                .GroupBy(x => x.r.Port).Select(g => (Port: g.Key, Rung: g.First().i)).OrderBy(x => x.Port)
                .Select(x => string.Create(CultureInfo.InvariantCulture, $"[{x.Port}] = {x.Rung}")).ToList();
            return rungs.Count == 0 ? "{}" : "{ " + string.Join(", ", rungs) + " }";
        }

        return $"{{ udp = {Of(Transport.Udp)}, tcp = {Of(Transport.Tcp)} }}";
    }

    /// <summary>The rows of a version's rules, each with the settings other rules of the version put on it (<see cref="ILuaRuleEmitter.Marks"/>).</summary>
    private static IReadOnlyList<RuleView> Rules(IReadOnlyList<Rule> rules)
    {
        var marks = rules.SelectMany(r => LuaRuleEmitters.For(r.Kind).Marks(r)).ToList();
        return [.. rules.Select(r =>
        {
            var row = LuaRuleEmitters.Emit(r);
            var extra = marks.Where(m => m.RuleId == r.Id).Select(m => m.Setting).Distinct().ToList();
            return extra.Count == 0 ? row : row with { Settings = [.. row.Settings, .. extra] };
        })];
    }

    /// <summary>Each distinct inconsistency once, in model order, naming the versions that hold it.</summary>
    private static IReadOnlyList<InconsistencyView> Inconsistencies(SignatureModel model)
    {
        var views = new List<InconsistencyView>();
        var versionsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var version in model.Versions)
        {
            foreach (var item in version.Inconsistencies)
            {
                var view = Inconsistency(item);
                var key = string.Join("\n", [view.Id, view.Subject, .. view.Readings, view.ModelUses, view.Why]);
                if (!versionsOf.TryGetValue(key, out var list))
                {
                    list = [];
                    versionsOf.Add(key, list);
                    views.Add(view with { Versions = key });
                }

                list.Add(version.Id);
            }
        }

        return [.. views.Select(v => v with { Versions = LuaText.Comment(string.Join(", ", versionsOf[v.Versions])) })];
    }

    private static InconsistencyView Inconsistency(Inconsistency i) => new(
        LuaText.Comment(i.Id),
        LuaText.Comment(i.Subject),
        "",
        [.. i.Readings.Select(r => LuaText.Comment($"\"{r.Text}\" ({r.Provenance})"))],
        LuaText.Comment(i.ModelUses),
        LuaText.Comment(i.Why));
}
