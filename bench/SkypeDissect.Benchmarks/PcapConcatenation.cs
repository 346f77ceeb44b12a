using System.Buffers.Binary;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// Joins captures into one nanosecond pcap in memory, each file shifted in time to start a second after
/// the previous one ended, as mergecap -a after editcap -t would. Only Ethernet records are kept: one pcap
/// has one link type.
/// </summary>
public static class PcapConcatenation
{
    private const long NanosPerSecond = 1_000_000_000L;

    public static byte[] Concatenate(IEnumerable<string> files)
    {
        using var output = new MemoryStream();
        WriteFileHeader(output);
        var cursor = 0L; // nanoseconds; 0 means "keep the first file's own times"
        foreach (var file in files)
        {
            cursor = Append(file, output, cursor);
        }

        return output.ToArray();
    }

    private static long Append(string file, Stream output, long cursor)
    {
        using var input = File.OpenRead(file);
        var reader = CaptureReader.Open(input);
        long? shift = null;
        var last = cursor;
        Span<byte> header = stackalloc byte[16];
        while (reader.TryRead(out var record))
        {
            if (record.LinkType != LinkTypes.Ethernet)
            {
                continue;
            }

            var time = (record.Seconds * NanosPerSecond) + record.Nanoseconds;
            shift ??= cursor == 0 ? 0 : cursor - time;
            time += shift.Value;
            last = Math.Max(last, time);
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(time / NanosPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(time % NanosPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)record.CapturedLength);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)Math.Min(record.OriginalLength, uint.MaxValue));
            output.Write(header);
            output.Write(reader.Data);
        }

        return last + NanosPerSecond;
    }

    private static void WriteFileHeader(Stream output)
    {
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0xa1b23c4d); // nanosecond pcap
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 262144); // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)LinkTypes.Ethernet);
        output.Write(h);
    }
}
