using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;

namespace SkypeDissect.Cli.Report;

/// <summary>An expert event of the login (retry, fall-back, completion) at the frame that caused it.</summary>
public sealed record LoginEvent(ExpertKind Kind, string Message, long Frame, double Time);

/// <summary>
/// One exchange of a session: the tagged frames between one client port and one server port (one transport)
/// for one step and group; for TCP that is a connection, for UDP a datagram flow, for DNS one query with its
/// answer. <paramref name="Rung"/> names the ladder rung the server port is (<c>udp-33033</c> ...), <c>channel</c>
/// for a channel port, or null.
/// </summary>
public sealed record Exchange(
    int Step,
    string Group,
    string Rule,
    string Version,
    string Transport,
    int ClientPort,
    ServerSeen Server,
    string? Rung,
    double First,
    double Last,
    long FirstFrame,
    long LastFrame,
    int Frames,
    IReadOnlyList<LoginEvent> Events);

/// <summary>A session with what its diagram needs: its exchanges in order of their first frame and every frame time.</summary>
/// <param name="ExchangesSeen">Exchanges the session had; only the first <see cref="ReportLimits.ExchangesPerDiagram"/> are kept.</param>
public sealed record SessionDetail(LoginSession Session, IReadOnlyList<Exchange> Exchanges, int ExchangesSeen, IReadOnlyList<double> FrameTimes);

/// <summary>What the report holds of one capture file.</summary>
/// <param name="Sessions">The first sessions by start (at most <see cref="ReportLimits.SummaryRows"/>).</param>
/// <param name="SessionCount">Every session of the file.</param>
/// <param name="Outcomes">Sessions per outcome.</param>
/// <param name="Details">The sessions that get a diagram.</param>
/// <param name="Error">Why the file could not be read to its end (what was read is still reported), or null.</param>
public sealed record FileReport(
    string Path,
    IReadOnlyList<LoginSession> Sessions,
    int SessionCount,
    long TaggedFrames,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<SessionDetail> Details,
    string? Error);

/// <summary>The bounds that keep a report of a big capture small; the report says when one was reached.</summary>
public static class ReportLimits
{
    /// <summary>Sessions drawn, across all files of a report: the first ones to start.</summary>
    public const int Diagrams = 20;

    /// <summary>Exchanges drawn per diagram: the first ones to start; the rest are counted.</summary>
    public const int ExchangesPerDiagram = 300;

    /// <summary>Rows of a file's session table: the first sessions by start.</summary>
    public const int SummaryRows = 500;

    /// <summary>Frame times kept per drawn session to find its long gaps.</summary>
    public const int FrameTimes = 100_000;
}
