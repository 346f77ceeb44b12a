using System.Globalization;
using System.Text;

namespace SkypeDissect.Model;

/// <summary>
/// A family of DNS names, written as text with placeholders:
/// <c>{0-17}</c> is a decimal number in that inclusive range (no leading zeros), <c>{build}</c> is a
/// dotted client build number of two to four parts (<c>166.0.10.5</c>), <c>{label}</c> is one whole DNS label
/// (1-63 letters, digits, <c>-</c> or <c>_</c>, or the single character <c>*</c>). Everything else is literal and
/// compared without regard to ASCII case, as DNS does.
/// </summary>
public sealed record DomainPattern(string Pattern, Provenance Provenance)
{
    /// <summary>The pattern split into literal text and placeholders; throws <see cref="FormatException"/> when malformed.</summary>
    public IReadOnlyList<DomainToken> Tokens => DomainToken.Parse(Pattern);

    /// <summary>How many names the pattern stands for, counting each number placeholder's range (a build or a label counts once).</summary>
    public int NameCount => Tokens.OfType<DomainToken.Number>().Aggregate(1, (n, t) => n * (t.Max - t.Min + 1));

    public override string ToString() => Pattern;
}

/// <summary>One piece of a <see cref="DomainPattern"/>.</summary>
public abstract record DomainToken
{
    private DomainToken()
    {
    }

    public sealed record Literal(string Text) : DomainToken;

    public sealed record Number(int Min, int Max) : DomainToken;

    public sealed record Build : DomainToken;

    /// <summary>One whole DNS label: 1-63 of <c>[a-z0-9_-]</c> (names are lowercased), or the single character <c>*</c>.</summary>
    public sealed record Label : DomainToken
    {
        public const int MaxLength = 63;
    }

    public static IReadOnlyList<DomainToken> Parse(string pattern)
    {
        var tokens = new List<DomainToken>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '}')
            {
                throw new FormatException($"unmatched '}}' at {i}");
            }

            if (c != '{')
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_'))
                {
                    throw new FormatException($"character '{c}' at {i} is not allowed in a domain pattern");
                }

                literal.Append(char.ToLowerInvariant(c));
                i++;
                continue;
            }

            var close = pattern.IndexOf('}', i);
            if (close < 0)
            {
                throw new FormatException($"unclosed '{{' at {i}");
            }

            if (literal.Length > 0)
            {
                tokens.Add(new Literal(literal.ToString()));
                literal.Clear();
            }

            if (tokens.Count > 0 && tokens[^1] is not Literal)
            {
                throw new FormatException($"placeholder at {i} must be separated from the previous one by literal text");
            }

            tokens.Add(ParsePlaceholder(pattern[(i + 1)..close], i));
            i = close + 1;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new Literal(literal.ToString()));
        }

        if (tokens.Count == 0)
        {
            throw new FormatException("empty pattern");
        }

        CheckWholeLabels(tokens);
        return tokens;
    }

    // {label} stands for a whole label, so the name's dots bound it and no split is ambiguous.
    private static void CheckWholeLabels(List<DomainToken> tokens)
    {
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k] is not Label)
            {
                continue;
            }

            var before = k == 0 || (tokens[k - 1] is Literal b && b.Text.EndsWith('.'));
            var after = k == tokens.Count - 1 || (tokens[k + 1] is Literal a && a.Text.StartsWith('.'));
            if (!before || !after)
            {
                throw new FormatException("{label} must be a whole label: between dots or at an end of the name");
            }
        }
    }

    private static DomainToken ParsePlaceholder(string body, int at)
    {
        if (body == "build")
        {
            return new Build();
        }

        if (body == "label")
        {
            return new Label();
        }

        var dash = body.IndexOf('-');
        if (dash > 0
            && int.TryParse(body[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(body[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            if (min > max || max > 99999)
            {
                throw new FormatException($"number range {{{body}}} at {at} must have 0 <= min <= max <= 99999");
            }

            return new Number(min, max);
        }

        throw new FormatException($"placeholder {{{body}}} at {at} is none of {{build}}, {{label}}, {{min-max}}");
    }
}
