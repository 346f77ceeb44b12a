using System.Buffers;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>Identifies the fragments of one IP datagram: addresses, Wireshark's identification value, IP version.</summary>
internal readonly record struct FragmentKey(IpAddress Source, IpAddress Destination, uint Identification, byte IpVersion);

/// <summary>
/// Reassembles IP fragments as Wireshark's reassemble.c does: the datagram is whole on the frame that supplies
/// the last missing piece, and is then forgotten (a later copy of a fragment starts a new datagram); the first
/// tail fixes the length; where fragments overlap, the bytes first laid down in offset order (and arrival
/// order for equal offsets) stay. Bounded: at most
/// <see cref="MaxDatagrams"/> pending datagrams and <see cref="MaxBytes"/> bytes; the oldest go first.
/// </summary>
internal sealed class FragmentTable
{
    public const int MaxDatagrams = 1024;
    public const long MaxBytes = 16L << 20;

    /// <summary>
    /// A pending datagram whose newest fragment is more than this many seconds of capture time older than the
    /// newest fragment seen is dropped, as the analyzer's idle flows are (docs/tagging.md section 4).
    /// </summary>
    public static readonly double IdleSeconds = Model.TaggingContract.Bounds.IdleSeconds;

    /// <summary>Every IPv4 (offset 65528 + 65515 bytes) and IPv6 datagram fits.</summary>
    public const int MaxDatagramLength = 1 << 17;

    private const int SpareDatagrams = 64;

    private readonly Dictionary<FragmentKey, Datagram> pending = [];
    private readonly Queue<(FragmentKey Key, long Sequence)> age = new();
    private readonly byte[] output = new byte[MaxDatagramLength];

    // Reused, so that a capture full of fragments allocates nothing once warm: the datagrams (with their piece
    // lists) of completed or dropped datagrams, and the copies of fragments up to an Ethernet jumbo frame's
    // size in a pool of our own (the shared pool keeps too few per size for a datagram of 45 fragments).
    private readonly Stack<Datagram> spare = new();
    private readonly ArrayPool<byte> copies = ArrayPool<byte>.Create(maxArrayLength: 16384, maxArraysPerBucket: 256);
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
        if (pending.TryGetValue(key, out var d) && clock - d.Newest > IdleSeconds)
        {
            Remove(key, d); // idle for too long: this fragment starts a datagram of its own
            d = null;
        }

        if (d is null)
        {
            d = spare.TryPop(out var reused) ? reused : new Datagram();
            d.Sequence = ++sequence;
            d.Newest = time;
            pending.Add(key, d);
            age.Enqueue((key, d.Sequence));
        }

        var copy = copies.Rent(Math.Max(1, data.Length));
        data.CopyTo(copy);
        d.Pieces.Add(new Piece(offset, data.Length, d.Pieces.Count, copy));
        d.Newest = Math.Max(d.Newest, time);
        bytesHeld += data.Length;
        if (!more && d.Total < 0)
        {
            d.Total = offset + data.Length;
        }

        if (d.Total >= 0 && TryAssemble(d, out var length))
        {
            Remove(key, d);
            completedLength = length;
            return true;
        }

        Evict();
        return false;
    }

    private bool TryAssemble(Datagram d, out int length)
    {
        length = d.Total;
        d.Pieces.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Arrival.CompareTo(b.Arrival));
        var covered = 0;
        foreach (var p in d.Pieces)
        {
            if (covered >= d.Total)
            {
                break; // pieces past the end (a second, longer tail) do not matter
            }

            if (p.Offset > covered)
            {
                return false;
            }

            covered = Math.Max(covered, p.Offset + p.Length);
        }

        if (covered < d.Total)
        {
            return false;
        }

        // As Wireshark: in offset order, each piece only adds the bytes not yet filled; overlaps keep the first.
        var filled = 0;
        foreach (var p in d.Pieces)
        {
            var end = Math.Min(p.Offset + p.Length, d.Total);
            if (end > filled)
            {
                p.Data.AsSpan(filled - p.Offset, end - filled).CopyTo(output.AsSpan(filled));
                filled = end;
            }
        }

        return true;
    }

    private void Evict()
    {
        // Past a bound, the oldest datagrams go; then, from the oldest on, idle ones until the first that is not.
        while (age.TryPeek(out var oldest))
        {
            var live = pending.TryGetValue(oldest.Key, out var d) && d.Sequence == oldest.Sequence;
            if (live && pending.Count <= MaxDatagrams && bytesHeld <= MaxBytes && clock - d!.Newest <= IdleSeconds)
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

    private void Remove(FragmentKey key, Datagram d)
    {
        pending.Remove(key);
        foreach (var p in d.Pieces)
        {
            bytesHeld -= p.Length;
            copies.Return(p.Data);
        }

        d.Pieces.Clear();
        d.Total = -1;
        if (spare.Count < SpareDatagrams)
        {
            spare.Push(d);
        }
    }

    private readonly record struct Piece(int Offset, int Length, int Arrival, byte[] Data);

    private sealed class Datagram
    {
        public long Sequence { get; set; }

        public List<Piece> Pieces { get; } = [];

        public int Total { get; set; } = -1;

        public double Newest { get; set; }
    }
}
