namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by this code alone (not by the runtime's Random or
/// HashCode), so a mutant named by run seed and index is the same bytes on every machine and .NET version.
/// </summary>
public sealed class FuzzRandom
{
    private ulong state;

    public FuzzRandom(long runSeed, long index)
    {
        // Two mixes so that neighbouring (seed, index) pairs start far apart.
        state = (ulong)runSeed * 0x9E3779B97F4A7C15UL;
        state = NextULong() ^ ((ulong)index * 0xD1B54A32D192ED03UL);
        _ = NextULong();
    }

    public ulong NextULong()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, max); max must be positive.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextULong() % (ulong)max);

    /// <summary>A number in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>True with probability 1/n.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)NextULong();
        }

        return bytes;
    }
}
