using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SkypeDissect.Cli.Rendering;

/// <summary>
/// Writes a graph of plain objects as indented JSON: strings, numbers, booleans, enums, dictionaries,
/// sequences, and objects by their public properties. It replaces System.Text.Json's reflection serializer,
/// which needs code generated at run time and so fails in the Native AOT build of the tool; what it writes
/// is what that serializer wrote for the same options (the JSON golden tests and the AOT smoke test in
/// tests/run.sh compare the two builds' outputs).
/// </summary>
internal sealed class JsonGraph
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Property names are camelCase (dictionary keys are written as they are).</summary>
    public bool CamelCase { get; init; }

    /// <summary>Properties whose value is null are left out (dictionary entries never are).</summary>
    public bool SkipNullProperties { get; init; }

    /// <summary>Enum values as kebab-case strings; otherwise as numbers.</summary>
    public bool EnumsAsKebabStrings { get; init; }

    /// <summary>Doubles rounded to this many decimals (null: as they are).</summary>
    public int? RoundDoubles { get; init; }

    /// <summary>The value as JSON text with LF line ends and a final LF.</summary>
    public string Render(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case uint u: w.WriteNumberValue(u); break;
            case ulong u: w.WriteNumberValue(u); break;
            case short s: w.WriteNumberValue(s); break;
            case ushort u: w.WriteNumberValue(u); break;
            case byte b: w.WriteNumberValue(b); break;
            case sbyte b: w.WriteNumberValue(b); break;
            case double d: w.WriteNumberValue(RoundDoubles is { } digits ? Math.Round(d, digits) : d); break;
            case float f: w.WriteNumberValue(f); break;
            case decimal m: w.WriteNumberValue(m); break;
            case Enum e: WriteEnum(w, e); break;
            case IDictionary map: WriteDictionary(w, map); break;
            case IEnumerable items: WriteArray(w, items); break;
            default: WriteObject(w, value); break;
        }
    }

    private void WriteEnum(Utf8JsonWriter w, Enum e)
    {
        if (EnumsAsKebabStrings)
        {
            w.WriteStringValue(JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()));
        }
        else
        {
            w.WriteNumberValue(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private void WriteDictionary(Utf8JsonWriter w, IDictionary map)
    {
        w.WriteStartObject();
        foreach (DictionaryEntry entry in map)
        {
            w.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!);
            Write(w, entry.Value);
        }

        w.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter w, IEnumerable items)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            Write(w, item);
        }

        w.WriteEndArray();
    }

    private void WriteObject(Utf8JsonWriter w, object value)
    {
        w.WriteStartObject();
        foreach (var property in Properties(value.GetType()))
        {
            var member = property.GetValue(value);
            if (member is null && SkipNullProperties)
            {
                continue;
            }

            w.WritePropertyName(CamelCase ? JsonNamingPolicy.CamelCase.ConvertName(property.Name) : property.Name);
            Write(w, member);
        }

        w.WriteEndObject();
    }

    // As System.Text.Json orders them: the most derived type's properties first, each type in declaration order.
    // The types written here live in the tool's own assemblies, which the AOT build roots whole
    // (TrimmerRootAssembly in SkypeDissect.Cli.csproj), so their properties keep their metadata.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The written types' assemblies are rooted for trimming.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The written types' assemblies are rooted for trimming.")]
    private static IEnumerable<PropertyInfo> Properties(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                {
                    yield return p;
                }
            }
        }
    }
}
