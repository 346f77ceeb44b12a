using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// pcapng files: sections of either byte order, one interface description per interface (link type,
/// if_tsresol, if_tsoffset), enhanced, simple and obsolete packet blocks. Blocks of other types are
/// skipped; the ones Wireshark shows as frames without packet data (systemd journal, sysdig events,
/// custom blocks) are counted so that frame numbers stay Wireshark's.
/// </summary>
internal sealed partial class PcapNgReader : CaptureReader
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const uint InterfaceType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;
    private const uint JournalExportType = 9;

    /// <summary>wiretap's MAX_BLOCK_SIZE: an enhanced packet block with a 128 MiB D-Bus packet and 128 KiB of options.</summary>
    private const long MaxBlockSize = 32 + (128L << 20) + 131072;

    private readonly List<Interface> interfaces = [];
    private bool bigEndian;

    public PcapNgReader(StreamWindow window)
        : base(window)
    {
    }

    private protected override bool ReadNext(long number, out CaptureRecord record, out int skip, out int total)
    {
        while (true)
        {
            record = default;
            skip = total = 0;
            if (!Window.Ensure(12))
            {
                if (Window.Buffered == 0)
                {
                    return false;
                }

                throw new CaptureFormatException(Window.Position, $"truncated block header: {Window.Buffered} of 12 bytes");
            }

            var at = Window.Position;
            var type = U32(Window.Peek(4));
            if (type == SectionHeaderType)
            {
                var bom = BinaryPrimitives.ReadUInt32LittleEndian(Window.Peek(8, 4));
                bigEndian = bom != ByteOrderMagic;
                if (bigEndian && BinaryPrimitives.ReverseEndianness(bom) != ByteOrderMagic)
                {
                    throw new CaptureFormatException(at, $"section header has no byte-order magic (0x{bom:x8})");
                }
            }
            else if (number == 1 && at == 0)
            {
                throw new CaptureFormatException(at, "pcapng file does not start with a section header");
            }

            // wiretap rounds a length that is not a multiple of 4 up, and compares the trailer with it unrounded.
            var length = U32(Window.Peek(4, 4));
            var physical = ((long)length + 3) & ~3L;
            if (length < 12)
            {
                throw new CaptureFormatException(at, $"block length {length} is less than 12");
            }

            // wiretap compares a section header's length as given, any other block's rounded up.
            if ((type == SectionHeaderType ? length : physical) > MaxBlockSize)
            {
                throw new CaptureFormatException(at, $"block of type 0x{type:x8} claims {length} bytes, more than Wireshark's maximum of {MaxBlockSize}");
            }

            if (physical > BufferedLimit)
            {
                if (ReadLarge(type, length, physical, at, number, out record))
                {
                    return true;
                }

                continue;
            }

            EnsureRecord(physical, $"block of type 0x{type:x8}");
            var block = Window.Peek((int)physical);
            var trailer = U32(block[^4..]);
            if (trailer != length)
            {
                throw new CaptureFormatException(at, $"block lengths disagree ({length} at the start, {trailer} at the end)");
            }

            var body = block[8..^4];
            if (TryPacket(type, body, at, number, out record, out skip))
            {
                total = (int)physical;
                return true;
            }

            Window.Advance((int)physical);
        }
    }

    private bool TryPacket(uint type, ReadOnlySpan<byte> body, long at, long number, out CaptureRecord record, out int skip)
    {
        record = default;
        skip = 8;
        switch (type)
        {
            case SectionHeaderType:
                ReadSectionHeader(body, at);
                return false;
            case InterfaceType:
                interfaces.Add(ReadInterface(body, at));
                return false;
            case EnhancedPacketType:
                record = ReadPacket(body, at, number, U32(body), 4, 20, "enhanced packet block");
                skip += 20;
                return true;
            case ObsoletePacketType:
                record = ReadPacket(body, at, number, U16(body), 4, 20, "packet block");
                skip += 20;
                return true;
            case SimplePacketType:
                record = ReadSimplePacket(body, at, number);
                skip += 4;
                return true;
            // Frames without packet data for Wireshark 4.0 (checked with tshark): systemd journal export,
            // the sysdig event blocks it knows, and custom blocks.
            case JournalExportType or 0x204 or 0x216 or 0x221 or 0x0BAD or 0x40000BAD:
                record = new CaptureRecord(number, at, LinkTypes.NoPacket, 0, 0, 0, 0, 0);
                return true;
            default:
                return false;
        }
    }

    private void ReadSectionHeader(ReadOnlySpan<byte> body, long at)
    {
        if (body.Length < 16)
        {
            throw new CaptureFormatException(at, $"section header block of {body.Length + 12} bytes is too short");
        }

        // Like wiretap 4.0: only versions 1.0 and 1.2 (1.2 read as 1.0).
        if (PcapNgOptions.Check(body[16..], PcapNgOptions.Owner.Section, bigEndian) is { } error)
        {
            throw new CaptureFormatException(at, "section header block: " + error);
        }

        var major = U16(body[4..]);
        var minor = U16(body[6..]);
        if (major != 1 || minor is not (0 or 2))
        {
            throw new CaptureFormatException(at, $"pcapng version {major}.{minor} is not supported");
        }

        interfaces.Clear();
    }

    private Interface ReadInterface(ReadOnlySpan<byte> body, long at)
    {
        if (body.Length < 8)
        {
            throw new CaptureFormatException(at, $"interface description block of {body.Length + 12} bytes is too short");
        }

        if (PcapNgOptions.Walk(body[8..], PcapNgOptions.Owner.Interface, bigEndian, out var tsresol, out var offsetSeconds) is { } error)
        {
            throw new CaptureFormatException(at, "interface description block: " + error);
        }

        var unitsPerSecond = tsresol is { } r ? Resolution(r) : 1_000_000UL;
        return new Interface(U16(body), U32(body[4..]), unitsPerSecond, offsetSeconds);
    }

    /// <summary>if_tsresol: 10^-n or (top bit set) 2^-n seconds; an exponent too large gives wiretap's maximum.</summary>
    private static ulong Resolution(byte tsresol)
    {
        var exponent = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0)
        {
            return exponent < 64 ? 1UL << exponent : ulong.MaxValue;
        }

        if (exponent >= 20)
        {
            return ulong.MaxValue;
        }

        var units = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            units *= 10;
        }

        return units;
    }

    private CaptureRecord ReadPacket(ReadOnlySpan<byte> body, long at, long number, uint interfaceId, int timeAt, int headerLength, string what)
    {
        if (body.Length < headerLength)
        {
            throw new CaptureFormatException(at, $"{what} of {body.Length + 12} bytes is too short");
        }

        var iface = InterfaceOf(interfaceId, at);
        var captured = U32(body[(timeAt + 8)..]);
        if (captured > LinkTypes.MaxPacketLength(iface.LinkType))
        {
            throw new CaptureFormatException(at, $"{what} of {captured} bytes is bigger than the maximum of {LinkTypes.MaxPacketLength(iface.LinkType)}");
        }

        if (captured > body.Length - headerLength)
        {
            throw new CaptureFormatException(at, $"{what} claims {captured} captured bytes, the block holds {body.Length - headerLength}");
        }

        var optionsAt = headerLength + (int)((captured + 3) & ~3u);
        if (PcapNgOptions.Check(body[Math.Min(optionsAt, body.Length)..], PcapNgOptions.Owner.Packet, bigEndian) is { } error)
        {
            throw new CaptureFormatException(at, $"{what}: {error}");
        }

        var (seconds, nanos) = Time(iface, ((ulong)U32(body[timeAt..]) << 32) | U32(body[(timeAt + 4)..]));
        return new CaptureRecord(number, at, iface.LinkType, (int)interfaceId, seconds, nanos, (int)captured, U32(body[(timeAt + 12)..])) { ByteSwapped = bigEndian };
    }

    private CaptureRecord ReadSimplePacket(ReadOnlySpan<byte> body, long at, long number)
    {
        if (body.Length < 4)
        {
            throw new CaptureFormatException(at, "simple packet block is too short");
        }

        // As wiretap: the captured length is the original length, cut to the snapshot length; the block must
        // hold exactly that (padded), since the trailer is read right after it.
        var iface = InterfaceOf(0, at);
        long captured = U32(body);
        if (iface.SnapLength != 0)
        {
            captured = Math.Min(captured, iface.SnapLength);
        }

        var padded = (captured + 3) & ~3L;
        if (padded > body.Length - 4)
        {
            throw new CaptureFormatException(at, $"simple packet block of {body.Length + 12} bytes is too small for {captured} bytes of packet data");
        }

        if (padded < body.Length - 4)
        {
            throw new CaptureFormatException(at, $"simple packet block of {body.Length + 12} bytes holds more than {captured} bytes of packet data");
        }

        if (captured > LinkTypes.MaxPacketLength(iface.LinkType))
        {
            throw new CaptureFormatException(at, $"simple packet block of {captured} bytes is bigger than the maximum of {LinkTypes.MaxPacketLength(iface.LinkType)}");
        }

        // A simple packet block has no timestamp: Wireshark shows time 0.
        return new CaptureRecord(number, at, iface.LinkType, 0, 0, 0, (int)captured, U32(body)) { ByteSwapped = bigEndian };
    }

    /// <summary>Seconds and nanoseconds of <paramref name="ticks"/>, computed exactly (docs/tagging.md 1, "Times").</summary>
    private static (long Seconds, int Nanos) Time(Interface iface, ulong ticks) =>
        ((long)(ticks / iface.UnitsPerSecond) + iface.OffsetSeconds, (int)((UInt128)(ticks % iface.UnitsPerSecond) * 1_000_000_000UL / iface.UnitsPerSecond));

    private Interface InterfaceOf(uint id, long at) =>
        id < interfaces.Count
            ? interfaces[(int)id]
            : throw new CaptureFormatException(at, $"packet of interface {id}, but the section describes {interfaces.Count}");

    private uint U32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ushort U16(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private ulong U64(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    private sealed record Interface(int LinkType, uint SnapLength, ulong UnitsPerSecond, long OffsetSeconds);
}
