using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// Classic libpcap files: either byte order, microsecond (a1b2c3d4) or nanosecond (a1b23c4d) timestamps,
/// and the "modified" Kuznetzov magic (a1b2cd34). As wiretap 4.0 does (libpcap.c, libpcap_try), the record
/// header format of a standard or modified magic is not taken on trust: see <see cref="PcapVariants"/>.
/// </summary>
internal sealed class PcapReader : CaptureReader
{
    private const uint Micro = 0xa1b2c3d4;
    private const uint Nano = 0xa1b23c4d;
    private const uint Modified = 0xa1b2cd34;
    private const int FileHeaderLength = 24;

    private readonly bool bigEndian;
    private readonly bool nanoseconds;
    private readonly int recordHeaderLength;
    private readonly int linkType;
    private readonly PcapVariants.Lengths lengths;

    public PcapReader(StreamWindow window)
        : base(window)
    {
        if (!window.Ensure(FileHeaderLength))
        {
            throw new CaptureFormatException(0, "truncated pcap file header");
        }

        var header = window.Peek(FileHeaderLength);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bigEndian = !(magic is Micro or Nano or Modified);
        var native = bigEndian ? BinaryPrimitives.ReverseEndianness(magic) : magic;
        var major = U16(header[4..]);
        if (major < 2)
        {
            throw new CaptureFormatException(4, $"pcap major version {major} is not supported");
        }

        var minor = U16(header[6..]);
        var aix = !bigEndian && native == Micro && major == 2 && minor == 2 && U32(header[20..]) is 6 or 9 or 15 or 24;
        linkType = LinkType(U32(header[20..]), aix);
        lengths = PcapVariants.LengthsOf(major, minor);
        var snapLength = U32(header[16..]);
        window.Advance(FileHeaderLength);

        // wiretap 4.0: AIX needs no guess (and has nanosecond stamps); a nanosecond magic has one format; the
        // standard magic may be standard, ss990417 or Nokia, the modified one ss991029 or ss990915.
        var variant = aix ? PcapVariant.Aix
            : native == Nano ? PcapVariant.Nanosecond
            : PcapVariants.Guess(
                window,
                native == Modified ? PcapVariants.ModifiedMagic : PcapVariants.StandardMagic,
                bigEndian,
                lengths,
                LinkTypes.MaxPacketLength(linkType),
                snapLength);
        Variant = variant;
        nanoseconds = variant is PcapVariant.Nanosecond or PcapVariant.Aix;
        recordHeaderLength = PcapVariants.HeaderLength(variant);
    }

    /// <summary>The record header format the file is read with.</summary>
    internal PcapVariant Variant { get; }

    /// <summary>
    /// The link type as wiretap 4.0 reads the field (libpcap.c): its top bits may carry an FCS length, bits 16-25
    /// are reserved and must be zero, and the type must be one wiretap knows; otherwise tshark refuses the file.
    /// A little-endian microsecond file of version 2.2 may come from AIX, which wrote interface types there.
    /// </summary>
    private static int LinkType(uint field, bool maybeAix)
    {
        if (maybeAix)
        {
            field = field switch { 6 => 1, 9 => 6, 15 => 10, 24 => 0, _ => field };
        }

        if ((field & 0x03FF0000) != 0)
        {
            throw new CaptureFormatException(20, $"the link-type field 0x{field:x8} has reserved bits set (Wireshark refuses the file)");
        }

        var linkType = (int)(field & 0xFFFF);
        return WiretapLinkTypes.IsKnown(linkType)
            ? linkType
            : throw new CaptureFormatException(20, $"link type {linkType} is unknown to Wireshark (it refuses the file)");
    }

    public static bool IsMagic(uint littleEndianMagic) =>
        littleEndianMagic is Micro or Nano or Modified
        || BinaryPrimitives.ReverseEndianness(littleEndianMagic) is Micro or Nano or Modified;

    private protected override bool ReadNext(long number, out CaptureRecord record, out int skip, out int total)
    {
        record = default;
        skip = recordHeaderLength;
        total = 0;
        if (!Window.Ensure(recordHeaderLength))
        {
            if (Window.Buffered == 0)
            {
                return false;
            }

            throw new CaptureFormatException(Window.Position, $"truncated record header: {Window.Buffered} of {recordHeaderLength} bytes");
        }

        var header = Window.Peek(recordHeaderLength);
        var seconds = U32(header);
        var fraction = U32(header[4..]);
        var (captured, original) = PcapVariants.Order(lengths, U32(header[8..]), U32(header[12..]));
        if (captured > LinkTypes.MaxPacketLength(linkType))
        {
            throw new CaptureFormatException(
                Window.Position, $"record of {captured} bytes is bigger than the maximum of {LinkTypes.MaxPacketLength(linkType)}");
        }

        // As wiretap does: microseconds times 1000 in 32-bit arithmetic.
        var nanos = nanoseconds ? unchecked((int)fraction) : unchecked((int)(fraction * 1000u));
        record = new CaptureRecord(number, Window.Position, linkType, 0, seconds, nanos, (int)captured, original) { ByteSwapped = bigEndian };
        if (captured > BufferedLimit && !LinkTypes.IsDecoded(linkType))
        {
            // Up to 128 MiB of D-Bus or USB data, which no rule reads: streamed past, not buffered.
            var at = Window.Position;
            Window.Advance(recordHeaderLength);
            SkipWithin(captured, at, recordHeaderLength + (long)captured, "record");
            DropData();
            skip = 0;
            return true;
        }

        EnsureRecord(recordHeaderLength + (long)captured, "record");
        total = recordHeaderLength + (int)captured;
        return true;
    }

    private uint U32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ushort U16(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
