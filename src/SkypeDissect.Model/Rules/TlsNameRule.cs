namespace SkypeDissect.Model;

/// <summary>
/// tls-name: a TLS handshake on a TCP connection to one of the endpoints names a server matching
/// <paramref name="Domain"/>: the server name of the client's ClientHello, or the common name or a DNS name of
/// the subject alternative names of the server's certificate (docs/tagging.md 3.5). The client is the side that
/// is not on the endpoint's port; the connection is tagged from the frame that makes the name known, and its
/// later frames follow by flow memory.
/// </summary>
public sealed record TlsNameRule(
    string Id, int Step, string Group, Gate Gate, DomainPattern Domain, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Endpoints, Description, Provenance)
{
    /// <summary>Names count only from frames whose segment lies within this many bytes of the start of its direction.</summary>
    public const int HandshakeBytes = 16384;

    /// <summary>
    /// The TCP ports Wireshark 3.6 to 4.4 hand to its TLS dissector by default (https, smtps, ldaps, dns over
    /// TLS, imaps, pop3s, sips). On other ports Wireshark finds TLS only by heuristics, which the analyzer does
    /// not follow, so a rule may not name them.
    /// </summary>
    public static IReadOnlyList<int> TlsPorts { get; } = [443, 465, 636, 853, 993, 995, 5061];

    public static RuleKind Descriptor { get; } = new()
    {
        Name = "tls-name",
        Needs = FrameNeeds.Tcp | FrameNeeds.TlsNames,
        Keeps = KindState.TlsHandshakes,
        TcpOnly = "TLS names are read from TCP connections",
        Parameters = [new("domain", ParameterType.Domain)],
        Create = (h, p) => new TlsNameRule(h.Id, h.Step, h.Group, h.Gate, (DomainPattern)p[0]!, h.Endpoints, h.Description, h.Provenance),
    };

    public override RuleKind Kind => Descriptor;

    public override IReadOnlyList<RuleParameter> Parameters => [new(Descriptor.Parameters[0], Domain)];

    public override string Evidence => $"TLS server name or certificate {Domain.Pattern} on {EndpointText}";

    public override IEnumerable<ModelProblem> CheckParameters(string path)
    {
        // UDP endpoints are refused by the descriptor (TcpOnly).
        foreach (var e in Endpoints.Where(e => e.Transport == Transport.Tcp && (e.Ports.Count != 1 || !TlsPorts.Contains(e.Ports.First))))
        {
            yield return new($"{path}.endpoints[{e.Id}].ports",
                $"{e.Ports} is not a port Wireshark dissects as TLS without heuristics; use one of {string.Join(", ", TlsPorts)}, one port per endpoint");
        }
    }
}
