namespace SkypeDissect.Cli.Rendering;

/// <summary>
/// A JSON array of session objects written one object at a time, byte for byte as <see cref="SessionData.JsonArray"/>
/// renders the whole array (indented elements, LF, a final line end), so that sessions stream out.
/// </summary>
public sealed class JsonSessionArray(TextWriter output)
{
    private bool first = true;

    public void Add(Dictionary<string, object?> session)
    {
        output.Write(first ? "[\n" : ",\n");
        first = false;
        var lines = SessionData.JsonObject(session).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            output.Write(i == 0 ? "  " : "\n  ");
            output.Write(lines[i]);
        }
    }

    public void End() => output.Write(first ? "[]\n" : "\n]\n");
}
