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

    private static readonly Dictionary<string, ILuaRuleEmitter> ByKind = All.ToDictionary(e => e.Kind.Name);

    public static ILuaRuleEmitter For(RuleKind kind) =>
        ByKind.TryGetValue(kind.Name, out var emitter)
            ? emitter
            : throw new NotSupportedException($"no Lua emitter for rule kind {kind}");

    public static RuleView Emit(Rule rule) => For(rule.Kind).Emit(rule);
}
