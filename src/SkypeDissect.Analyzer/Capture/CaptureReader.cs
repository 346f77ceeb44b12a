using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// Streams the records of a classic pcap or a pcapng file, one at a time, in bounded memory. The bytes of
/// the current record stay valid until the next <see cref="TryRead"/>. Damage raises
/// <see cref="CaptureFormatException"/> naming the byte offset; records before it were already returned.
/// The reader does not own the stream.
/// </summary>
public abstract class CaptureReader
{
    /// <summary>No record may claim more bytes than this (Wireshark's own limits are lower; this only bounds memory).</summary>
    public const int MaxRecordLength = 256 << 20;

    /// <summary>
    /// Records and blocks up to this size are buffered whole. Larger ones are legal only for link types the
    /// analyzer does not decode (D-Bus, USB: packets of up to 128 MiB) or as pcapng blocks with large options:
    /// they are streamed past, the packet data copied out when it is decoded, so memory stays bounded.
    /// </summary>
    private protected const int BufferedLimit = 1 << 20;

    private int dataSkip;
    private int dataLength;
    private int pendingAdvance;
    private byte[] copy = [];
    private DataPlace place;

    private protected CaptureReader(StreamWindow window)
    {
        Window = window;
    }

    /// <summary>How many records were returned so far (the number of the last one).</summary>
    public long RecordCount { get; private set; }

    /// <summary>The captured bytes of the record last returned by <see cref="TryRead"/>.</summary>
    public ReadOnlySpan<byte> Data => place == DataPlace.Copied ? copy.AsSpan(0, dataLength) : Window.Peek(dataSkip, dataLength);

    private protected StreamWindow Window { get; }

    /// <summary>Detects the format from the first four bytes and reads the file header.</summary>
    public static CaptureReader Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var window = new StreamWindow(stream);
        if (!window.Ensure(4))
        {
            throw new CaptureFormatException(0, window.Buffered == 0 ? "the file is empty" : "the file is too short for a capture header");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(window.Peek(4));
        if (magic == PcapNgReader.SectionHeaderType)
        {
            return new PcapNgReader(window);
        }

        if (PcapReader.IsMagic(magic))
        {
            return new PcapReader(window);
        }

        throw new CaptureFormatException(0, $"not a pcap or pcapng file (magic 0x{magic:x8})");
    }

    /// <summary>Reads the next record; false at the clean end of the file.</summary>
    public bool TryRead(out CaptureRecord record)
    {
        Window.Advance(pendingAdvance);
        pendingAdvance = 0;
        dataLength = 0;
        place = DataPlace.Window;
        if (!ReadNext(RecordCount + 1, out record, out var skip, out var total))
        {
            return false;
        }

        dataSkip = skip;
        dataLength = place == DataPlace.None ? 0 : record.CapturedLength;
        pendingAdvance = total;
        RecordCount++;
        return true;
    }

    /// <summary>
    /// Reads up to the next packet record, leaving the window at its start. <paramref name="skip"/> is where its
    /// data begins and <paramref name="total"/> how many bytes the record takes in the file.
    /// </summary>
    private protected abstract bool ReadNext(long number, out CaptureRecord record, out int skip, out int total);

    /// <summary>The record being read keeps a copy of its data (the window moves on past the rest of its block).</summary>
    private protected void KeepCopy(ReadOnlySpan<byte> data)
    {
        if (copy.Length < data.Length)
        {
            copy = new byte[Math.Max(data.Length, copy.Length * 2)];
        }

        data.CopyTo(copy);
        place = DataPlace.Copied;
    }

    /// <summary>The record being read offers no data: its link type is not decoded and its bytes were streamed past.</summary>
    private protected void DropData() => place = DataPlace.None;

    /// <summary>Consumes <paramref name="count"/> bytes of the record that started at <paramref name="start"/> and needs <paramref name="needed"/> in all.</summary>
    private protected void SkipWithin(long count, long start, long needed, string what)
    {
        if (!Window.Skip(count))
        {
            throw new CaptureFormatException(start, $"truncated {what}: needs {needed} bytes, the file ends after {Window.Position - start}");
        }
    }

    /// <summary>Makes a record of <paramref name="total"/> bytes available or reports how the file is cut short.</summary>
    private protected void EnsureRecord(long total, string what)
    {
        if (total > MaxRecordLength + 1024L)
        {
            throw new CaptureFormatException(Window.Position, $"{what} claims {total} bytes, more than the limit of {MaxRecordLength}");
        }

        if (!Window.Ensure((int)total))
        {
            throw new CaptureFormatException(
                Window.Position, $"truncated {what}: needs {total} bytes, the file ends after {Window.Buffered}");
        }
    }

    private enum DataPlace
    {
        Window,
        Copied,
        None,
    }
}
