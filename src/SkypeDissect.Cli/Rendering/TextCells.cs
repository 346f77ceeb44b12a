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

    /// <summary>"1 frame", "2 frames", "1 query", "3 queries": a count with its noun in the right number.</summary>
    public static string Count(long n, string one, string? many = null) =>
        n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");

    /// <summary>One aligned table row: every cell but the last padded to its column's width.</summary>
    public static string Aligned(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
