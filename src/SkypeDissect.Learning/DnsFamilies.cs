using System.Globalization;
using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// Groups the names a client looked up into families (<see cref="NameShape"/>), generalises each into a
/// domain pattern of the model's grammar and compares it with the base version's DNS rules:
/// <list type="bullet">
/// <item><c>base-pattern</c>: a base pattern matches every name of the family (unchanged);</item>
/// <item><c>same-shape</c>: a base pattern has the family's shape but misses some names (changed: index out of
/// range, a build of more parts);</item>
/// <item><c>same-parent</c>: the family shares a parent domain of three or more labels with a base pattern (added
/// to that pattern's group);</item>
/// </list>
/// Whether a base pattern matches a name is what the base's own evaluators said of the client's messages
/// (<see cref="DnsSeen.BaseMatches"/>). Other names are listed for review and proposed for nothing, among them
/// names with a label that starts with the vendor's word (<c>skype</c>, from the login server names): the
/// vendor's, but no group of the vocabulary follows from them. Base patterns without any name are not seen.
/// </summary>
internal static class DnsFamilies
{
    /// <returns>The families, the other names, and the names of both that are the vendor's (the client's own lookups).</returns>
    public static (List<DnsFamilyItem> Families, List<OtherName> Others, IReadOnlySet<string> Related) Build(IReadOnlyList<DnsSeen> dns, BaseModel model)
    {
        var messages = dns.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = messages.Values.Select(Seen).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var families = new List<DnsFamilyItem>();
        var others = new List<OtherName>();
        var related = new HashSet<string>(StringComparer.Ordinal);
        // A name with a character the grammar has no literal for (a brace, a space: legal bytes in a DNS label) cannot
        // be written as a pattern; it is listed for review on its own, and never read as pattern syntax.
        foreach (var n in names.Values.Where(n => Unwritable(n.Name) is not null).OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            others.Add(new OtherName(n.Name, n.Queries, n.Answered, n.Addresses,
                $"the character '{Unwritable(n.Name)}' has no place in a domain pattern (docs/tagging.md 3.1): the name is not generalised", n.SeenIn));
        }

        foreach (var family in names.Keys.Where(n => Unwritable(n) is null).Select(NameShape.Of).GroupBy(s => s.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shapes = family.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var seen = shapes.Select(s => names[s.Name]).ToList();
            var frames = Evidence.Sorted(shapes.SelectMany(x => messages[x.Name]).Select(m => m.Capture.At(m.Frame)));
            var item = Classify(shapes, seen, frames, model, (name, rule) => messages[name].All(m => m.BaseMatches.Contains(rule)));
            if (item is not null)
            {
                families.Add(item);
                related.UnionWith(shapes.Select(s => s.Name));
                continue;
            }

            var word = model.VendorWords.FirstOrDefault(w => shapes[0].Name.Split('.').Any(l => l.StartsWith(w, StringComparison.Ordinal)));
            var note = word is null ? "" : $"a label starts with '{word}', the vendor's word in the base's login names; no group of the vocabulary follows from the name";
            if (word is not null)
            {
                related.UnionWith(shapes.Select(s => s.Name));
            }

            others.AddRange(seen.Select(n => new OtherName(n.Name, n.Queries, n.Answered, n.Addresses, note, n.SeenIn)));
        }

        foreach (var p in model.Patterns.Where(p => !families.Any(f => f.BasePattern == p.Pattern.Pattern && f.AssignedBy is "base-pattern" or "same-shape")))
        {
            families.Add(new DnsFamilyItem(p.Pattern.Pattern, p.Group, "base-pattern", ProposalStatus.NotSeen, p.Pattern.Pattern,
                $"rule {p.RuleId}: the client looked up no name of it", [], []));
        }

        return (families, others, related);
    }

    /// <param name="matched">Whether the base's rule (by index) matched every message of the name.</param>
    private static DnsFamilyItem? Classify(List<NameShape> shapes, List<DnsNameSeen> seen, IReadOnlyList<SeenIn> frames, BaseModel model, Func<string, int, bool> matched)
    {
        if (model.Patterns.FirstOrDefault(p => shapes.All(s => matched(s.Name, p.Rule))) is { } covering)
        {
            return new DnsFamilyItem(covering.Pattern.Pattern, covering.Group, "base-pattern", ProposalStatus.Unchanged, covering.Pattern.Pattern,
                $"rule {covering.RuleId} matches every name", seen, frames);
        }

        if (model.Patterns.FirstOrDefault(p => p.Key == shapes[0].Key) is { } shaped)
        {
            var missed = shapes.Where(s => !matched(s.Name, shaped.Rule)).Select(s => Why(s, shaped.Pattern)).ToList();
            return new DnsFamilyItem(Propose(shapes, shaped.Pattern), shaped.Group, "same-shape", ProposalStatus.Changed, shaped.Pattern.Pattern,
                $"rule {shaped.RuleId} misses: " + string.Join("; ", missed), seen, frames);
        }

        var parents = shapes.Select(s => s.Parent).Distinct(StringComparer.Ordinal).ToList();
        return parents.Count == 1 && model.Patterns.FirstOrDefault(p => p.Parent == parents[0]) is { } sibling
            ? new DnsFamilyItem(Propose(shapes, null), sibling.Group, "same-parent", ProposalStatus.Added, sibling.Pattern.Pattern,
                $"same parent domain {parents[0]} as {sibling.Pattern.Pattern} (rule {sibling.RuleId})" + Unexpressed(shapes), seen, frames)
            : null;
    }

    /// <summary>The family as a pattern: numbers widened to the base's range when aligned, else to their digit count.</summary>
    public static string Propose(IReadOnlyList<NameShape> shapes, DomainPattern? aligned)
    {
        var baseNumbers = aligned?.Tokens.OfType<DomainToken.Number>().ToList() ?? [];
        var text = new StringBuilder();
        var index = 0;
        for (var i = 0; i < shapes[0].Parts.Count; i++)
        {
            switch (shapes[0].Parts[i])
            {
                case NamePart.Literal l:
                    text.Append(l.Text);
                    break;
                case NamePart.Number:
                    var values = shapes.Select(s => (NamePart.Number)s.Parts[i]).ToList();
                    var min = values.Min(v => v.Value);
                    var max = values.Max(v => v.Value);
                    if (index < baseNumbers.Count)
                    {
                        min = Math.Min(min, baseNumbers[index].Min);
                        max = Math.Max(max, baseNumbers[index].Max);
                    }
                    else
                    {
                        (min, max) = (0, (int)Math.Pow(10, values.Max(v => v.Digits)) - 1);
                    }

                    text.Append(CultureInfo.InvariantCulture, $"{{{min}-{max}}}");
                    index++;
                    break;
                default:
                    var parts = shapes.Max(s => ((NamePart.Build)s.Parts[i]).Parts.Count);
                    text.Append(string.Concat(Enumerable.Repeat("{0-99999}.", Math.Max(0, parts - 4)))).Append("{build}");
                    break;
            }
        }

        return text.ToString();
    }

    private static string Why(NameShape shape, DomainPattern pattern)
    {
        if (shape.BuildPart is { Parts.Count: > 4 } build)
        {
            return $"{shape.Name}: the build {string.Join('.', build.Parts)} has {build.Parts.Count} parts, {{build}} holds 2-4 (written {{0-99999}}.{{build}} to stay in the grammar)";
        }

        var ranges = pattern.Tokens.OfType<DomainToken.Number>().ToList();
        var numbers = shape.Numbers.ToList();
        var outside = numbers.Select((n, i) => (n, i)).Where(x => x.i < ranges.Count && (x.n.Value < ranges[x.i].Min || x.n.Value > ranges[x.i].Max))
            .Select(x => $"{x.n.Value} is outside {{{ranges[x.i].Min}-{ranges[x.i].Max}}}");
        return $"{shape.Name}: " + string.Join(", ", outside.DefaultIfEmpty("does not match"));
    }

    /// <summary>The first character of <paramref name="name"/> a pattern cannot hold as literal text (shown escaped), or null.</summary>
    private static string? Unwritable(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return c is > ' ' and < (char)0x7F ? c.ToString() : $"\\u{(int)c:x4}";
            }
        }

        return null;
    }

    private static string Unexpressed(List<NameShape> shapes) =>
        shapes.Any(s => s.Name.Split('.').Any(l => l.Count(char.IsAsciiDigit) > NameShape.MaxDigits))
            ? "; a number of more than 5 digits stays literal (the grammar's numbers have at most 5), so other hosts of the family need a wider pattern"
            : "";

    private static DnsNameSeen Seen(List<DnsSeen> messages)
    {
        var queries = messages.Count(m => !m.Response);
        var responses = messages.Where(m => m.Response).ToList();
        var rcodes = responses.Select(r => Rcode(r.Rcode)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var addresses = responses.SelectMany(r => r.Addresses).Distinct(StringComparer.Ordinal).ToList();
        return new DnsNameSeen(messages[0].Name, queries, responses.Count, responses.Count > 0, rcodes, addresses, Evidence.Sorted(messages.Select(m => m.Capture.At(m.Frame))));
    }

    private static string Rcode(int code) => code switch
    {
        0 => "no-error",
        1 => "format-error",
        2 => "server-failure",
        3 => "nxdomain",
        5 => "refused",
        _ => "rcode-" + code.ToString(CultureInfo.InvariantCulture),
    };
}
