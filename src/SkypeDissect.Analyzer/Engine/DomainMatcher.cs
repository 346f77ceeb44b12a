using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// Matches a lowercased DNS name against a <see cref="DomainPattern"/> (docs/tagging.md 3.1): literals
/// compare whole and ASCII case-insensitively, <c>{a-b}</c> is a decimal without leading zeros in range,
/// <c>{build}</c> two to four dot-separated numbers of 1-5 digits, <c>{label}</c> one whole label of 1-63
/// of <c>[a-z0-9_-]</c> or the single character <c>*</c>. Backtracking over the few tokens
/// tries every split, so a number followed by literal digits still matches when some split fits.
/// </summary>
internal sealed class DomainMatcher
{
    private readonly Token[] tokens;

    public DomainMatcher(DomainPattern pattern)
    {
        tokens = pattern.Tokens.Select(Compile).ToArray();
    }

    /// <summary><paramref name="name"/> must already be ASCII-lowercased.</summary>
    public bool Matches(ReadOnlySpan<byte> name) => Match(name, 0);

    private static Token Compile(DomainToken token) => token switch
    {
        DomainToken.Literal l => new Token(TokenKind.Literal, Encoding.ASCII.GetBytes(l.Text.ToLowerInvariant()), 0, 0),
        DomainToken.Number n => new Token(TokenKind.Number, [], n.Min, n.Max),
        DomainToken.Build => new Token(TokenKind.Build, [], 0, 0),
        DomainToken.Label => new Token(TokenKind.Label, [], 0, 0),
        _ => throw new ArgumentException($"unknown domain token {token}"),
    };

    private bool Match(ReadOnlySpan<byte> rest, int index)
    {
        if (index == tokens.Length)
        {
            return rest.IsEmpty;
        }

        var token = tokens[index];
        switch (token.Kind)
        {
            case TokenKind.Literal:
                return rest.StartsWith(token.Text) && Match(rest[token.Text.Length..], index + 1);
            case TokenKind.Number:
                for (var digits = 1; digits <= Math.Min(5, rest.Length) && IsDigit(rest[digits - 1]); digits++)
                {
                    if (InRange(rest[..digits], token.Min, token.Max) && Match(rest[digits..], index + 1))
                    {
                        return true;
                    }
                }

                return false;
            case TokenKind.Label:
                var end = rest.IndexOf((byte)'.');
                end = end < 0 ? rest.Length : end;
                return IsLabel(rest[..end]) && Match(rest[end..], index + 1);
            default:
                return MatchBuild(rest, index + 1, 1);
        }
    }

    /// <summary>Part <paramref name="part"/> (1-based) of a build number starts at <paramref name="rest"/>.</summary>
    private bool MatchBuild(ReadOnlySpan<byte> rest, int next, int part)
    {
        for (var digits = 1; digits <= Math.Min(5, rest.Length) && IsDigit(rest[digits - 1]); digits++)
        {
            var after = rest[digits..];
            if (part >= 2 && Match(after, next))
            {
                return true;
            }

            if (part < 4 && after.Length > 1 && after[0] == (byte)'.' && MatchBuild(after[1..], next, part + 1))
            {
                return true;
            }
        }

        return false;
    }

    // The parser makes {label} a whole label, so it ends at the next dot or the end of the name.
    private static bool IsLabel(ReadOnlySpan<byte> label)
    {
        if (label.Length == 1 && label[0] == (byte)'*')
        {
            return true;
        }

        if (label.Length is < 1 or > DomainToken.Label.MaxLength)
        {
            return false;
        }

        foreach (var b in label)
        {
            if (!(b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool InRange(ReadOnlySpan<byte> digits, int min, int max)
    {
        if (digits.Length > 1 && digits[0] == (byte)'0')
        {
            return false;
        }

        var value = 0;
        foreach (var d in digits)
        {
            value = (value * 10) + (d - '0');
        }

        return value >= min && value <= max;
    }

    private enum TokenKind
    {
        Literal,
        Number,
        Build,
        Label,
    }

    private readonly record struct Token(TokenKind Kind, byte[] Text, int Min, int Max);
}
