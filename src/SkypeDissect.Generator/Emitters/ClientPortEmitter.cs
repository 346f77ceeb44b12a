using System.Globalization;
using SkypeDissect.Generator.View;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Emitters;

/// <summary>Only the limit on distinct remote hosts per client; the port itself is learned at run time.</summary>
public sealed class ClientPortEmitter : LuaRuleEmitter<ClientPortRule>
{
    public override RuleKind Kind => ClientPortRule.Descriptor;

    public override bool KeepsState => true;

    protected override RuleView Emit(ClientPortRule rule, RuleView common) => common with
    {
        Settings =
        [
            rule.MaxRemotes is { } max
                ? new("max_remotes", max.ToString(CultureInfo.InvariantCulture), "only the first so many distinct remote hosts of a client")
                : new("max_remotes", "nil", "any number of remote hosts"),
        ],
    };
}
