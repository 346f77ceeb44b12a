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

        // The upper bits of the link-type field carry FCS information (LT_LINKTYPE masks them off).
        linkType = (int)(U32(header[20..]) & 0x03FFFFFF);
        window.Advance(FileHeaderLength);
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

        EnsureRecord(recordHeaderLength + (long)captured, "record");
        total = recordHeaderLength + (int)captured;

        // As wiretap does: microseconds times 1000 in 32-bit arithmetic.
        var nanos = nanoseconds ? unchecked((int)fraction) : unchecked((int)(fraction * 1000u));
        record = new CaptureRecord(number, Window.Position, linkType, 0, seconds, nanos, (int)captured, original) { ByteSwapped = bigEndian };
        return true;
    }

    private uint U32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ushort U16(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
}
