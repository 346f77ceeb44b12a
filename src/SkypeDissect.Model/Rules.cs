namespace SkypeDissect.Model;

/// <summary>
/// The closed set of rule kinds. Each kind has exactly one C# evaluator (SkypeDissect.Analyzer) and one
/// Lua emitter (SkypeDissect.Generator plus a <c>match_&lt;kind&gt;</c> function in the template); a test
/// fails when either is missing. Adding a signature is data; adding a kind is code in both places.
/// </summary>
public enum RuleKind
{
    /// <summary>A DNS query or response on UDP port 53 whose first question matches a domain pattern.</summary>
    DnsName,

    /// <summary>Traffic between a client and an address that client learned from a DNS answer tagged by a given rule.</summary>
    LearnedAddress,

    /// <summary>Traffic to or from an address in known ranges, on one of the rule's server endpoints.</summary>
    AddressRange,

    /// <summary>A TCP segment whose payload starts with an HTTP request line of a given method containing a given text.</summary>
    HttpRequest,

    /// <summary>UDP traffic on the client's own Skype port, learned from its login probe, to remote hosts outside the model.</summary>
    ClientPort,

    /// <summary>Traffic on a server endpoint from a client whose login the plugin has already seen (the gate is the evidence).</summary>
    AfterLogin,

    /// <summary>The first payload a client sends on a TCP connection starts with given bytes (an opener), optionally of an exact length.</summary>
    PayloadPrefix,

    /// <summary>A TCP SYN to the same server address shortly after a connection tagged by an earlier rule: the client's fall-back timer.</summary>
    TimedFallback,
}

/// <summary>What must already be known about the client before a rule may tag its traffic.</summary>
public enum Gate
{
    /// <summary>No condition: the rule's own evidence is Skype-specific.</summary>
    None,

    /// <summary>The client sent login traffic (step 1) no longer than the login window ago.</summary>
    LoginSeen,

    /// <summary>The client's login is complete (a login server answered on a TCP rung or the channel), within the login window.</summary>
    LoginComplete,

    /// <summary>
    /// The client's login channel is established (a login server answered on a channel port), within the
    /// login window: a further channel connection after it is presence, not the login's own channel.
    /// </summary>
    ChannelSeen,
}

/// <summary>
/// One signature: evidence that ties a frame to a step of the login. Rules are tried in the order the
/// version lists them; the first that matches tags the frame.
/// </summary>
public abstract record Rule(string Id, int Step, string Group, Gate Gate, string Description, Provenance Provenance)
{
    public abstract RuleKind Kind { get; }
}

/// <summary>A DNS query or answer for a name of the pattern; addresses of an answer are learned for the client that asked.</summary>
public sealed record DnsNameRule(
    string Id, int Step, string Group, Gate Gate, DomainPattern Domain, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    public override RuleKind Kind => RuleKind.DnsName;
}

/// <summary>Traffic with an address learned from an answer tagged by <paramref name="LearnedFrom"/> (a DnsName rule of the same version), on one of the endpoints.</summary>
public sealed record LearnedAddressRule(
    string Id, int Step, string Group, Gate Gate, string LearnedFrom, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    public override RuleKind Kind => RuleKind.LearnedAddress;
}

/// <summary>Traffic with an address in one of the ranges, on one of the endpoints.</summary>
public sealed record AddressRangeRule(
    string Id, int Step, string Group, Gate Gate, IReadOnlyList<AddressRange> Ranges, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    public override RuleKind Kind => RuleKind.AddressRange;
}

/// <summary>A TCP segment to one of the endpoints whose payload starts with <c>Method SP</c> and whose first line contains <paramref name="LineContains"/> (ASCII case-insensitive).</summary>
public sealed record HttpRequestRule(
    string Id, int Step, string Group, Gate Gate, string Method, string LineContains, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    public override RuleKind Kind => RuleKind.HttpRequest;
}

/// <summary>
/// UDP traffic between the client's Skype port (the source port of its UDP login probe) and a remote host.
/// With <paramref name="MaxRemotes"/> only the first so many distinct remote hosts of a client match.
/// </summary>
public sealed record ClientPortRule(
    string Id, int Step, string Group, Gate Gate, int? MaxRemotes, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    public override RuleKind Kind => RuleKind.ClientPort;
}

/// <summary>Traffic from a gated client to any host on one of the endpoints; the gate must not be <see cref="Gate.None"/>.</summary>
public sealed record AfterLoginRule(
    string Id, int Step, string Group, Gate Gate, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    public override RuleKind Kind => RuleKind.AfterLogin;
}

/// <summary>
/// The first payload-carrying TCP segment a client sends on a connection starts with <paramref name="Prefix"/>
/// (two-digit hex bytes separated by single spaces, 1-64 bytes, like <c>16 03 01 00 00</c>) and, when
/// <paramref name="ExactLength"/> is given, has exactly that many payload bytes. The client is the sender; with
/// endpoints its destination port must fit one, without endpoints any port does (then the gate must not be
/// <see cref="Gate.None"/>). The rest of the connection follows by flow memory.
/// </summary>
public sealed record PayloadPrefixRule(
    string Id, int Step, string Group, Gate Gate, string Prefix, int? ExactLength, IReadOnlyList<Endpoint> Endpoints, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    /// <summary>Most bytes a prefix may have.</summary>
    public const int MaxPrefixBytes = 64;

    public override RuleKind Kind => RuleKind.PayloadPrefix;

    /// <summary>The prefix as bytes; throws <see cref="FormatException"/> when malformed.</summary>
    public IReadOnlyList<byte> PrefixBytes => ParseHex(Prefix);

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
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new FormatException($"byte {i + 1} '{parts[i]}' is not two hex digits");
            }
        }

        return bytes;
    }
}

/// <summary>
/// A TCP SYN without ACK from a client to a server address, on one of the endpoints, at most
/// <paramref name="MaxDelaySeconds"/> after the first SYN of the client's latest connection to the same
/// address that the rule <paramref name="After"/> (same version, listed before) tagged: a fall-back the
/// client's timer starts. The rest of the connection follows by flow memory.
/// </summary>
public sealed record TimedFallbackRule(
    string Id, int Step, string Group, Gate Gate, string After, IReadOnlyList<Endpoint> Endpoints, double MaxDelaySeconds, string Description, Provenance Provenance)
    : Rule(Id, Step, Group, Gate, Description, Provenance)
{
    /// <summary>Longest delay a fall-back may have: a client timer, not a later session.</summary>
    public const double MaxDelayLimitSeconds = 60;

    public override RuleKind Kind => RuleKind.TimedFallback;
}
