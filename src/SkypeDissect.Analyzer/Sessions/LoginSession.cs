namespace SkypeDissect.Analyzer.Sessions;

/// <summary>A server a client talked to in a step, with the owner the model knows for its address.</summary>
public sealed record ServerSeen(string Address, int Port, string Transport, string? Organisation, string? Country);

/// <summary>One step (and server group) of a login: when it was seen first and last, and with which servers.</summary>
/// <param name="Names">The DNS names the client looked up for the step (what a step that got no further than DNS was after).</param>
public sealed record StepSeen(int Step, string Group, double First, double Last, int Frames, IReadOnlyList<ServerSeen> Servers, IReadOnlyList<string> Names);

/// <summary>How many of a session's frames the signatures of one client version tagged.</summary>
public sealed record VersionFrames(string Version, int Frames);

/// <summary>How a login ended, as far as the capture shows.</summary>
public static class Outcomes
{
    /// <summary>A login server answered on a channel port.</summary>
    public const string Success = "success";

    /// <summary>The last round climbed the whole ladder and no server answered on a channel port.</summary>
    public const string Failure = "failure";

    /// <summary>Neither: the capture ends during the ladder, or it shows other steps without a login attempt.</summary>
    public const string Incomplete = "incomplete";
}

/// <summary>
/// One client's login reconstructed from its tagged frames (times are seconds since the Unix epoch, as in
/// the capture).
/// </summary>
/// <param name="FallbackStage">The ladder rung the last round reached (<c>udp-33033</c> ... <c>tcp-443</c>), null without attempts.</param>
/// <param name="LoginServer">
/// The login server: the server end of the connection that completed the login (docs/tagging.md 4), or, when that
/// was a ladder rung, of the channel the client then kept (Fig. 2); null without completion.
/// </param>
/// <param name="LoginServerPosition">Where that server stood in the DNS answer the client used (1-based), when the capture has it.</param>
/// <param name="RoundStarts">The time each round of the ladder began; retries are the rounds after the first.</param>
/// <param name="RetryPauses">For each retry, the seconds from the previous round's last frame to the retry's first (the paper's 15 s).</param>
/// <param name="DurationSeconds">From the first login frame (DNS or attempt) to the completion, null without completion.</param>
/// <param name="LoginRung">
/// The ladder rung that got the client through (<c>udp-33033</c> ... <c>tcp-443</c>): the rung of the connection that
/// completed the login, or, for a version whose login completes when connected (the paper's), the rung a login
/// server answered on before the channel did; null when the channel got through by itself (7.7.3) or without completion.
/// </param>
/// <param name="LoginRungServer">The server that answered on <paramref name="LoginRung"/>.</param>
/// <param name="Version">The version the client's traffic is attributed to at the session's last frame (docs/tagging.md 2.1).</param>
/// <param name="VersionCounts">Frames per version whose signatures tagged them, most first (the first is <see cref="MatchedVersion"/>).</param>
/// <param name="ClientBuild">The build the client announced (feedback name prefix or update request), when seen.</param>
public sealed record LoginSession(
    string Client,
    double Start,
    double End,
    long FirstFrame,
    long LastFrame,
    int Frames,
    string Outcome,
    string? FallbackStage,
    ServerSeen? LoginServer,
    int? LoginServerPosition,
    int? LoginServerAnswerCount,
    IReadOnlyList<double> RoundStarts,
    IReadOnlyList<double> RetryPauses,
    double? DurationSeconds,
    IReadOnlyList<string> Supernodes,
    string? Version,
    string? ClientBuild,
    IReadOnlyList<string> VersionEvidence,
    IReadOnlyList<StepSeen> Steps,
    IReadOnlyList<VersionFrames> VersionCounts,
    string? LoginRung = null,
    ServerSeen? LoginRungServer = null)
{
    public int Retries => Math.Max(0, RoundStarts.Count - 1);

    /// <summary>The version whose signatures tagged most of the session's frames.</summary>
    public string? MatchedVersion => VersionCounts.Count > 0 ? VersionCounts[0].Version : null;
}
