using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Live;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Cli.Commands;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Live;

/// <summary>
/// What happens to each captured packet: written to the pcap file, tagged, its row printed at once (with
/// --frames), its tag added to the client's session. At the end the sessions are printed as <c>analyze</c>
/// prints them. Used from the capture loop's thread only.
/// </summary>
internal sealed class LiveRun
{
    private readonly string label;
    private readonly int linkType;
    private readonly PcapWriter? writer;
    private readonly string? writePath;
    private readonly TextWriter output;
    private readonly PacketTagger tagger;
    private readonly SessionOrder? order;
    private readonly SessionBuilder? builder;
    private readonly AnalyzeOutput sink;
    private readonly bool streaming;
    private long unflushed;

    public LiveRun(LiveInterface live, PcapWriter? writer, SignatureModel model, CaptureCommand.Settings settings, TextWriter output)
    {
        label = live.Name;
        linkType = live.LinkType;
        this.writer = writer;
        writePath = settings.Write;
        this.output = output;
        tagger = new PacketTagger(model, new TagOptions { EnabledVersions = settings.Versions });
        sink = new AnalyzeOutput(new AnalyzeCommand.Settings([label], settings.Mode, settings.Format, settings.Versions), output);
        streaming = settings.Mode == AnalyzeCommand.Mode.Frames;

        // --frames prints no session: building them would only cost memory (every login of the last minutes), as in analyze.
        if (!streaming)
        {
            order = new SessionOrder(s => sink.Session(label, s));
            builder = new SessionBuilder(model, order.Add);
        }
    }

    public long Frames => tagger.Frames;

    public long Tagged { get; private set; }

    public void Begin()
    {
        sink.Begin();
        sink.BeginFile();
        output.Flush();
    }

    /// <summary>One packet; a failure to write the pcap file becomes a <see cref="LiveCaptureException"/> naming it.</summary>
    public void Packet(long seconds, int nanoseconds, ReadOnlySpan<byte> packet, long originalLength)
    {
        if (writer is not null)
        {
            Write(writer, seconds, nanoseconds, packet, originalLength);
        }

        if (tagger.Process(linkType, seconds, nanoseconds, packet) is not { } tf)
        {
            return;
        }

        Tagged++;
        sink.Frame(label, tf.Tag);
        if (builder is not null)
        {
            builder.Add(tf);
            order!.Release(Math.Min(builder.EarliestOpenStart, tf.Time)); // sessions that can no longer change are printed
        }

        if (streaming)
        {
            output.Flush(); // a row is worth seeing the moment its packet arrives
        }
    }

    /// <summary>Quiet moments are when the file catches up, so a killed capture loses little.</summary>
    public void Idle()
    {
        if (writer is not null && unflushed > 0)
        {
            WriteOrThrow(writer.Flush);
            unflushed = 0;
        }
    }

    public void FlushFile()
    {
        if (writer is not null)
        {
            WriteOrThrow(writer.Flush);
        }
    }

    /// <summary>Closes every session and prints the rest.</summary>
    public void End()
    {
        builder?.Flush(order);
        order?.Flush();
        sink.EndFile(label);
        sink.End();
        output.Flush();
    }

    // Spans cannot be captured by a lambda, so the packet's write has its own guard.
    private void Write(PcapWriter writer, long seconds, int nanoseconds, ReadOnlySpan<byte> packet, long originalLength)
    {
        try
        {
            writer.Write(seconds, nanoseconds, packet, originalLength);
            unflushed++;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LiveCaptureException(ExitCode.EnvironmentError, $"{writePath}: cannot write: {IoErrors.WriteReason(writePath!, ex)}");
        }
    }

    private void WriteOrThrow(Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LiveCaptureException(ExitCode.EnvironmentError, $"{writePath}: cannot write: {IoErrors.WriteReason(writePath!, ex)}");
        }
    }
}
