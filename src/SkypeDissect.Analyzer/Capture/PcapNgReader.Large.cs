namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// pcapng blocks larger than <see cref="CaptureReader.BufferedLimit"/> (up to wiretap's maximum of 128 MiB and
/// change), read as a stream so that memory does not follow them: the fixed part, the packet data (copied out
/// when its link type is decoded, streamed past otherwise), the options one at a time, then the trailer. They
/// are read with the same checks as small blocks.
/// </summary>
internal sealed partial class PcapNgReader
{
    private bool ReadLarge(uint type, uint length, long physical, long at, long number, out CaptureRecord record)
    {
        record = default;
        var what = $"block of type 0x{type:x8}";
        var trailerAt = at + physical - 4;
        switch (type)
        {
            case SectionHeaderType:
                var section = Fixed(at, 16, physical, what);
                var (major, minor) = (U16(section[4..]), U16(section[6..]));
                Options(trailerAt, PcapNgOptions.Owner.Section, at, physical, "section header block: ", out _, out _);
                if (major != 1 || minor is not (0 or 2))
                {
                    throw new CaptureFormatException(at, $"pcapng version {major}.{minor} is not supported");
                }

                interfaces.Clear();
                break;
            case InterfaceType:
                var idb = Fixed(at, 8, physical, what);
                var (linkType, snapLength) = (U16(idb), U32(idb[4..]));
                Options(trailerAt, PcapNgOptions.Owner.Interface, at, physical, "interface description block: ", out var tsresol, out var offsetSeconds);
                interfaces.Add(new Interface(linkType, snapLength, tsresol is { } r ? Resolution(r) : 1_000_000UL, offsetSeconds));
                break;
            case EnhancedPacketType or ObsoletePacketType:
                record = Packet(type, at, physical, trailerAt, number, what);
                break;
            case SimplePacketType:
                record = Simple(at, physical, number, what);
                break;
            case JournalExportType or 0x204 or 0x216 or 0x221 or 0x0BAD or 0x40000BAD:
                SkipWithin(trailerAt - Window.Position, at, physical, what);
                record = new CaptureRecord(number, at, LinkTypes.NoPacket, 0, 0, 0, 0, 0);
                break;
            default:
                SkipWithin(trailerAt - Window.Position, at, physical, what);
                break;
        }

        Trailer(at, length, physical, what);
        return type is EnhancedPacketType or ObsoletePacketType or SimplePacketType or JournalExportType or 0x204 or 0x216 or 0x221 or 0x0BAD or 0x40000BAD;
    }

    private CaptureRecord Packet(uint type, long at, long physical, long trailerAt, long number, string what)
    {
        var fixedPart = Fixed(at, 20, physical, what, advance: false);
        var enhanced = type == EnhancedPacketType;
        var name = enhanced ? "enhanced packet block" : "packet block";
        var interfaceId = enhanced ? U32(fixedPart) : U16(fixedPart);
        var iface = InterfaceOf(interfaceId, at);
        var captured = U32(fixedPart[12..]);
        var original = U32(fixedPart[16..]);
        var (seconds, nanos) = Time(iface, ((ulong)U32(fixedPart[4..]) << 32) | U32(fixedPart[8..]));
        if (captured > LinkTypes.MaxPacketLength(iface.LinkType))
        {
            throw new CaptureFormatException(at, $"{name} of {captured} bytes is bigger than the maximum of {LinkTypes.MaxPacketLength(iface.LinkType)}");
        }

        var padded = ((long)captured + 3) & ~3L;
        if (captured > physical - 32)
        {
            throw new CaptureFormatException(at, $"{name} claims {captured} captured bytes, the block holds {physical - 32}");
        }

        PacketData(at, physical, what, iface.LinkType, (int)captured, 28);
        SkipWithin(at + 28 + padded - Window.Position, at, physical, what);
        Options(trailerAt, PcapNgOptions.Owner.Packet, at, physical, name + ": ", out _, out _);
        return new CaptureRecord(number, at, iface.LinkType, (int)interfaceId, seconds, nanos, (int)captured, original) { ByteSwapped = bigEndian };
    }

