using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Capture;

/// <summary>The record header formats of classic pcap that wiretap 4.0 tells apart.</summary>
internal enum PcapVariant
{
    /// <summary>Standard: 16-byte record headers, microseconds.</summary>
    Standard,

    /// <summary>Nanosecond magic: 16-byte record headers.</summary>
    Nanosecond,

    /// <summary>AIX (version 2.2, interface type in the link-type field): 16-byte headers, nanoseconds.</summary>
    Aix,

    /// <summary>Kuznetzov's 1999-04-17 patch, standard magic: 24-byte record headers.</summary>
    Ss990417,

    /// <summary>Kuznetzov's 1999-10-29 patch, modified magic: 24-byte record headers.</summary>
    Ss991029,

    /// <summary>Kuznetzov's 1999-09-15 patch, modified magic: 28-byte record headers.</summary>
    Ss990915,

    /// <summary>Nokia IPSO, standard magic: 20-byte record headers (4 unknown bytes after the standard 16).</summary>
    Nokia,
}

/// <summary>
/// Wiretap 4.0's guess of the record header format (libpcap.c: libpcap_open, libpcap_try, libpcap_try_record).
/// The standard magic is shared by standard pcap, ss990417 and Nokia, the modified magic by ss991029 and
/// ss990915. Each candidate, in that order, reads up to the first three records and scores the first record
/// header that looks wrong: one point each for a microsecond field of 1,000,000 or more, a captured length over
/// the link type's maximum, a captured length over the file's snapshot length, an original length over 128 MiB,
/// a captured length over the original length. A candidate that reads three sane records, or reaches the end of
/// the file (or a cut-off record) before a wrong one, scores 0 and is taken at once; otherwise the lowest score
/// wins, the earlier candidate on a tie. The look-ahead is bounded: a record too large to buffer ends the trial
/// of that candidate as if the file ended there (see docs/tagging.md 1).
/// </summary>
internal static class PcapVariants
{
    public static readonly PcapVariant[] StandardMagic = [PcapVariant.Standard, PcapVariant.Ss990417, PcapVariant.Nokia];

    public static readonly PcapVariant[] ModifiedMagic = [PcapVariant.Ss991029, PcapVariant.Ss990915];

    /// <summary>How many records a candidate reads (wiretap's MAX_RECORDS_TO_TRY).</summary>
    private const int RecordsToTry = 3;

    /// <summary>The most bytes the guess may look ahead; beyond it a candidate's trial stops as at the end of the file.</summary>
    private const int LookAheadLimit = 2 << 20;

    /// <summary>Whether the captured and original lengths of a record header are in the other order (files before 2.3).</summary>
    public enum Lengths
    {
        NotSwapped,
        Swapped,
        MaybeSwapped,
    }

    public static int HeaderLength(PcapVariant variant) => variant switch
    {
        PcapVariant.Ss990417 or PcapVariant.Ss991029 => 24,
        PcapVariant.Ss990915 => 28,
        PcapVariant.Nokia => 20,
        _ => 16,
    };

    /// <summary>As wiretap: version 2.0-2.2 and 543.x swap the two lengths, 2.3 swaps them when captured exceeds original.</summary>
    public static Lengths LengthsOf(ushort major, ushort minor) => (major, minor) switch
    {
        (2, < 3) => Lengths.Swapped,
        (2, 3) => Lengths.MaybeSwapped,
        (543, _) => Lengths.Swapped,
        _ => Lengths.NotSwapped,
    };

    /// <summary>The captured and original lengths from the two fields as stored.</summary>
    public static (uint Captured, uint Original) Order(Lengths lengths, uint first, uint second) =>
        lengths == Lengths.Swapped || (lengths == Lengths.MaybeSwapped && first > second) ? (second, first) : (first, second);

    /// <summary>Picks the variant the way wiretap does, peeking at the records after the file header (nothing is consumed).</summary>
    public static PcapVariant Guess(
        StreamWindow window, PcapVariant[] candidates, bool bigEndian, Lengths lengths, int maxPacketLength, uint snapLength)
    {
        var best = candidates[0];
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var score = Try(window, candidate, bigEndian, lengths, maxPacketLength, snapLength);
            if (score == 0)
            {
                return candidate;
            }

            if (score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static int Try(StreamWindow window, PcapVariant variant, bool bigEndian, Lengths lengths, int maxPacketLength, uint snapLength)
    {
        var headerLength = HeaderLength(variant);
        long at = 0;
        for (var i = 0; i < RecordsToTry; i++)
        {
            if (at + headerLength > LookAheadLimit || !window.Ensure((int)(at + headerLength)))
            {
                return 0; // the end of the file (or of the look-ahead): wiretap assumes this format
            }

            var header = window.Peek((int)at, headerLength);
            var fraction = U32(header[4..], bigEndian);
            var (captured, original) = Order(lengths, U32(header[8..], bigEndian), U32(header[12..], bigEndian));
            var score = (fraction >= 1_000_000 ? 1 : 0)
                + (captured > (uint)maxPacketLength ? 1 : 0)
                + (captured > snapLength ? 1 : 0)
                + (original > 128u << 20 ? 1 : 0)
                + (captured > original ? 1 : 0);
            if (score != 0)
            {
                return score;
            }

            at += headerLength + (long)captured;
            if (at > LookAheadLimit || !window.Ensure((int)at))
            {
                return 0; // a record cut off (or too large to look past): wiretap assumes this format
            }
        }

        return 0;
    }

    private static uint U32(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
}
