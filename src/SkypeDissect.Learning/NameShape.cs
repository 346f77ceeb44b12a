using System.Globalization;
using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>One piece of a DNS name as the learner generalises it.</summary>
internal abstract record NamePart
{
    private NamePart()
    {
    }

    public sealed record Literal(string Text) : NamePart;

    /// <summary>A decimal number the grammar can hold (1-5 digits, no leading zero).</summary>
    public sealed record Number(int Value, int Digits) : NamePart;

    /// <summary>Two or more leading all-digit labels: a client build such as 335.0.7.7.3.</summary>
    public sealed record Build(IReadOnlyList<string> Parts) : NamePart;
}

/// <summary>
/// A DNS name split into literal text, numbers and a leading build. Names with the same <see cref="Key"/>
/// (numbers as <c>{n}</c>, the build as <c>{build}</c>) form a family: the same server function under
/// another index, another build, on another day. The key uses the skeleton of the model's domain patterns,
/// so a family and a base pattern of the same shape compare directly.
/// </summary>
internal sealed record NameShape(string Name, string Key, IReadOnlyList<NamePart> Parts)
{
    /// <summary>The grammar's numbers have at most 5 digits (docs/tagging.md 3.1); longer runs stay literal.</summary>
    public const int MaxDigits = 5;

    public static NameShape Of(string name)
    {
        var parts = new List<NamePart>();
        var labels = name.Split('.');
        var buildLabels = labels.TakeWhile(IsBuildLabel).Count();
        var rest = name;
        if (buildLabels >= 2 && buildLabels < labels.Length)
        {
            parts.Add(new NamePart.Build(labels[..buildLabels]));
            rest = "." + string.Join('.', labels[buildLabels..]);
        }

        SplitText(rest, parts);
        return new NameShape(name, KeyOf(parts), parts);
    }

    /// <summary>The skeleton of a model pattern, comparable with <see cref="Key"/>.</summary>
    public static string KeyOf(DomainPattern pattern) =>
        string.Concat(pattern.Tokens.Select(t => t switch
        {
            DomainToken.Literal l => l.Text,
            DomainToken.Number => "{n}",
            DomainToken.Label => "{label}",
            _ => "{build}",
        }));

    public IEnumerable<NamePart.Number> Numbers => Parts.OfType<NamePart.Number>();

    public NamePart.Build? BuildPart => Parts.OfType<NamePart.Build>().FirstOrDefault();

    /// <summary>All labels after the first, for example <c>gateway.messenger.live.com</c>.</summary>
    public string Parent => Name.Contains('.') ? Name[(Name.IndexOf('.') + 1)..] : "";

    /// <summary>The last two labels (the registered domain for .com and .net names).</summary>
    public string Domain => string.Join('.', Name.Split('.').TakeLast(2));

    // Braces of the text are doubled, so that literal text never reads as a placeholder ("dsn{n}" is not "dsn4").
    private static string KeyOf(List<NamePart> parts) =>
        string.Concat(parts.Select(p => p switch
        {
            NamePart.Literal l => l.Text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal),
            NamePart.Number => "{n}",
            _ => "{build}",
        }));

    private static bool IsBuildLabel(string label) =>
        label.Length is >= 1 and <= MaxDigits && label.All(char.IsAsciiDigit);

    private static void SplitText(string text, List<NamePart> parts)
    {
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                literal.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var digits = text[start..i];
            if (digits.Length > MaxDigits || (digits.Length > 1 && digits[0] == '0') || (literal.Length == 0 && parts.Count > 0))
            {
                literal.Append(digits); // the grammar cannot hold it, or two placeholders would touch
                continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(new NamePart.Literal(literal.ToString()));
                literal.Clear();
            }

            parts.Add(new NamePart.Number(int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture), digits.Length));
        }

        if (literal.Length > 0)
        {
            parts.Add(new NamePart.Literal(literal.ToString()));
        }
    }
}
