namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// A dictionary with a fixed capacity: adding a new key to a full table evicts the entry written longest
/// ago (writing a key again makes it the newest). Keeps the analyzer's memory independent of file size.
/// </summary>
internal sealed class BoundedTable<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> entries = [];
    private readonly Queue<(TKey Key, long Sequence)> age = new();
    private readonly Action<TKey, TValue>? onRemoved;
    private long sequence;

    public BoundedTable(int capacity, Action<TKey, TValue>? onRemoved = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        this.onRemoved = onRemoved;
    }

    public int Capacity { get; }

    public int Count => entries.Count;

    /// <summary>How many entries were pushed out by the capacity so far.</summary>
    public long Evictions { get; private set; }

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (entries.TryGetValue(key, out var e))
        {
            value = e.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public bool ContainsKey(TKey key) => entries.ContainsKey(key);

    public void Set(TKey key, TValue value)
    {
        var isNew = !entries.ContainsKey(key);
        if (isNew && entries.Count >= Capacity)
        {
            EvictOldest();
        }

        entries[key] = new Entry(value, ++sequence);
        age.Enqueue((key, sequence));
        if (age.Count > (2 * Capacity) + 16)
        {
            Compact();
        }
    }

    public bool Remove(TKey key)
    {
        if (!entries.Remove(key, out var e))
        {
            return false;
        }

        onRemoved?.Invoke(key, e.Value);
        return true;
    }

    private void EvictOldest()
    {
        while (age.TryDequeue(out var oldest))
        {
            if (entries.TryGetValue(oldest.Key, out var e) && e.Sequence == oldest.Sequence)
            {
                Remove(oldest.Key);
                Evictions++;
                return;
            }
        }
    }

    // Rewritten and removed keys leave stale queue entries; rebuild the queue from the live ones in age order.
    private void Compact()
    {
        var live = entries.Select(kv => (kv.Key, kv.Value.Sequence)).OrderBy(e => e.Sequence).ToList();
        age.Clear();
        foreach (var e in live)
        {
            age.Enqueue(e);
        }
    }

    private readonly record struct Entry(TValue Value, long Sequence);
}
