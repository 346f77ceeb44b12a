namespace SkypeDissect.Cli.Rendering;

/// <summary>Cell escaping and column alignment shared by the table, TSV and CSV writers.</summary>
public static class TextCells
{
    /// <summary>A free-text cell: quoted for CSV when needed; for TSV, tabs and line breaks become spaces (one row per line).</summary>
    public static string Delimited(string text, char separator)
    {
        if (separator == '\t')
        {
            return text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>
    /// Text for a terminal: control characters (C0, DEL, C1) and the backslash escaped as JSON escapes them
    /// (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c>, <c>\\</c>, others <c>\u001B</c>), so that no text from a capture or a file
    /// name can move the cursor, clear the screen or hide a line.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(c => c == '\\' || char.IsControl(c)))
        {
            return text;
        }

        var b = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return b.ToString();
    }

    /// <summary>"1 frame", "2 frames", "1 query", "3 queries": a count with its noun in the right number.</summary>
    public static string Count(long n, string one, string? many = null) =>
        n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");

    /// <summary>One aligned table row: every cell but the last padded to its column's width.</summary>
    public static string Aligned(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
