using System.Buffers.Binary;

namespace SkypeDissect.Tests.Captures;

/// <summary>Link-layer header types of the pcap format (tcpdump.org LINKTYPE_ values) that the builder writes.</summary>
public enum PcapLinkType : uint
{
    Ethernet = 1,
    LinuxCooked = 113,
}

/// <summary>One captured frame: its time in microseconds since the Unix epoch and its bytes from the link layer on.</summary>
public sealed record PcapRecord(long TimestampMicros, byte[] Data);

/// <summary>
/// Writes classic pcap (not pcapng): little-endian, microsecond timestamps, version 2.4, whole frames
/// (captured length equals original length). Small on purpose: the cases need no more, and the bytes stay
/// reproducible.
/// </summary>
public static class PcapWriter
{
    private const uint Magic = 0xA1B2C3D4;
    private const int SnapLength = 262144;

    public static byte[] Write(PcapLinkType linkType, IEnumerable<PcapRecord> records)
    {
        using var stream = new MemoryStream();
        Write(stream, linkType, records);
        return stream.ToArray();
    }

    public static void Write(Stream stream, PcapLinkType linkType, IEnumerable<PcapRecord> records)
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0); // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs, always 0 in practice
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        stream.Write(header);

        Span<byte> recordHeader = stackalloc byte[16];
        foreach (var record in records)
        {
            if (record.TimestampMicros < 0)
            {
                throw new ArgumentException("a pcap timestamp cannot lie before 1970", nameof(records));
            }

            if (record.Data.Length > SnapLength)
            {
                throw new ArgumentException($"frame of {record.Data.Length} bytes exceeds the snap length {SnapLength}", nameof(records));
            }

            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, checked((uint)(record.TimestampMicros / 1_000_000)));
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[4..], (uint)(record.TimestampMicros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[8..], (uint)record.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[12..], (uint)record.Data.Length);
            stream.Write(recordHeader);
            stream.Write(record.Data);
        }
    }
}
