using SkypeDissect.Generator.Emitters;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.View;

/// <summary>Flattens a (validated) signature model into the view the plugin templates render.</summary>
public static class PluginViewBuilder
{
    public static PluginView Build(SignatureModel model, string fileName, string generatorVersion, string regenerateCommand) => new(
        fileName,
        generatorVersion,
        regenerateCommand,
        LuaText.Comment(string.Join(", ", model.Versions.Select(v => v.Id))),
        [.. model.Versions.Select(Version)],
        Inconsistencies(model),
        Uses(model, RuleKind.PayloadPrefix),
        Uses(model, RuleKind.TimedFallback),
        model.Versions.Any(v => v.Rules.OfType<DnsNameRule>().Any(r => r.Domain.Tokens.Any(t => t is DomainToken.Label))),
        Owners(model));

    /// <summary>Each version's group ranges in model order, the first of equal ones, as the session summary looks them up.</summary>
    private static IReadOnlyList<OwnerView> Owners(SignatureModel model) =>
    [
        .. model.Versions.SelectMany(v => v.Groups).SelectMany(g => g.Ranges)
            .Select(r => (r.Network, r.FirstHost, r.LastHost, r.Organisation, r.Country)).Distinct()
            .Select(r => new OwnerView(LuaText.Quote(r.Network), r.FirstHost, r.LastHost, LuaText.Quote(r.Organisation),
                r.Country == "-" ? "nil" : LuaText.Quote(r.Country))),
    ];

    private static bool Uses(SignatureModel model, RuleKind kind) => model.Versions.Any(v => v.Rules.Any(r => r.Kind == kind));

    private static VersionView Version(ClientVersion v) => new(
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
        [.. v.Procedure.Provenance.Select(p => LuaText.Comment(p.ToString()))],
        [.. v.Steps.Select(s => new StepView(s.Number, LuaText.Quote(s.Title), LuaText.Comment(s.Provenance.ToString())))],
        [.. v.Procedure.Ladder.Select(r => new RungView(
            LuaText.Quote(r.Stage), LuaText.Quote(LuaText.Transport(r.Transport)), r.Port, LuaText.Comment(r.Provenance.ToString())))],
        [.. v.Rules.Select(LuaRuleEmitters.Emit)]);

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
