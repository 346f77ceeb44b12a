using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>The emitters of all rule kinds, one per <see cref="RuleKind"/>.</summary>
public static class LuaRuleEmitters
{
    public static IReadOnlyList<ILuaRuleEmitter> All { get; } =
    [
        new DnsNameEmitter(),
        new LearnedAddressEmitter(),
        new AddressRangeEmitter(),
        new HttpRequestEmitter(),
        new ClientPortEmitter(),
        new AfterLoginEmitter(),
        new PayloadPrefixEmitter(),
        new TimedFallbackEmitter(),
    ];

    private static readonly Dictionary<RuleKind, ILuaRuleEmitter> ByKind = All.ToDictionary(e => e.Kind);

    public static RuleView Emit(Rule rule) =>
        ByKind.TryGetValue(rule.Kind, out var emitter)
            ? emitter.Emit(rule)
            : throw new NotSupportedException($"no Lua emitter for rule kind {rule.Kind} (rule '{rule.Id}')");
}
