using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer;

/// <summary>
/// Tags the frames of a pcap or pcapng stream as docs/tagging.md defines. Streams: memory does not grow with
/// the file. Damage raises <see cref="CaptureFormatException"/> (offset, reason) after every tag before it
/// was yielded.
/// </summary>
public static class CaptureTagger
{
    /// <summary>Tags in frame order.</summary>
    public static IEnumerable<FrameTag> Tag(Stream capture, SignatureModel model, TagOptions? options = null) =>
        Analyze(capture, model, options).Select(frame => frame.Tag);

    /// <summary>Tagged frames in frame order, with times, ends, expert events and login progress.</summary>
    /// <param name="count">When given, kept at the number of records read so far (progress, and whether any was read).</param>
    public static IEnumerable<TaggedFrame> Analyze(Stream capture, SignatureModel model, TagOptions? options = null, ReadCount? count = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var engine = new TaggingEngine(new CompiledModel(model, options), options?.Details ?? true, options?.Bounds);
        return Run(capture, engine, count);
    }

    private static IEnumerable<TaggedFrame> Run(Stream capture, TaggingEngine engine, ReadCount? count)
    {
        var reader = CaptureReader.Open(capture);
        while (true)
        {
            var tagged = Next(reader, engine, count, out var more);
            if (!more)
            {
                if (engine.Decoder.Undecoded is { } u)
                {
                    // Read to the end, but not as Wireshark reads it: say so, as for damage (README, exit codes).
                    throw new CaptureFormatException(u.Offset, $"{u.Frames} frame(s) of link type {u.LinkType}, which the analyzer does not decode (Wireshark does): not tagged");
                }

                yield break;
            }

            if (tagged is not null)
            {
                yield return tagged.Value;
            }
        }
    }

    // Spans cannot live across a yield, so each record is read and judged here.
    private static TaggedFrame? Next(CaptureReader reader, TaggingEngine engine, ReadCount? count, out bool more)
    {
        more = reader.TryRead(out var record);
        if (!more)
        {
            return null;
        }

        if (count is not null)
        {
            count.Frames = record.Number;
        }

        return engine.Process(record, reader.Data);
    }
}

/// <summary>How many records of a capture were read so far, kept up to date while it is read.</summary>
public sealed class ReadCount
{
    public long Frames { get; internal set; }
}
