using SkypeDissect.Model;

namespace SkypeDissect.Generator.Exports;

/// <summary>Address ranges as the fewest CIDR blocks, for tools that only take prefixes (nDPI, BPF).</summary>
public static class Cidr
{
    /// <summary>The union of the ranges as CIDR blocks in address order, like <c>111.221.74.12/30</c>.</summary>
    public static IReadOnlyList<string> Blocks(IEnumerable<AddressRange> ranges) => Split(ranges, 0);

    /// <summary>The union of the ranges as blocks of at most 2^(32 - <paramref name="longest"/>) addresses; 32 gives single hosts.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<AddressRange> ranges, int longest)
    {
        var spans = ranges
            .Where(r => r.FirstAddress is not null && r.LastAddress is not null)
            .Select(r => ((long)r.FirstAddress!.Value, (long)r.LastAddress!.Value))
            .OrderBy(s => s.Item1)
            .ToList();
        var merged = new List<(long First, long Last)>();
        foreach (var (first, last) in spans)
        {
            if (merged.Count > 0 && first <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            }
            else
            {
                merged.Add((first, last));
            }
        }

        var blocks = new List<string>();
        foreach (var (first, last) in merged)
        {
            var a = first;
            while (a <= last)
            {
                // The largest block aligned at a that stays inside the span.
                var size = 1L;
                while (size < (1L << (32 - longest)) && a % (size * 2) == 0 && a + (size * 2) - 1 <= last)
                {
                    size *= 2;
                }

                var prefix = 32 - (int)Math.Log2(size);
                blocks.Add($"{Ipv4.Format((uint)a)}/{prefix}");
                a += size;
            }
        }

        return blocks;
    }
}
