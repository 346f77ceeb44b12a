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
    public static IEnumerable<TaggedFrame> Analyze(Stream capture, SignatureModel model, TagOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var engine = new TaggingEngine(new CompiledModel(model, options), options?.Details ?? true);
        return Run(capture, engine);
    }

    private static IEnumerable<TaggedFrame> Run(Stream capture, TaggingEngine engine)
    {
        var reader = CaptureReader.Open(capture);
        while (true)
        {
            var tagged = Next(reader, engine, out var more);
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
    private static TaggedFrame? Next(CaptureReader reader, TaggingEngine engine, out bool more)
    {
        more = reader.TryRead(out var record);
        return more ? engine.Process(record, reader.Data) : null;
    }
}