    private CaptureRecord Simple(long at, long physical, long number, string what)
    {
        var iface = InterfaceOf(0, at);
        var original = U32(Fixed(at, 4, physical, what, advance: false));
        long captured = iface.SnapLength != 0 ? Math.Min(original, iface.SnapLength) : original;
        var padded = (captured + 3) & ~3L;
        if (padded != physical - 16)
        {
            throw new CaptureFormatException(at, $"simple packet block of {physical} bytes does not hold exactly {captured} bytes of packet data");
        }

        if (captured > LinkTypes.MaxPacketLength(iface.LinkType))
        {
            throw new CaptureFormatException(at, $"simple packet block of {captured} bytes is bigger than the maximum of {LinkTypes.MaxPacketLength(iface.LinkType)}");
        }

        PacketData(at, physical, what, iface.LinkType, (int)captured, 12);
        SkipWithin(at + 12 + padded - Window.Position, at, physical, what);
        return new CaptureRecord(number, at, iface.LinkType, 0, 0, 0, (int)captured, original) { ByteSwapped = bigEndian };
    }

    /// <summary>Keeps a copy of the packet data at <paramref name="dataAt"/> from the block's start when the analyzer decodes its link type.</summary>
    private void PacketData(long at, long physical, string what, int linkType, int captured, int dataAt)
    {
        if (!LinkTypes.IsDecoded(linkType))
        {
            DropData();
            return;
        }

        if (!Window.Ensure(dataAt + captured))
        {
            throw new CaptureFormatException(at, $"truncated {what}: needs {physical} bytes, the file ends after {Window.Buffered}");
        }

        KeepCopy(Window.Peek(dataAt, captured));
    }

    /// <summary>The block header and <paramref name="count"/> bytes of its fixed part; consumed unless <paramref name="advance"/> is false.</summary>
    private ReadOnlySpan<byte> Fixed(long at, int count, long physical, string what, bool advance = true)
    {
        if (!Window.Ensure(8 + count))
        {
            throw new CaptureFormatException(at, $"truncated {what}: needs {physical} bytes, the file ends after {Window.Buffered}");
        }

        var part = Window.Peek(8, count);
        if (!advance)
        {
            return part;
        }

        var copy = part.ToArray();
        Window.Advance(8 + count);
        return copy;
    }

    /// <summary>Walks the options up to the trailer one at a time, as <see cref="PcapNgOptions.Walk"/> does over a buffered block.</summary>
    private void Options(long trailerAt, PcapNgOptions.Owner owner, long at, long physical, string prefix, out byte? tsresol, out long tsoffset)
    {
        tsresol = null;
        tsoffset = 0;
        while (Window.Position < trailerAt)
        {
            var left = trailerAt - Window.Position;
            if (left < 4)
            {
                throw new CaptureFormatException(at, prefix + "not enough data for an option header");
            }

            if (!Window.Ensure(4))
            {
                throw new CaptureFormatException(at, $"truncated block of {physical} bytes: the file ends inside its options");
            }

            var code = U16(Window.Peek(4));
            int length = U16(Window.Peek(2, 2));
            var rounded = (length + 3) & ~3;
            if (rounded > left - 4)
            {
                throw new CaptureFormatException(at, prefix + $"not enough data for an option of length {length}");
            }

            if (code == 0)
            {
                SkipWithin(left, at, physical, "block"); // opt_endofopt; what follows is padding
                return;
            }

            if (!Window.Ensure(4 + rounded))
            {
                throw new CaptureFormatException(at, $"truncated block of {physical} bytes: the file ends inside its options");
            }

            if (PcapNgOptions.One(code, Window.Peek(4, length), owner, bigEndian, ref tsresol, ref tsoffset) is { } error)
            {
                throw new CaptureFormatException(at, prefix + error);
            }

            Window.Advance(4 + rounded);
        }
    }

    private void Trailer(long at, uint length, long physical, string what)
    {
        if (!Window.Ensure(4))
        {
            throw new CaptureFormatException(at, $"truncated {what}: needs {physical} bytes, the file ends before its trailer");
        }

        var trailer = U32(Window.Peek(4));
        if (trailer != length)
        {
            throw new CaptureFormatException(at, $"block lengths disagree ({length} at the start, {trailer} at the end)");
        }

        Window.Advance(4);
    }
}
