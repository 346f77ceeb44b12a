using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// The options of pcapng blocks, walked as wiretap 4.0 walks them: an option header that does not fit, an
/// option running past the block, and option lengths wiretap insists on are file errors there (tshark stops
/// with "appears to be damaged"), so they are here too. Also reads if_tsresol and if_tsoffset.
/// </summary>
internal static class PcapNgOptions
{
    public enum Owner
    {
        Section,
        Interface,
        Packet,
    }

    /// <summary>The error wiretap reports for these options, or null.</summary>
    public static string? Check(ReadOnlySpan<byte> options, Owner owner, bool bigEndian) =>
        Walk(options, owner, bigEndian, out _, out _);

    /// <summary>Like <see cref="Check"/>, also returning the interface's time resolution and offset.</summary>
    public static string? Walk(ReadOnlySpan<byte> options, Owner owner, bool bigEndian, out byte? tsresol, out long tsoffset)
    {
        tsresol = null;
        tsoffset = 0;
        while (!options.IsEmpty)
        {
            if (options.Length < 4)
            {
                return "not enough data for an option header";
            }

            var code = U16(options, bigEndian);
            int length = U16(options[2..], bigEndian);
            options = options[4..];
            var rounded = (length + 3) & ~3;
            if (rounded > options.Length)
            {
                return $"not enough data for an option of length {length}";
            }

            if (code == 0)
            {
                break; // opt_endofopt; what follows is padding
            }

            if (One(code, options[..length], owner, bigEndian, ref tsresol, ref tsoffset) is { } error)
            {
                return error;
            }

            options = options[rounded..];
        }

        return null;
    }

    /// <summary>One option (not opt_endofopt): the error wiretap reports for it, or null; notes if_tsresol and if_tsoffset.</summary>
    public static string? One(ushort code, ReadOnlySpan<byte> value, Owner owner, bool bigEndian, ref byte? tsresol, ref long tsoffset)
    {
        if (InvalidLength(code, value.Length, owner) is { } error)
        {
            return error;
        }

        if (owner == Owner.Interface && code == 9 && value.Length == 1)
        {
            tsresol = value[0];
        }
        else if (owner == Owner.Interface && code == 14 && value.Length == 8)
        {
            tsoffset = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
        }

        return null;
    }

    private static string? InvalidLength(ushort code, int length, Owner owner)
    {
        if (code is 2988 or 2989 or 19372 or 19373)
        {
            return length < 4 ? $"option length ({length}) too small for custom option" : null;
        }

        var bad = owner switch
        {
            Owner.Interface => code == 11 && length < 1, // if_filter
            Owner.Packet => code switch
            {
                2 or 6 => length != 4, // epb_flags, epb_queue
                3 or 7 => length < 1, // epb_hash, epb_verdict
                4 or 5 => length != 8, // epb_dropcount, epb_packetid
                _ => false,
            },
            _ => false,
        };
        return bad ? $"option {code} of length {length} is invalid" : null;
    }

    private static ushort U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
