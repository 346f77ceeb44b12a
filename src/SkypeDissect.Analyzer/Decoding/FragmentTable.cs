namespace SkypeDissect.Analyzer.Decoding;

/// <summary>Identifies the fragments of one IP datagram: addresses, Wireshark's identification value, IP version.</summary>
internal readonly record struct FragmentKey(IpAddress Source, IpAddress Destination, uint Identification, byte IpVersion);

/// <summary>
/// Reassembles IP fragments as Wireshark's reassemble.c does: the datagram is whole on the frame that supplies
/// the last missing piece, and is then forgotten (a later copy of a fragment starts a new datagram); the first
/// tail fixes the length; where fragments overlap, the bytes first laid down in offset order (and arrival
/// order for equal offsets) stay (<see cref="PendingDatagram"/>). Bounded: at most <see cref="MaxDatagrams"/>
/// pending datagrams and <see cref="MaxBytes"/> of fragment bytes and per-fragment overhead; the oldest go first.
/// </summary>
internal sealed class FragmentTable
{
    public const int MaxDatagrams = 1024;
    public const long MaxBytes = 16L << 20;

    /// <summary>
    /// A pending datagram no fragment was added to for this many seconds of the capture's clock (the greatest
    /// time seen so far, so that a clock stepping back does not age anything) is dropped, as the analyzer's
    /// idle flows are (docs/tagging.md section 4).
    /// </summary>
    public static readonly double IdleSeconds = Model.TaggingContract.Bounds.IdleSeconds;

    /// <summary>Every IPv4 (offset 65528 + 65515 bytes) and IPv6 datagram fits.</summary>
    public const int MaxDatagramLength = 1 << 17;

    private const int SpareDatagrams = 64;

    private readonly Dictionary<FragmentKey, PendingDatagram> pending = [];
    private readonly Queue<(FragmentKey Key, long Sequence)> age = new();
    private readonly byte[] output = new byte[MaxDatagramLength];

    // Datagrams of completed or dropped datagrams, reused (their buffers went back to the pools).
    private readonly Stack<PendingDatagram> spare = new();
    private long sequence;
    private long bytesHeld;
    private double clock = double.NegativeInfinity;

    public int PendingCount => pending.Count;

    private int completedLength;

    /// <summary>The datagram the last successful <see cref="Add"/> completed; valid until the next call.</summary>
    public ReadOnlySpan<byte> Completed => output.AsSpan(0, completedLength);

    /// <summary>Adds one fragment captured at <paramref name="time"/>. True when it completes its datagram (see <see cref="Completed"/>).</summary>
    public bool Add(FragmentKey key, int offset, bool more, ReadOnlySpan<byte> data, double time)
    {
        completedLength = 0;
        if (offset + data.Length > MaxDatagramLength)
        {
            return false;
        }

        clock = Math.Max(clock, time);
        if (pending.TryGetValue(key, out var d) && clock - d.Stamp > IdleSeconds)
        {
            Remove(key, d); // idle for too long: this fragment starts a datagram of its own
            d = null;
        }

        if (d is null)
        {
            d = spare.TryPop(out var reused) ? reused : new PendingDatagram();
            d.Sequence = ++sequence;
            pending.Add(key, d);
            age.Enqueue((key, d.Sequence));
        }

        d.Stamp = clock;
        bytesHeld -= d.Cost;
        d.Add(offset, data, more);
        bytesHeld += d.Cost;
        if (d.Complete)
        {
            completedLength = d.Assemble(output);
            Remove(key, d);
            return true;
        }

        Evict();
        return false;
    }

    private void Evict()
    {
        // Past a bound, the oldest datagrams go; then, from the oldest on, idle ones until the first that is not.
        while (age.TryPeek(out var oldest))
        {
            var live = pending.TryGetValue(oldest.Key, out var d) && d.Sequence == oldest.Sequence;
            if (live && pending.Count <= MaxDatagrams && bytesHeld <= MaxBytes && clock - d!.Stamp <= IdleSeconds)
            {
                break;
            }

            age.Dequeue();
            if (live)
            {
                Remove(oldest.Key, d!);
            }
        }

        // Completed datagrams leave stale entries behind; drop them before the queue outgrows the table.
        if (age.Count > (2 * MaxDatagrams) + 16)
        {
            var live = age.Where(e => pending.TryGetValue(e.Key, out var d) && d.Sequence == e.Sequence).ToList();
            age.Clear();
            live.ForEach(age.Enqueue);
        }
    }

    private void Remove(FragmentKey key, PendingDatagram d)
    {
        pending.Remove(key);
        bytesHeld -= d.Cost;
        d.Clear();
        if (spare.Count < SpareDatagrams)
        {
            spare.Push(d);
        }
    }
}
