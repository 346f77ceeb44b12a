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
/// <param name="LoginServer">The login server that completed the login (its channel end), null without completion.</param>
/// <param name="LoginServerPosition">Where that server stood in the DNS answer the client used (1-based), when the capture has it.</param>
/// <param name="RoundStarts">The time each round of the ladder began; retries are the rounds after the first.</param>
/// <param name="RetryPauses">For each retry, the seconds from the previous round's last frame to the retry's first (the paper's 15 s).</param>
/// <param name="DurationSeconds">From the first login frame (DNS or attempt) to the completion, null without completion.</param>
/// <param name="Version">The client version whose signatures matched most of the session's frames (the best match).</param>
/// <param name="VersionCounts">Frames per version whose signatures tagged them, most first: how well each version matched.</param>
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
    IReadOnlyList<VersionFrames> VersionCounts)
{
    public int Retries => Math.Max(0, RoundStarts.Count - 1);
}
