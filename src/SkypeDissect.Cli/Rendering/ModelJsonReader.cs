using System.Globalization;
using System.Text.Json;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Rendering;

/// <summary>
/// Reads a signature file: the JSON <see cref="ModelJson"/> writes (<c>signatures --format json</c>, <c>learn --emit
/// V.json</c>) back into client versions. Rules are read through their kind's descriptor: the common part, then each
/// of the kind's parameters by its type, then the kind makes the rule; no kind is named here. Values the writer
/// derives (a range's first, last and count, a group's servers, a pattern's names) are ignored. A problem of the
/// file's shape is returned with its path inside the file (<c>versions[0].rules[3].gate</c>); whether the values make
/// sense is for <see cref="ModelValidator"/>.
/// </summary>
public static class ModelJsonReader
{
    public sealed record Result(IReadOnlyList<ClientVersion> Versions, IReadOnlyList<ModelProblem> Problems);

    private sealed class ShapeException(string path, string message) : Exception(message)
    {
        public string Path { get; } = path;
    }

    public static Result Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return new([], [new($"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}", "not valid JSON: " + FirstSentence(ex.Message))]);
        }

        using (document)
        {
            try
            {
                var versions = Array(document.RootElement, "versions", "").Select((v, i) => Version(v, $"versions[{i}]")).ToList();
                return new(versions, []);
            }
            catch (ShapeException ex)
            {
                return new([], [new(ex.Path, ex.Message)]);
            }
        }
    }

    private static ClientVersion Version(JsonElement v, string path) => new(
        Text(v, "id", path),
        Text(v, "description", path),
        [.. Array(v, "steps", path).Select((s, i) => Step(s, $"{path}.steps[{i}]"))],
        [.. Array(v, "groups", path).Select((g, i) => Group(g, $"{path}.groups[{i}]"))],
        Procedure(Object(v, "procedure", path), $"{path}.procedure"),
        [.. Array(v, "rules", path).Select((r, i) => Rule(r, $"{path}.rules[{i}]"))],
        [.. Array(v, "inconsistencies", path).Select((x, i) => Inconsistency(x, $"{path}.inconsistencies[{i}]"))],
        Provenance(v, path));

    private static LoginStep Step(JsonElement s, string path) => new(
        Integer(s, "number", path), Text(s, "title", path), [.. Array(s, "groups", path).Select((g, i) => String(g, $"{path}.groups[{i}]"))], Provenance(s, path));

    private static ServerGroup Group(JsonElement g, string path) => new(
        Text(g, "id", path),
        Text(g, "name", path),
        Text(g, "function", path),
        [.. Array(g, "domains", path).Select((d, i) => Domain(d, $"{path}.domains[{i}]"))],
        OptionalInteger(g, "answerAddresses", path),
        [.. Array(g, "ranges", path).Select((r, i) => Range(r, $"{path}.ranges[{i}]"))],
        [.. Array(g, "endpoints", path).Select((e, i) => Endpoint(e, $"{path}.endpoints[{i}]"))],
        Optional(g, "features") is { } f ? Features(f, $"{path}.features") : null,
        [.. Array(g, "examples", path).Select((x, i) => new ExampleAddress(Text(x, "address", $"{path}.examples[{i}]"), Text(x, "what", $"{path}.examples[{i}]"), Provenance(x, $"{path}.examples[{i}]")))],
        Provenance(g, path));

    private static ServerFeatures Features(JsonElement f, string path) => new(
        Text(f, "operatingSystem", path),
        Text(f, "deviceType", path),
        [.. Array(f, "openTcpPorts", path).Select((p, i) => Ports(String(p, $"{path}.openTcpPorts[{i}]"), $"{path}.openTcpPorts[{i}]"))],
        Text(f, "service", path),
        Text(f, "serviceVersion", path),
        Provenance(f, path));

    private static LoginProcedure Procedure(JsonElement p, string path) => new(
        [.. Array(p, "ladder", path).Select((r, i) => Rung(r, $"{path}.ladder[{i}]"))],
        Ports(Text(p, "channelPorts", path), $"{path}.channelPorts"),
        Number(p, "retryIntervalSeconds", path),
        Number(p, "newRoundGapSeconds", path),
        Number(p, "loginWindowSeconds", path),
        [.. Array(p, "provenance", path).Select((x, i) => ProvenanceOf(x, $"{path}.provenance[{i}]"))]);

    private static FallbackRung Rung(JsonElement r, string path) => new(
        Text(r, "stage", path), TransportOf(r, path), Integer(r, "port", path), Integer(r, "attempts", path), OptionalInteger(r, "packetBytes", path), Provenance(r, path));

    private static Inconsistency Inconsistency(JsonElement x, string path) => new(
        Text(x, "id", path),
        Text(x, "subject", path),
        [.. Array(x, "readings", path).Select((r, i) => new Reading(Text(r, "text", $"{path}.readings[{i}]"), Provenance(r, $"{path}.readings[{i}]")))],
        Text(x, "modelUses", path),
        Text(x, "why", path));

    /// <summary>The common part of a rule, then the kind's parameters in its descriptor's order; the kind makes the rule.</summary>
    private static Rule Rule(JsonElement r, string path)
    {
        var kindName = Text(r, "kind", path);
        var kind = RuleKinds.Named(kindName)
            ?? throw new ShapeException($"{path}.kind", $"unknown kind '{kindName}'; known: {string.Join(", ", RuleKinds.All.Select(k => k.Name))}");
        var endpoints = kind.Endpoints == EndpointUse.None ? [] : Array(r, "endpoints", path).Select((e, i) => Endpoint(e, $"{path}.endpoints[{i}]")).ToList();
        var head = new RuleHead(Text(r, "id", path), Integer(r, "step", path), Text(r, "group", path), GateOf(r, path), endpoints, Text(r, "description", path), Provenance(r, path));
        var values = kind.Parameters.Select(p => Parameter(r, p, path)).ToList();
        return kind.Create(head, values);
    }

    private static object? Parameter(JsonElement r, ParameterSpec spec, string path)
    {
        if (Optional(r, spec.Name) is null)
        {
            return spec.Optional ? null : throw new ShapeException($"{path}.{spec.Name}", "is missing");
        }

        return spec.Type switch
        {
            ParameterType.Text or ParameterType.RuleRef => Text(r, spec.Name, path),
            ParameterType.Integer => Integer(r, spec.Name, path),
            ParameterType.Seconds => Number(r, spec.Name, path),
            ParameterType.Domain => Domain(Object(r, spec.Name, path), $"{path}.{spec.Name}"),
            ParameterType.Ranges => Array(r, spec.Name, path).Select((x, i) => Range(x, $"{path}.{spec.Name}[{i}]")).ToList(),
            _ => throw new ShapeException($"{path}.{spec.Name}", $"parameter type {spec.Type} cannot be read"),
        };
    }

    private static DomainPattern Domain(JsonElement d, string path) => new(Text(d, "pattern", path), Provenance(d, path));

    private static AddressRange Range(JsonElement r, string path) => new(
        Text(r, "network", path), Integer(r, "firstHost", path), Integer(r, "lastHost", path), Text(r, "organisation", path), Text(r, "country", path), Provenance(r, path));

    private static Endpoint Endpoint(JsonElement e, string path) =>
        new(Text(e, "id", path), TransportOf(e, path), Ports(Text(e, "ports", path), $"{path}.ports"), Provenance(e, path));

    private static PortRange Ports(string text, string path)
    {
        var parts = text.Split('-');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return new PortRange(first, last);
        }

        throw new ShapeException(path, $"'{text}' is not a port or a port range like 40001-40047");
    }

    private static Transport TransportOf(JsonElement e, string path) => Text(e, "transport", path) switch
    {
        "udp" => Transport.Udp,
        "tcp" => Transport.Tcp,
        var other => throw new ShapeException($"{path}.transport", $"'{other}' is not udp or tcp"),
    };

    private static Gate GateOf(JsonElement r, string path)
    {
        var text = Text(r, "gate", path);
        foreach (var gate in Enum.GetValues<Gate>())
        {
            if (Kebab(gate.ToString()) == text)
            {
                return gate;
            }
        }

        throw new ShapeException($"{path}.gate", $"unknown gate '{text}'; known: {string.Join(", ", Enum.GetValues<Gate>().Select(g => Kebab(g.ToString())))}");
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static Provenance Provenance(JsonElement owner, string path) => ProvenanceOf(Object(owner, "provenance", path), $"{path}.provenance");

    private static Provenance ProvenanceOf(JsonElement p, string path) =>
        new(Text(p, "source", path), Text(p, "where", path), Optional(p, "note") is { } n ? String(n, $"{path}.note") : null);

    private static JsonElement? Optional(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static JsonElement Required(JsonElement owner, string name, string path) =>
        owner.ValueKind != JsonValueKind.Object
            ? throw new ShapeException(path.Length == 0 ? "(top)" : path, "must be an object")
            : Optional(owner, name) ?? throw new ShapeException(Join(path, name), "is missing");

    private static JsonElement Object(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        return value.ValueKind == JsonValueKind.Object ? value : throw new ShapeException(Join(path, name), "must be an object");
    }

    private static IEnumerable<JsonElement> Array(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw new ShapeException(Join(path, name), "must be a list");
    }

    private static string Text(JsonElement owner, string name, string path) => String(Required(owner, name, path), Join(path, name));

    private static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new ShapeException(path, "must be text");

    private static int Integer(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : throw new ShapeException(Join(path, name), "must be a whole number");
    }

    private static int? OptionalInteger(JsonElement owner, string name, string path) => Optional(owner, name) is null ? null : Integer(owner, name, path);

    private static double Number(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new ShapeException(Join(path, name), "must be a number");
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
