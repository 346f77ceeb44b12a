namespace SkypeDissect.Tests.Fuzz;

/// <summary>The values a corrupted length or pointer takes: the edges where decoders go wrong, and chance.</summary>
public static class Values
{
    private static readonly long[] Edges = [0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x40000, 0x40001, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, (256 << 20) + 1];

    /// <summary>A value that fits <paramref name="size"/> bytes: an edge, or the current value a little off.</summary>
    public static long Interesting(FuzzRandom random, int size) => Mask(Edges[random.Next(Edges.Length)], size);

    /// <summary>For a file-format length: off by a little, doubled, halved, an edge or random.</summary>
    public static long ForLength(FuzzRandom random, long current, int size) => Mask(random.Next(6) switch
    {
        0 => current + random.Next(-8, 9),
        1 => current * 2,
        2 => current / 2,
        3 => (long)random.NextULong(),
        _ => Edges[random.Next(Edges.Length)],
    }, size);

    /// <summary>For a packet field: nibbles get any nibble; DNS pointers point at themselves, back, forward or out.</summary>
    public static long ForPacketField(FuzzRandom random, byte[] file, PacketField field)
    {
        if (field.Shape != FieldShape.Number)
        {
            return random.Next(16);
        }

        var current = 0L;
        for (var i = 0; i < field.Size && field.Offset + i < file.Length; i++)
        {
            current = (current << 8) | file[field.Offset + i];
        }

        if (field.Name == "dns.pointer")
        {
            var self = field.Offset - field.Base;
            return 0xC000 | (random.Next(5) switch
            {
                0 => self,                              // a loop of one
                1 => Math.Max(0, self - 2),             // into itself half-way
                2 => 12,                                // the first question name: loops when it points back
                3 => self + 2 + random.Next(64),        // forward (RFC 1035 pointers only go back)
                _ => random.Next(0x4000),               // anywhere, mostly past the end
            } & 0x3FFF);
        }

        if (field.Name == "dns.label")
        {
            return random.Next(3) switch { 0 => 63, 1 => 64 + random.Next(0x80), _ => random.Next(256) };
        }

        var remaining = field.End - field.Base;
        return Mask(random.Next(5) switch
        {
            0 => current + random.Next(-8, 9),
            1 => remaining + random.Next(-4, 5),
            2 => (long)random.NextULong(),
            _ => Edges[random.Next(Edges.Length)],
        }, field.Size);
    }

    public static void WritePacketField(byte[] file, PacketField field, long value)
    {
        switch (field.Shape)
        {
            case FieldShape.LowNibble:
                file[field.Offset] = (byte)((file[field.Offset] & 0xF0) | (int)(value & 0x0F));
                break;
            case FieldShape.HighNibble:
                file[field.Offset] = (byte)((file[field.Offset] & 0x0F) | (int)((value & 0x0F) << 4));
                break;
            default:
                for (var i = 0; i < field.Size && field.Offset + i < file.Length; i++)
                {
                    file[field.Offset + i] = (byte)(value >> (8 * (field.Size - 1 - i)));
                }

                break;
        }
    }

    private static long Mask(long value, int size) => size >= 8 ? value : value & ((1L << (8 * size)) - 1);
}
