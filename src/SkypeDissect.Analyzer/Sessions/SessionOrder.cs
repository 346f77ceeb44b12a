namespace SkypeDissect.Analyzer.Sessions;

/// <summary>
/// Hands closed sessions on in the order of their start (then client, ordinally), as soon as no session can
/// still come before them: when they started before every session still open and before the newest frame's
/// time. Memory then follows the sessions open and those waiting behind an earlier open one, not the file.
/// Past <see cref="HoldLimit"/> waiting sessions the earliest goes out anyway, and a capture whose clock steps
/// back can start a session before one already out: in those two cases the order is only nearly by start.
/// </summary>
public sealed class SessionOrder(Action<LoginSession> next, int holdLimit = SessionOrder.DefaultHoldLimit)
{
    public const int DefaultHoldLimit = SessionBuilder.DefaultCapacity;

    private readonly PriorityQueue<LoginSession, (double Start, string Client, long Sequence)> waiting = new(Comparer);
    private long sequence;

    /// <summary>Sessions waiting now.</summary>
    public int Waiting => waiting.Count;

    public int HoldLimit => holdLimit;

    /// <summary>A closed session, held until it may go out.</summary>
    public void Add(LoginSession session)
    {
        waiting.Enqueue(session, (session.Start, session.Client, sequence++));
        while (waiting.Count > holdLimit)
        {
            next(waiting.Dequeue());
        }
    }

    /// <summary>Hands on every waiting session that started before <paramref name="watermark"/>.</summary>
    public void Release(double watermark)
    {
        while (waiting.TryPeek(out var first, out var key) && key.Start < watermark)
        {
            waiting.Dequeue();
            next(first);
        }
    }

    /// <summary>Hands on the rest, in order (the end of the file).</summary>
    public void Flush() => Release(double.PositiveInfinity);

    private static readonly IComparer<(double Start, string Client, long Sequence)> Comparer = Comparer<(double Start, string Client, long Sequence)>.Create(
        static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : string.CompareOrdinal(a.Client, b.Client) is var c and not 0 ? c
            : a.Sequence.CompareTo(b.Sequence));
}
