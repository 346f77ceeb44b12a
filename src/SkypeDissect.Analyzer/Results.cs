namespace SkypeDissect.Analyzer;

/// <summary>The tag of one frame (docs/tagging.md section 5): <c>frame step group rule version</c>.</summary>
public readonly record struct FrameTag(long Frame, int Step, string Group, string Rule, string Version);

/// <summary>Which versions of the model take part; null means all, in model order.</summary>
public sealed record TagOptions
{
    public IReadOnlySet<string>? EnabledVersions { get; init; }

    /// <summary>
    /// Whether each <see cref="TaggedFrame"/> carries its <c>Detail</c> (the DNS name or GET line the session
    /// reconstruction reads the client's build from). Per-frame output has no use for it: false saves a string
    /// per tagged frame.
    /// </summary>
    public bool Details { get; init; } = true;

    /// <summary>The bounds of the state tables; null means the contract's (<see cref="Model.TaggingContract.Bounds"/>).</summary>
    public Model.StateBounds? Bounds { get; init; }
}

public enum ExpertKind
{
    /// <summary>A login attempt after a pause: a new round of the ladder.</summary>
    Retry,

    /// <summary>The client moved to a later rung of the fall-back ladder.</summary>
    Fallback,

    /// <summary>The login server answered on a channel port.</summary>
    Complete,
}

/// <summary>An expert event attached to the frame that caused it, with the plugin's message text.</summary>
public sealed record ExpertEvent(ExpertKind Kind, string Message);

/// <summary>A server end of a login: address, port and transport (<c>udp</c> or <c>tcp</c>).</summary>
public readonly record struct LoginEndpoint(string Address, int Port, string Transport);

/// <summary>
/// A client's login after the frame, as its version reads it (docs/tagging.md 4): round, fall-back stage reached,
/// start and completion times; once complete, the login server (the server of the connection that completed it,
/// then of the channel the client keeps, Fig. 2) and the ladder rung that got it through with the server that
/// answered there (none when the channel got through itself).
/// </summary>
public readonly record struct LoginProgress(
    int Round, string? Stage, double Start, double? Complete, LoginEndpoint? Server = null, string? ThroughStage = null, LoginEndpoint? ThroughServer = null, double? RoundStart = null);

/// <summary>
/// A tagged frame with what the session reconstruction needs: time, both ends, whether the tag came from
/// flow memory, the expert event, the client's login progress (login-server frames) and, for a
/// learned-address tag, where the server stood in the DNS answer that taught it. <c>Detail</c> is the DNS
/// name of a DNS frame, or the request line of a TCP segment that starts with an HTTP GET (what the session
/// reconstruction reads the client's build from). <c>ClientVersion</c> is the version the client's traffic is
/// attributed to after this frame (docs/tagging.md 2.1; the tag's version when only one is enabled).
/// </summary>
public readonly record struct TaggedFrame(
    FrameTag Tag,
    double Time,
    string Transport,
    string Client,
    int ClientPort,
    string Server,
    int ServerPort,
    bool FromFlow,
    ExpertEvent? Expert,
    LoginProgress? Login,
    int? LearnedPosition,
    int? LearnedCount,
    string? Detail = null,
    string? ClientVersion = null);
