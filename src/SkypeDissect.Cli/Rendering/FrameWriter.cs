using System.Globalization;
using System.Text;
using SkypeDissect.Analyzer;

namespace SkypeDissect.Cli.Rendering;

/// <summary>Per-frame tags as TSV, CSV or JSON, streamed row by row. A leading <c>file</c> column appears with several inputs.</summary>
public abstract class FrameWriter(TextWriter output, bool withFile)
{
    protected TextWriter Output { get; } = output;

    protected bool WithFile { get; } = withFile;

    public static FrameWriter Create(string format, TextWriter output, bool withFile) => format switch
    {
        "tsv" => new DelimitedFrameWriter(output, withFile, '\t'),
        "csv" => new DelimitedFrameWriter(output, withFile, ','),
        "json" => new JsonFrameWriter(output, withFile),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "tsv, csv or json"),
    };

    public abstract void Begin();

    public abstract void Write(string file, FrameTag tag);

    public abstract void End();
}

internal sealed class DelimitedFrameWriter(TextWriter output, bool withFile, char separator) : FrameWriter(output, withFile)
{
    private static readonly string[] Header = ["frame", "step", "group", "rule", "version"];

    public override void Begin()
    {
        Output.Write(WithFile ? "file" + separator : "");
        Output.Write(string.Join(separator, Header));
        Output.Write('\n');
    }

    public override void Write(string file, FrameTag t)
    {
        if (WithFile)
        {
            Output.Write(TextCells.Delimited(file, separator)); // file names are the only free text
            Output.Write(separator);
        }

        WriteNumber(t.Frame);
        Output.Write(separator);
        WriteNumber(t.Step);
        Output.Write(separator);
        Output.Write(t.Group);
        Output.Write(separator);
        Output.Write(t.Rule);
        Output.Write(separator);
        Output.Write(t.Version);
        Output.Write('\n');
    }

    public override void End()
    {
    }

    // TextWriter.Write(long) formats through a new string; a million rows would make a million of them.
    private void WriteNumber(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        Output.Write(digits[..length]);
    }
}

internal sealed class JsonFrameWriter(TextWriter output, bool withFile) : FrameWriter(output, withFile)
{
    private bool first = true;

    public override void Begin() => Output.Write('[');

    public override void Write(string file, FrameTag t)
    {
        Output.Write(first ? "\n  {" : ",\n  {");
        first = false;
        if (WithFile)
        {
            Output.Write("\"file\": ");
            Output.Write(Quote(file));
            Output.Write(", ");
        }

        Output.Write(string.Create(CultureInfo.InvariantCulture, $"\"frame\": {t.Frame}, \"step\": {t.Step}, "));
        Output.Write($"\"group\": {Quote(t.Group)}, \"rule\": {Quote(t.Rule)}, \"version\": {Quote(t.Version)}}}");
    }

    public override void End() => Output.Write(first ? "]\n" : "\n]\n");

    internal static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.Append('"').ToString();
    }
}
