using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Live;

/// <summary>
/// Writes packets as a classic libpcap file with nanosecond timestamps (magic a1b23c4d, little-endian), the
/// format <see cref="Capture.CaptureReader"/>, tshark and tcpdump read. Keeping nanoseconds means a written
/// file is tagged exactly as the packets were when they were handed to <see cref="PacketTagger"/>.
/// The caller owns the stream.
/// </summary>
public sealed class PcapWriter
{
    /// <summary>tcpdump's default snapshot length; longer packets are cut, their original length kept.</summary>
    public const int DefaultSnapLength = 262144;

    private const uint NanosecondMagic = 0xa1b23c4d;
    private readonly Stream stream;
    private readonly int snapLength;
    private readonly byte[] header = new byte[16];

    /// <summary>Writes the file header at once. <paramref name="linkType"/> is the LINKTYPE_ value of every packet.</summary>
    public PcapWriter(Stream stream, int linkType, int snapLength = DefaultSnapLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(linkType);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        this.stream = stream;
        this.snapLength = snapLength;
        Span<byte> file = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(file, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(file[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(file[8..], 0); // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(file[12..], 0); // sigfigs
        BinaryPrimitives.WriteInt32LittleEndian(file[16..], snapLength);
        BinaryPrimitives.WriteInt32LittleEndian(file[20..], linkType);
        stream.Write(file);
    }

    /// <summary>Packets written so far.</summary>
    public long Packets { get; private set; }

    /// <summary>
    /// Appends one packet. <paramref name="originalLength"/> is its length on the wire (at least the captured
    /// length); bytes past the snapshot length are not written.
    /// </summary>
    public void Write(long seconds, int nanoseconds, ReadOnlySpan<byte> packet, long originalLength)
    {
        // The classic format keeps unsigned 32-bit seconds: 1970 to 2106.
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, uint.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, 1_000_000_000);
        var data = packet.Length > snapLength ? packet[..snapLength] : packet;
        var wire = Math.Clamp(originalLength, packet.Length, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)nanoseconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)wire);
        stream.Write(header);
        stream.Write(data);
        Packets++;
    }

    public void Flush() => stream.Flush();
}
