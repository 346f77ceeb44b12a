using System.Runtime.CompilerServices;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// A hash table with a fixed capacity: adding a new key to a full table evicts the entry written longest ago
/// (writing a key again makes it the newest). Keeps the analyzer's memory independent of file size.
/// With an idle time it also forgets entries not used for longer than that (docs/tagging.md section 4).
/// </summary>
/// <remarks>
/// One slot per entry holds the key, the value, its hash chain and its place in the write order (a doubly
/// linked list from the oldest to the newest write), so an insertion, a rewrite, a removal and an eviction
/// each cost one lookup and no allocation. Slots live in chunks that are added as the table fills and never
/// moved, and freed slots are reused: the memory grows with the number of live entries up to the capacity,
/// by the bytes of the entries alone, and then stays where it is.
/// <para>
/// Idle expiry, as the plugin does it: the table has a clock, the greatest capture time of the frames that
/// found or wrote one of its entries. Every use (<see cref="TryUse"/>) and write stamps the entry with the
/// clock. An entry whose stamp is more than the idle time behind the clock is gone: a use that finds it
/// removes it, and before a new key is written the oldest entries are swept (an expired one is removed; one
/// used since its write moves to the newest end, as if written at its last use; the first other one ends
/// the sweep), so the capacity counts live entries only.
/// </para>
/// </remarks>
internal sealed class BoundedTable<TKey, TValue>
    where TKey : IEquatable<TKey>
{
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private const int None = -1;
    private const int MinBuckets = 1 << 8;

    private readonly Action<TKey, TValue>? onRemoved;
    private readonly int maxBuckets;
    private Slot[][] chunks = [];
    private int[] buckets = [];
    private int bucketShift;
    private int used;
    private int free = None;
    private int oldest = None;
    private int newest = None;

    private readonly double idleSeconds;
    private double clock = double.NegativeInfinity;

    public BoundedTable(int capacity, Action<TKey, TValue>? onRemoved = null, double idleSeconds = double.PositiveInfinity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(idleSeconds);
        Capacity = capacity;
        this.onRemoved = onRemoved;
        this.idleSeconds = idleSeconds;
        maxBuckets = (int)Math.Min(1 << 30, Math.Max(MinBuckets, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity)));
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>How many entries were pushed out by the capacity so far.</summary>
    public long Evictions { get; private set; }

    /// <summary>How many entries were forgotten for being idle so far.</summary>
    public long Expirations { get; private set; }

    /// <summary>
    /// Looks the key up as a use at capture time <paramref name="time"/>: when found, the clock advances, an
    /// expired entry is removed (false), and a live one is stamped with the clock (true).
    /// </summary>
    public bool TryUse(TKey key, double time, out TValue value)
    {
        var i = Find(key, Hash(key));
        if (i != None)
        {
            clock = Math.Max(clock, time);
            ref var slot = ref SlotAt(i);
            if (clock - slot.Stamp <= idleSeconds)
            {
                slot.Stamp = clock;
                value = slot.Value;
                return true;
            }

            Expirations++;
            RemoveSlot(i);
        }

        value = default!;
        return false;
    }

    /// <summary>Writes the entry at capture time <paramref name="time"/> (the clock advances first).</summary>
    public void Set(TKey key, TValue value, double time)
    {
        clock = Math.Max(clock, time);
        Set(key, value);
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        var i = Find(key, Hash(key));
        if (i != None)
        {
            value = SlotAt(i).Value;
            return true;
        }

        value = default!;
        return false;
    }

    public bool ContainsKey(TKey key) => Find(key, Hash(key)) != None;

    public void Set(TKey key, TValue value)
    {
        var hash = Hash(key);
        var i = Find(key, hash);
        if (i != None)
        {
            ref var slot = ref SlotAt(i);
            slot.Value = value;
            slot.Stamp = slot.Queued = clock;
            if (i != newest)
            {
                Unlink(ref slot);
                Append(ref slot, i);
            }

            return;
        }

        if (idleSeconds < double.PositiveInfinity)
        {
            Sweep();
        }

        if (Count >= Capacity)
        {
            Evictions++;
            RemoveSlot(oldest);
        }

        if (Count >= buckets.Length && buckets.Length < maxBuckets)
        {
            Grow();
        }

        i = NewSlot();
        ref var added = ref SlotAt(i);
        added.Key = key;
        added.Value = value;
        added.Hash = hash;
        added.Stamp = added.Queued = clock;
        ref var bucket = ref buckets[Bucket(hash)];
        added.NextInBucket = bucket;
        bucket = i;
        Append(ref added, i);
        Count++;
    }

    public bool Remove(TKey key)
    {
        var i = Find(key, Hash(key));
        if (i == None)
        {
            return false;
        }

        RemoveSlot(i);
        return true;
    }

    // From the oldest end: expired entries go, entries used since their write move to the newest end.
    private void Sweep()
    {
        while (oldest != None)
        {
            var i = oldest;
            ref var slot = ref SlotAt(i);
            if (clock - slot.Stamp > idleSeconds)
            {
                Expirations++;
                RemoveSlot(i);
            }
            else if (slot.Queued < slot.Stamp)
            {
                slot.Queued = slot.Stamp;
                Unlink(ref slot);
                Append(ref slot, i);
            }
            else
            {
                return;
            }
        }
    }

    private static int Hash(TKey key) => key.GetHashCode();

    // Fibonacci hashing: the top bits of the product spread keys whose hash codes differ only in high bits.
    private int Bucket(int hash) => (int)(((uint)hash * 0x9E3779B1u) >> bucketShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot SlotAt(int i) => ref chunks[i >> ChunkBits][i & (ChunkSize - 1)];

    private int Find(TKey key, int hash)
    {
        if (Count == 0)
        {
            return None;
        }

        for (var i = buckets[Bucket(hash)]; i != None;)
        {
            ref var slot = ref SlotAt(i);
            if (slot.Hash == hash && slot.Key.Equals(key))
            {
                return i;
            }

            i = slot.NextInBucket;
        }

        return None;
    }

    private void RemoveSlot(int i)
    {
        ref var slot = ref SlotAt(i);
        ref var link = ref buckets[Bucket(slot.Hash)];
        while (link != i)
        {
            link = ref SlotAt(link).NextInBucket;
        }

        link = slot.NextInBucket;
        Unlink(ref slot);
        var key = slot.Key;
        var value = slot.Value;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
        {
            slot.Key = default!;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<TValue>())
        {
            slot.Value = default!;
        }

        slot.NextInBucket = free;
        free = i;
        Count--;
        onRemoved?.Invoke(key, value);
    }

    private void Unlink(ref Slot slot)
    {
        if (slot.Older != None)
        {
            SlotAt(slot.Older).Newer = slot.Newer;
        }
        else
        {
            oldest = slot.Newer;
        }

        if (slot.Newer != None)
        {
            SlotAt(slot.Newer).Older = slot.Older;
        }
        else
        {
            newest = slot.Older;
        }
    }

    private void Append(ref Slot slot, int i)
    {
        slot.Older = newest;
        slot.Newer = None;
        if (newest != None)
        {
            SlotAt(newest).Newer = i;
        }
        else
        {
            oldest = i;
        }

        newest = i;
    }

    private int NewSlot()
    {
        if (free != None)
        {
            var i = free;
            free = SlotAt(i).NextInBucket;
            return i;
        }

        if (used >> ChunkBits == chunks.Length)
        {
            Array.Resize(ref chunks, chunks.Length + 1);
            chunks[^1] = new Slot[ChunkSize];
        }

        return used++;
    }

    // Doubles the buckets (up to the power of two at or above the capacity) and rechains every live slot.
    private void Grow()
    {
        var size = Math.Max(MinBuckets, buckets.Length * 2);
        buckets = new int[size];
        Array.Fill(buckets, None);
        bucketShift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        for (var i = oldest; i != None;)
        {
            ref var slot = ref SlotAt(i);
            ref var bucket = ref buckets[Bucket(slot.Hash)];
            slot.NextInBucket = bucket;
            bucket = i;
            i = slot.Newer;
        }
    }

    private struct Slot
    {
        public TKey Key;
        public TValue Value;
        public int Hash;
        public int NextInBucket;
        public double Stamp;
        public double Queued;
        public int Older;
        public int Newer;
    }
}
