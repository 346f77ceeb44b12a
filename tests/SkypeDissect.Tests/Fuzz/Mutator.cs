namespace SkypeDissect.Tests.Fuzz;

/// <summary>A mutated capture: its bytes, the seed file it came from and the operations applied, in order.</summary>
public sealed record Mutant(long RunSeed, int Index, string Seed, byte[] Bytes, IReadOnlyList<string> Operations)
{
    public string Describe() => $"mutant {Index} of run seed {RunSeed} (from {Seed}: {string.Join(", ", Operations)})";
}

/// <summary>
/// Makes mutant number <c>index</c> of a run from the run seed alone: one seed file, then zero to two
/// structure-aware corruptions (file-format lengths, packet length fields, DNS counts and pointers, a
/// duplicated or dropped record) and zero to three blind ones (bit flips, byte values, insertion, deletion),
/// and sometimes a truncation. At least one operation always applies. One mutant in four of a classic Ethernet
/// pcap seed first gets one or two of the <see cref="Tricks"/> (tunnels, extension header chains, link stacks,
/// clock steps, low-port DNS, upper case), and half of those stay as the tricks left them.
/// </summary>
public sealed class Mutator(IReadOnlyList<SeedCapture> seeds, long runSeed)
{
    /// <summary>Every operation name, for the coverage test: an operation never chosen is a bug in the fuzzer.</summary>
    public static IReadOnlyList<string> OperationKinds { get; } =
        ["format", "packet", "dns", "duplicate", "drop", "flip", "bytes", "insert", "delete", "truncate", .. Tricks.Kinds];

    public long RunSeed => runSeed;

    public Mutant Make(int index)
    {
        var random = new FuzzRandom(runSeed, index);
        var seed = random.Pick(seeds);
        var bytes = (byte[])seed.Bytes.Clone();
        var ops = new List<string>();
        if (Tricks.Apply(seed) && random.OneIn(4))
        {
            bytes = Tricks.Make(random, seed, ops);
            if (random.OneIn(2))
            {
                return new Mutant(runSeed, index, seed.Name, bytes, ops); // well-formed: the tag comparison's best case
            }
        }

        for (var n = random.Next(3); n > 0; n--)
        {
            // The layout's offsets hold only until a record was duplicated or dropped.
            bytes = bytes.Length == seed.Bytes.Length ? Structured(random, seed, bytes, ops) : Blind(random, seed.Layout, bytes, ops);
        }

        for (var n = random.Next(ops.Count == 0 ? 1 : 0, 4); n > 0; n--)
        {
            bytes = Blind(random, seed.Layout, bytes, ops);
        }

        if (random.OneIn(5) && bytes.Length > 0)
        {
            bytes = Truncate(random, seed.Layout, bytes, ops);
        }

        return new Mutant(runSeed, index, seed.Name, bytes, ops);
    }

    /// <summary>Mutant <paramref name="index"/> of the tricks alone: a well-formed capture of a classic Ethernet pcap seed.</summary>
    public Mutant MakeTricked(int index)
    {
        var random = new FuzzRandom(runSeed, -1 - (long)index);
        var seed = random.Pick(seeds.Where(Tricks.Apply).ToList());
        var ops = new List<string>();
        var bytes = Tricks.Make(random, seed, ops);
        return new Mutant(runSeed, index, seed.Name, bytes, ops);
    }

    // Structure-aware operations read the seed's layout, so they run before anything shifts the bytes.
    private static byte[] Structured(FuzzRandom random, SeedCapture seed, byte[] bytes, List<string> ops)
    {
        var layout = seed.Layout;
        switch (random.Next(5))
        {
            case 0 when seed.FormatFields.Count > 0:
                var f = random.Pick(random.Pick(seed.FormatFields));
                var value = Values.ForLength(random, f.Value, f.Size);
                layout.Write(bytes, f.Offset, f.Size, value);
                ops.Add($"format {f.Name}@{f.Offset}=0x{value:x}");
                return bytes;
            case 1 or 2 when seed.Fields.Count > 0:
                var p = random.Pick(random.Pick(seed.Fields));
                var v = Values.ForPacketField(random, bytes, p);
                Values.WritePacketField(bytes, p, v);
                ops.Add($"{(p.Name.StartsWith("dns.", StringComparison.Ordinal) ? "dns" : "packet")} {p.Name}@{p.Offset}=0x{v:x}");
                return bytes;
            case 3 when layout.Blocks.Count > 1:
                // A repeated record: a retransmission, a second section header, a doubled interface description.
                var (at, length) = random.Pick(layout.Blocks);
                var to = random.Pick(layout.Blocks).Offset;
                ops.Add($"duplicate {at}+{length}->{to}");
                return [.. bytes.AsSpan(0, to), .. bytes.AsSpan(at, length), .. bytes.AsSpan(to)];
            case 4 when layout.Blocks.Count > 1:
                // A lost record: for pcapng it may be the interface description a packet needs.
                var (from, count) = random.Pick(layout.Blocks);
                ops.Add($"drop {from}+{count}");
                return [.. bytes.AsSpan(0, from), .. bytes.AsSpan(from + count)];
            default:
                return Blind(random, layout, bytes, ops);
        }
    }

    private static byte[] Blind(FuzzRandom random, CaptureLayout layout, byte[] bytes, List<string> ops)
    {
        if (bytes.Length == 0)
        {
            ops.Add("insert@0+4");
            return random.Bytes(4);
        }

        var at = Position(random, layout, bytes.Length);
        switch (random.Next(4))
        {
            case 0:
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                {
                    var bit = random.Next(8);
                    var where = Math.Min(bytes.Length - 1, at + random.Next(16));
                    bytes[where] ^= (byte)(1 << bit);
                }

                ops.Add($"flip@{at}x{flips}");
                return bytes;
            case 1:
                var n = random.Next(1, 5);
                for (var i = 0; i < n && at + i < bytes.Length; i++)
                {
                    bytes[at + i] = (byte)Values.Interesting(random, 1);
                }

                ops.Add($"bytes@{at}x{n}");
                return bytes;
            case 2:
                var from = random.Next(bytes.Length);
                var inserted = random.OneIn(2) ? random.Bytes(random.Next(1, 65)) : bytes.AsSpan(from, 1 + random.Next(Math.Min(64, bytes.Length - from))).ToArray();
                ops.Add($"insert@{at}+{inserted.Length}");
                return [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];
            default:
                var gone = Math.Min(bytes.Length - at, random.Next(1, 65));
                ops.Add($"delete@{at}-{gone}");
                return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + gone)];
        }
    }

    private static byte[] Truncate(FuzzRandom random, CaptureLayout layout, byte[] bytes, List<string> ops)
    {
        var at = Math.Min(bytes.Length - 1, Position(random, layout, bytes.Length));
        ops.Add($"truncate@{at}");
        return bytes[..at];
    }

    // Half the blind hits land near a record start, where the headers are; payload bytes matter less.
    private static int Position(FuzzRandom random, CaptureLayout layout, int length)
    {
        if (layout.Blocks.Count > 0 && random.OneIn(2))
        {
            var (offset, size) = random.Pick(layout.Blocks);
            return Math.Min(length - 1, offset + random.Next(Math.Min(size, 96)));
        }

        return random.Next(length);
    }
}
