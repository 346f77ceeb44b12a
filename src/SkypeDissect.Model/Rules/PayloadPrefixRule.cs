using System.Globalization;

namespace SkypeDissect.Model;

/// <summary>
/// payload-prefix: the first payload-carrying TCP segment a client sends on a connection starts with
/// <paramref name="Prefix"/> (two-digit hex bytes separated by single spaces, 1-64 bytes, like <c>16 03 01 00 00</c>)
/// and, when <paramref name="ExactLength"/> is given, has exactly that many payload bytes. The client is the sender;
/// with endpoints its destination port must fit one, without endpoints any port does (then the gate must not be
/// <see cref="Gate.None"/>). The rest of the connection follows by flow memory.
/// </summary>
public sealed record PayloadPrefixRule(
    string Id, int Step, string Group, Gate Gate, string Prefix, int? ExactLength, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    /// <summary>Most bytes a prefix may have.</summary>
    public const int MaxPrefixBytes = 64;

    public static RuleKind Descriptor { get; } = new()
    {
        Name = "payload-prefix",
        Needs = FrameNeeds.Tcp | FrameNeeds.FirstPayload | FrameNeeds.DestinationPort,
        Keeps = KindState.PayloadSeen,
        Endpoints = EndpointUse.Optional,
        TcpOnly = "payload prefixes are matched on TCP",
        AnyPortGateNeeded = "a payload-prefix rule on any port needs a gate: a few bytes alone are weak evidence",
        Parameters = [new("prefix", ParameterType.Text), new("exactLength", ParameterType.Integer, Optional: true)],
        Create = (h, p) => new PayloadPrefixRule(h.Id, h.Step, h.Group, h.Gate, (string)p[0]!, (int?)p[1], h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], Prefix), new(Descriptor.Parameters[1], ExactLength)];

    public override string Evidence =>
        $"client's first payload {Prefix}{(ExactLength is { } n ? $" ({n.ToString(CultureInfo.InvariantCulture)} bytes)" : "")} on {(Endpoints.Count == 0 ? "any port" : EndpointText)}";

    /// <summary>The prefix as bytes; throws <see cref="FormatException"/> when malformed.</summary>
    public IReadOnlyList<byte> PrefixBytes => ParseHex(Prefix);

    public override IEnumerable<ModelProblem> CheckParameters(string path)
    {
        var length = 0;
        string? error = null;
        try
        {
            length = PrefixBytes.Count;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
        }

        if (error is not null)
        {
            yield return new($"{path}.prefix", $"{error}: write 1-{MaxPrefixBytes} two-digit hex bytes separated by single spaces, like 16 03 01 00 00");
        }

        if (ExactLength is { } exact && (exact < Math.Max(1, length) || exact > 65535))
        {
            yield return new($"{path}.exactLength", "must be at least the prefix's length and at most 65535 when given");
        }
    }

    /// <summary>Parses <c>16 03 01</c>: 1-64 two-digit hex numbers separated by single spaces.</summary>
    public static byte[] ParseHex(string text)
    {
        var parts = text.Split(' ');
        if (text.Length == 0 || parts.Length > MaxPrefixBytes)
        {
            throw new FormatException($"must be 1-{MaxPrefixBytes} bytes");
        }

        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new FormatException($"byte {i + 1} '{parts[i]}' is not two hex digits");
            }
        }

        return bytes;
    }
}
