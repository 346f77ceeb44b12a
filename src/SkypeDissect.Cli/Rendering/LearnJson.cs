using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkypeDissect.Analyzer.Learning;

namespace SkypeDissect.Cli.Rendering;

/// <summary>A learn report as JSON for programs: the report's members in camelCase, statuses as kebab-case strings.</summary>
public static class LearnJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new RoundedDouble() },
    };

    public static string Render(LearnReport report) => JsonSerializer.Serialize(report, Options).Replace("\r\n", "\n") + "\n";

    /// <summary>Times and delays to the microsecond: captures hold no finer time, and fewer digits keep the output stable.</summary>
    private sealed class RoundedDouble : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(Math.Round(value, 6));
    }
}
