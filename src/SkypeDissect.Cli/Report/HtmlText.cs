using System.Globalization;
using System.Text;

namespace SkypeDissect.Cli.Report;

/// <summary>Text for the report's HTML and SVG: escaped, culture-invariant, control characters removed.</summary>
public static class HtmlText
{
    /// <summary>Escapes text for an element or a double-quoted attribute.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var b = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': b.Append("&amp;"); break;
                case '<': b.Append("&lt;"); break;
                case '>': b.Append("&gt;"); break;
                case '"': b.Append("&quot;"); break;
                case '\'': b.Append("&#39;"); break;
                case '\n': b.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.ToString();
    }

    /// <summary>A pixel coordinate with at most one decimal.</summary>
    public static string Px(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds from a session's start: one to three decimals.</summary>
    public static string Offset(double seconds) =>
        "+" + seconds.ToString("0.0##", CultureInfo.InvariantCulture) + " s";
}
