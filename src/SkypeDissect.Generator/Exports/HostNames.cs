using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>
/// A domain pattern as plain names for tools that match a name and the names under it (nDPI's host rules):
/// numbers are expanded while that gives at most <see cref="MaxNames"/> names; a <c>{build}</c> or <c>{label}</c>
/// (and what stands before it) cannot be written, so the names are the part after it, which such a tool also
/// matches under any prefix.
/// </summary>
public static class HostNames
{
    public const int MaxNames = 64;

    /// <param name="Names">The names, in order.</param>
    /// <param name="Exact">True when the names are exactly the pattern's (nothing of it was left off).</param>
    public sealed record Expansion(IReadOnlyList<string> Names, bool Exact);

    public static Expansion Expand(DomainPattern pattern)
    {
        var tokens = pattern.Tokens;
        var names = new List<string> { "" };
        var exact = true;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var t = tokens[i];
            if (t is DomainToken.Literal l)
            {
                names = [.. names.Select(n => l.Text + n)];
            }
            else if (t is DomainToken.Number num && (long)names.Count * (num.Max - num.Min + 1) <= MaxNames)
            {
                names = [.. Enumerable.Range(num.Min, num.Max - num.Min + 1).SelectMany(v => names.Select(n => v.ToString(System.Globalization.CultureInfo.InvariantCulture) + n))];
            }
            else
            {
                exact = false;
                break;
            }
        }

        if (!exact)
        {
            // What was written ends at a wildcard: keep the whole labels after it.
            names = [.. names.Select(n => n.StartsWith('.') ? n[1..] : n[(n.IndexOf('.', StringComparison.Ordinal) + 1)..]).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
        }

        return new Expansion(names, exact);
    }
}
