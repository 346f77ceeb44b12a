using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Live;

/// <summary>
/// Tags packets handed over one at a time, from any source (a live interface, a socket, a test), exactly as
/// <see cref="CaptureTagger"/> tags the records of a file: every packet given is a frame, numbered from 1 in
/// the order given. Not thread-safe: one source feeds one tagger.
/// </summary>
public sealed class PacketTagger
{
    private const int NanosecondsPerSecond = 1_000_000_000;

    private readonly TaggingEngine engine;

    public PacketTagger(SignatureModel model, TagOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        engine = new TaggingEngine(new CompiledModel(model, options), options?.Details ?? true, options?.Bounds);
    }

    /// <summary>How many packets were given so far: the number of the last frame.</summary>
    public long Frames { get; private set; }

    /// <summary>
    /// Judges the next frame. <paramref name="linkType"/> is a LINKTYPE_ value (<see cref="LinkTypes"/>), as a
    /// pcap file header would hold it; the time is whole seconds since 1970 plus nanoseconds, kept apart so that
    /// a file written from the same values is tagged identically. Returns the tag, or null for an untagged frame.
    /// </summary>
    public TaggedFrame? Process(int linkType, long seconds, int nanoseconds, ReadOnlySpan<byte> packet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, NanosecondsPerSecond);
        var record = new CaptureRecord(++Frames, -1, linkType, 0, seconds, nanoseconds, packet.Length, packet.Length);
        return engine.Process(record, packet);
    }

    /// <summary>Judges the next frame; <paramref name="time"/> is seconds since 1970 (rounded to whole nanoseconds).</summary>
    public TaggedFrame? Process(int linkType, double time, ReadOnlySpan<byte> packet)
    {
        if (!double.IsFinite(time))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "a finite number of seconds");
        }

        var seconds = Math.Floor(time);
        var nanoseconds = (int)Math.Min(NanosecondsPerSecond - 1, Math.Round((time - seconds) * NanosecondsPerSecond));
        return Process(linkType, (long)seconds, nanoseconds, packet);
    }
}
