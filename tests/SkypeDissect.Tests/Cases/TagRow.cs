using System.Globalization;
using System.Text;

namespace SkypeDissect.Tests.Cases;

/// <summary>One row of expected.tsv: a tagged frame and its tag.</summary>
public sealed record TagRow(long Frame, int Step, string Group, string Rule, string Version)
{
    public const string Header = "frame\tstep\tgroup\trule\tversion";

    public string Tag => string.Create(CultureInfo.InvariantCulture, $"{Step} {Group} {Rule} {Version}");

    public string ToTsv() => string.Create(CultureInfo.InvariantCulture, $"{Frame}\t{Step}\t{Group}\t{Rule}\t{Version}");

    /// <summary>Parses the five columns of a row; <paramref name="where"/> names the source in the error.</summary>
    public static TagRow Parse(IReadOnlyList<string> columns, string where)
    {
        if (columns.Count != 5
            || !long.TryParse(columns[0], NumberStyles.None, CultureInfo.InvariantCulture, out var frame)
            || !int.TryParse(columns[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            throw new FormatException($"{where}: expected 'frame step group rule version', got '{string.Join("\\t", columns)}'");
        }

        return new TagRow(frame, step, columns[2], columns[3], columns[4]);
    }
}

/// <summary>Reading, writing and comparing files of <see cref="TagRow"/>s.</summary>
public static class TagRows
{
    /// <summary>Reads expected.tsv: the header, then one row per tagged frame, LF line ends.</summary>
    public static IReadOnlyList<TagRow> Read(string path)
    {
        var lines = File.ReadAllText(path).Split('\n');
        if (lines[0] != TagRow.Header)
        {
            throw new FormatException($"{path}: first line must be the header '{TagRow.Header.Replace("\t", "\\t", StringComparison.Ordinal)}'");
        }

        return [.. lines.Skip(1).Select((line, i) => (line, i)).Where(x => x.line.Length > 0)
            .Select(x => TagRow.Parse(x.line.Split('\t'), $"{path}:{x.i + 2}"))];
    }

    /// <summary>Writes rows sorted by frame, header first, LF line ends: the format <see cref="Read"/> accepts.</summary>
    public static void Write(string path, IEnumerable<TagRow> rows)
    {
        var text = new StringBuilder(TagRow.Header).Append('\n');
        foreach (var row in rows.OrderBy(r => r.Frame))
        {
            text.Append(row.ToTsv()).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>
    /// The frames where two row sets differ, one line each: <c>frame 36: expected 1 login-server ..., got untagged</c>.
    /// Empty when they agree. Long differences are cut after <paramref name="maxLines"/> lines, with the total.
    /// </summary>
    /// <param name="describe">Optional: what a frame is (its scenario note), appended to its line.</param>
    public static string Difference(IReadOnlyList<TagRow> expected, IReadOnlyList<TagRow> actual, Func<long, string?>? describe = null, int maxLines = 40)
    {
        var lines = new List<string>();
        foreach (var duplicate in actual.GroupBy(r => r.Frame).Where(g => g.Count() > 1))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"frame {duplicate.Key}: tagged {duplicate.Count()} times ({string.Join("; ", duplicate.Select(r => r.Tag))})"));
        }

        var want = expected.GroupBy(r => r.Frame).ToDictionary(g => g.Key, g => g.First());
        var got = actual.GroupBy(r => r.Frame).ToDictionary(g => g.Key, g => g.First());
        foreach (var frame in want.Keys.Union(got.Keys).Order())
        {
            var e = want.GetValueOrDefault(frame);
            var a = got.GetValueOrDefault(frame);
            if (e != a)
            {
                var what = describe?.Invoke(frame) is { } note ? $"  [{note}]" : "";
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"frame {frame}: expected {e?.Tag ?? "untagged"}, got {a?.Tag ?? "untagged"}{what}"));
            }
        }

        if (lines.Count == 0)
        {
            return "";
        }

        var shown = lines.Take(maxLines).ToList();
        if (lines.Count > maxLines)
        {
            shown.Add($"... and {lines.Count - maxLines} more differing frames");
        }

        return $"{lines.Count} differing frame(s) (expected {expected.Count} tagged, got {actual.Count}):\n" + string.Join("\n", shown);
    }
}
