using System.Buffers.Binary;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cases;

namespace SkypeDissect.Tests.Hostile;

/// <summary>One record of the base capture: its timestamp as written and its bytes.</summary>
internal sealed record BaseRecord(uint Seconds, uint Micros, byte[] Data);

/// <summary>
/// The capture every broken file is cut from: tests/cases/login-normal (143 frames, 104 tagged), read
/// record by record here without the analyzer's reader, so the damage is placed independently of it.
/// </summary>
internal static class BaseCapture
{
    private static readonly Lazy<byte[]> FileLazy = new(() => File.ReadAllBytes(new CaseFolder("login-normal").Capture));
    private static readonly Lazy<IReadOnlyList<BaseRecord>> RecordsLazy = new(() => Parse(FileLazy.Value));

    public static byte[] Bytes => FileLazy.Value;

    public static IReadOnlyList<BaseRecord> Records => RecordsLazy.Value;

    /// <summary>The frames tagged in the whole file (expected.tsv of login-normal).</summary>
    public static IReadOnlyList<TagRow> Expected => TagRows.Read(new CaseFolder("login-normal").Expected);

    /// <summary>The expected tags of frames up to <paramref name="lastFrame"/>: what must survive damage after it.</summary>
    public static IReadOnlyList<TagRow> ExpectedUpTo(long lastFrame) => [.. Expected.Where(r => r.Frame <= lastFrame)];

    /// <summary>Byte offset of record <paramref name="number"/> (1-based) in the classic pcap file.</summary>
    public static long PcapOffsetOf(int number) => 24 + Records.Take(number - 1).Sum(r => 16L + r.Data.Length);

    /// <summary>The file header and the first <paramref name="count"/> records, as written in the base file.</summary>
    public static byte[] PcapPrefix(int count) => Bytes[..(int)PcapOffsetOf(count + 1)];

    /// <summary>A classic pcap record header and data; <paramref name="captured"/> and <paramref name="original"/> default to the data's length.</summary>
    public static byte[] PcapRecord(BaseRecord r, uint? captured = null, uint? original = null, byte[]? data = null)
    {
        var bytes = data ?? r.Data;
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, r.Seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), r.Micros);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), captured ?? (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), original ?? (uint)r.Data.Length);
        return [.. header, .. bytes];
    }

    /// <summary>Ticks in microseconds for a pcapng enhanced packet block (default if_tsresol).</summary>
    public static ulong Ticks(BaseRecord r) => (r.Seconds * 1_000_000UL) + r.Micros;

    private static List<BaseRecord> Parse(byte[] file)
    {
        BinaryPrimitives.ReadUInt32LittleEndian(file).Should().Be(0xA1B2C3D4u, "the base capture is little-endian microsecond pcap");
        var records = new List<BaseRecord>();
        for (var at = 24; at < file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            records.Add(new BaseRecord(
                BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)),
                BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4)),
                file[(at + 16)..(at + 16 + length)]));
            at += 16 + length;
        }

        return records;
    }
}
