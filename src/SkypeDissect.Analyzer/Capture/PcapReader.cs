using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// Classic libpcap files: either byte order, microsecond (a1b2c3d4) or nanosecond (a1b23c4d) timestamps,
/// and the "modified" Kuznetzov variant (a1b2cd34) whose record headers carry 8 more bytes.
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
        nanoseconds = native == Nano;
        recordHeaderLength = native == Modified ? 24 : 16;
        var major = U16(header[4..]);
        if (major < 2)
        {
            throw new CaptureFormatException(4, $"pcap major version {major} is not supported");
        }

        linkType = LinkType(U32(header[20..]), !bigEndian && native == Micro && major == 2 && U16(header[6..]) == 2);
        window.Advance(FileHeaderLength);
    }

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
        var captured = U32(header[8..]);
        var original = U32(header[12..]);
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
