namespace SkypeDissect.Model;

/// <summary>
/// http-request: a TCP segment to one of the endpoints whose payload starts with <c>Method SP</c> and whose first
/// line contains <paramref name="LineContains"/> (ASCII case-insensitive).
/// </summary>
public sealed record HttpRequestRule(
    string Id, int Step, string Group, Gate Gate, string Method, string LineContains, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    public static RuleKind Descriptor { get; } = new()
    {
        Name = "http-request",
        Needs = FrameNeeds.Tcp | FrameNeeds.DestinationPort,
        TcpOnly = "HTTP requests are TCP",
        Parameters = [new("method", ParameterType.Text), new("lineContains", ParameterType.Text)],
        Create = (h, p) => new HttpRequestRule(h.Id, h.Step, h.Group, h.Gate, (string)p[0]!, (string)p[1]!, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], Method), new(Descriptor.Parameters[1], LineContains)];

    public override string Evidence => $"{Method} line with \"{LineContains}\" on {EndpointText}";

    public override IEnumerable<ModelProblem> CheckParameters(string path)
    {
        if (Method.Length == 0 || !Method.All(char.IsAsciiLetterUpper))
        {
            yield return new($"{path}.method", "must be an upper-case HTTP method");
        }

        if (LineContains.Length == 0 || LineContains.Length > 200 || LineContains.Any(c => c <= ' ' || c > '~'))
        {
            yield return new($"{path}.lineContains", "must be 1-200 printable ASCII characters without spaces");
        }
    }
}
