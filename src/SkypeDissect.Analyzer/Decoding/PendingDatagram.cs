using System.Buffers;
using System.Numerics;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// The fragments of one IP datagram received so far. Each fragment's bytes are appended to one buffer; a bit
/// per datagram byte records what is covered, so telling whether the datagram is whole costs the fragment's
/// own length, not the number of fragments (32,000 fragments of one datagram stay linear). The pieces are put
/// in offset order once, when the datagram completes.
/// </summary>
internal sealed class PendingDatagram
{
    /// <summary>What one fragment costs beyond its bytes: its piece record, list slot and bitmap share (for the memory bound).</summary>
    public const int PieceOverhead = 40;

    private static readonly ArrayPool<byte> Bytes = ArrayPool<byte>.Shared;
    private static readonly ArrayPool<ulong> Bits = ArrayPool<ulong>.Shared;

    private readonly List<Piece> pieces = [];
    private byte[] data = [];
    private ulong[] covered = [];
    private int used;
    private int coveredBelowTotal;

    public long Sequence { get; set; }

    /// <summary>The capture clock when a fragment was last added (docs/tagging.md section 4, idle expiry).</summary>
    public double Stamp { get; set; }

    /// <summary>The length fixed by the first tail (a fragment without more-fragments), or -1.</summary>
    public int Total { get; private set; } = -1;

    /// <summary>What the datagram holds, counted for the table's memory bound.</summary>
    public long Cost { get; private set; }

    /// <summary>True when every byte below the total is covered.</summary>
    public bool Complete => Total >= 0 && coveredBelowTotal == Total;

    public void Add(int offset, ReadOnlySpan<byte> fragment, bool more)
    {
        if (used + fragment.Length > data.Length)
        {
            Grow(ref data, used + fragment.Length, Bytes);
        }

        fragment.CopyTo(data.AsSpan(used));
        pieces.Add(new Piece(offset, fragment.Length, pieces.Count, used));
        used += fragment.Length;
        Cost += fragment.Length + PieceOverhead;

        var end = offset + fragment.Length;
        if ((end + 63) / 64 > covered.Length)
        {
            Grow(ref covered, (end + 63) / 64, Bits);
        }

        var fresh = Cover(offset, end, Total < 0 ? int.MaxValue : Total);
        if (!more && Total < 0)
        {
            Total = end;
            coveredBelowTotal = CountBelow(Total);
        }
        else
        {
            coveredBelowTotal += fresh;
        }
    }

    /// <summary>
    /// Lays the pieces down as Wireshark does: in offset order (arrival order for equal offsets), each adding only
    /// the bytes not yet filled, so where fragments overlap the first in that order stays. Returns the length.
    /// </summary>
    public int Assemble(Span<byte> output)
    {
        pieces.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Arrival.CompareTo(b.Arrival));
        var filled = 0;
        foreach (var p in pieces)
        {
            var end = Math.Min(p.Offset + p.Length, Total);
            if (end > filled)
            {
                data.AsSpan(p.At + (filled - p.Offset), end - filled).CopyTo(output[filled..]);
                filled = end;
            }
        }

        return Total;
    }

    /// <summary>Returns the buffers to their pools and empties the datagram for reuse.</summary>
    public void Clear()
    {
        if (data.Length > 0)
        {
            Bytes.Return(data);
            data = [];
        }

        if (covered.Length > 0)
        {
            Bits.Return(covered, clearArray: true);
            covered = [];
        }

        pieces.Clear();
        used = 0;
        coveredBelowTotal = 0;
        Total = -1;
        Cost = 0;
    }

    /// <summary>Sets the bits of [start, end); returns how many of them below <paramref name="limit"/> were not set.</summary>
    private int Cover(int start, int end, int limit)
    {
        var fresh = 0;
        for (var i = start; i < end;)
        {
            var word = i >> 6;
            var bit = i & 63;
            var count = Math.Min(64 - bit, end - i);
            var mask = (count == 64 ? ulong.MaxValue : ((1UL << count) - 1)) << bit;
            var added = mask & ~covered[word];
            covered[word] |= mask;
            if (i < limit)
            {
                var below = Math.Min(limit - i, count);
                fresh += BitOperations.PopCount(added & ((below == 64 ? ulong.MaxValue : ((1UL << below) - 1)) << bit));
            }

            i += count;
        }

        return fresh;
    }

    private int CountBelow(int limit)
    {
        var count = 0;
        for (var word = 0; word < covered.Length && word * 64 < limit; word++)
        {
            var bits = Math.Min(64, limit - (word * 64));
            count += BitOperations.PopCount(covered[word] & (bits == 64 ? ulong.MaxValue : ((1UL << bits) - 1)));
        }

        return count;
    }

    private static void Grow<T>(ref T[] array, int needed, ArrayPool<T> pool)
    {
        var grown = pool.Rent(Math.Max(needed, array.Length * 2));
        array.AsSpan().CopyTo(grown);
        Array.Clear(grown, array.Length, grown.Length - array.Length);
        if (array.Length > 0)
        {
            pool.Return(array);
        }

        array = grown;
    }

    /// <summary>A fragment: its offset in the datagram, its length, its arrival rank and where its bytes start in the buffer.</summary>
    private readonly record struct Piece(int Offset, int Length, int Arrival, int At);
}
