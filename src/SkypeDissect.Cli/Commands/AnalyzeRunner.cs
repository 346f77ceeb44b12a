using System.Threading.Channels;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// Runs <c>analyze</c> over its inputs: each file on an engine of its own, up to <c>--jobs</c> files at once,
/// results handed to the output strictly in input order, so the output is the same as one file after the
/// other. Bounded: a worker starts a file only while fewer than <see cref="LookaheadPerJob"/> files per job
/// are started and not yet written, and a file ahead of the one being written may have at most
/// <see cref="WaitingBatches"/> batches of rows or sessions waiting before its worker waits too. A file that
/// cannot be read does not stop the others: its one-line error is returned.
/// </summary>
internal sealed class AnalyzeRunner(SignatureModel model, AnalyzeCommand.Settings settings, TagOptions options)
{
    /// <summary>Rows or sessions per message from a worker.</summary>
    private const int Batch = 1024;

    private const int WaitingBatches = 8;

    private const int LookaheadPerJob = 2;

    /// <param name="Frames">Records read before the end or the error: a file that failed before its first record reports nothing.</param>
    private sealed record FileEnd(string? Error, long Frames);

    /// <summary>Analyses every input; returns the error lines of the inputs that failed, in input order.</summary>
    public List<string> Run(IReadOnlyList<CaptureInputs.Input> inputs, AnalyzeOutput output, TextWriter error, int jobs)
    {
        var errors = new List<string>();
        if (jobs <= 1 || inputs.Count <= 1)
        {
            foreach (var input in inputs)
            {
                output.BeginFile();
                var end = AnalyzeOne(input, tag => output.Frame(input.Path, tag), s => output.Session(input.Path, s), settings.Progress ? error : null);
                Report(input, end, output, errors);
            }

            return errors;
        }

        var channels = new Channel<object>?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            channels[i] = Channel.CreateBounded<object>(new BoundedChannelOptions(WaitingBatches) { SingleReader = true, SingleWriter = true });
        }

        var started = new SemaphoreSlim(jobs * LookaheadPerJob);
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(jobs, inputs.Count)).Select(_ => Task.Run(() =>
        {
            // A slot first, then the next file: the file the output waits for always holds a slot or is done.
            while (true)
            {
                started.Wait();
                var i = Interlocked.Increment(ref next);
                if (i >= inputs.Count)
                {
                    started.Release();
                    return;
                }

                Produce(inputs[i], Volatile.Read(ref channels[i])!.Writer);
            }
        })).ToArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            Consume(inputs[i], channels[i]!.Reader, output, errors);
            channels[i] = null; // the file is written: its channel goes
            started.Release();
        }

        Task.WaitAll(workers);
        return errors;
    }

    private static void Consume(CaptureInputs.Input input, ChannelReader<object> reader, AnalyzeOutput output, List<string> errors)
    {
        output.BeginFile();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                switch (item)
                {
                    case List<FrameTag> frames:
                        frames.ForEach(tag => output.Frame(input.Path, tag));
                        break;
                    case List<LoginSession> sessions:
                        sessions.ForEach(s => output.Session(input.Path, s));
                        break;
                    case FileEnd end:
                        Report(input, end, output, errors);
                        break;
                }
            }
        }
    }

    private void Produce(CaptureInputs.Input input, ChannelWriter<object> writer)
    {
        try
        {
            var frames = new Batches<FrameTag>(writer);
            var sessions = new Batches<LoginSession>(writer);
            var end = AnalyzeOne(input, settings.Mode == AnalyzeCommand.Mode.Frames ? frames.Add : null, sessions.Add, null);
            frames.Send();
            sessions.Send();
            Write(writer, end);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex); // a bug, not bad input: the reader rethrows it
        }
    }

    /// <summary>Waits while the file's channel is full: a file far ahead of the output does not run ahead of it.</summary>
    private static void Write(ChannelWriter<object> writer, object item)
    {
        while (!writer.TryWrite(item))
        {
            if (!writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }

    private static void Report(CaptureInputs.Input input, FileEnd r, AnalyzeOutput output, List<string> errors)
    {
        // An input read in part reports what was read; one not read at all (missing, empty, not a capture) says
        // nothing on standard output, so a script does not take it for a capture without logins.
        if (r.Error is null || r.Frames > 0)
        {
            output.EndFile(input.Path);
        }

        if (r.Error is { } e)
        {
            errors.Add($"skypedissect: {CaptureSource.DisplayName(input.Path)}: {e}");
        }

        // What a file gave is out before the next one is read: a run stopped later (a FIFO that never ends,
        // Ctrl+C) keeps it.
        output.Flush();
    }

    /// <summary>
    /// Tags one file, handing on its frames and, as <see cref="SessionOrder"/> releases them, its sessions;
    /// returns why it could not be read to its end (or null) and how many records were read.
    /// </summary>
    private FileEnd AnalyzeOne(CaptureInputs.Input input, Action<FrameTag>? frames, Action<LoginSession> sessions, TextWriter? progress)
    {
        // --frames prints no session: building them would only cost time and memory.
        var order = settings.Mode == AnalyzeCommand.Mode.Frames ? null : new SessionOrder(sessions);
        var builder = order is null ? null : new SessionBuilder(model, order.Add);
        var count = new ReadCount();
        var problem = input.Problem ?? Read(input.Path, tf =>
        {
            frames?.Invoke(tf.Tag);
            if (builder is not null)
            {
                builder.Add(tf);
                order!.Release(Math.Min(builder.EarliestOpenStart, tf.Time));
            }
        }, count, progress);
        builder?.Flush(order);
        order?.Flush();
        return new FileEnd(problem, count.Frames);
    }

    /// <summary>Tags one file (or standard input); returns why it could not be read to its end, or null.</summary>
    private string? Read(string path, Action<TaggedFrame> sink, ReadCount count, TextWriter? progress)
    {
        if (Directory.Exists(path))
        {
            return "is a directory, not a capture file";
        }

        ProgressBar? bar = null;
        CaptureSource? source = null;
        try
        {
            source = CaptureSource.Open(path);
            if (progress is not null)
            {
                bar = new ProgressBar(progress, CaptureSource.DisplayName(path), source, count);
                source.OnRead = bar.Tick;
            }

            foreach (var tf in CaptureTagger.Analyze(source.Stream, model, options, count))
            {
                sink(tf);
            }

            return null;
        }
        catch (CaptureFormatException ex)
        {
            // Everything before the damage was already handed on.
            return source is { Compressed: true } ? $"at byte offset {ex.Offset} of the uncompressed data: {ex.Reason}" : ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return CannotRead(ex);
        }
        finally
        {
            bar?.Done();
            source?.Dispose();
        }
    }

    /// <summary>Items gathered into lists of <see cref="Batch"/> for the channel, each list sized to what it holds.</summary>
    private sealed class Batches<T>(ChannelWriter<object> writer)
    {
        private List<T> items = [];

        public void Add(T item)
        {
            items.Add(item);
            if (items.Count == Batch)
            {
                Send();
            }
        }

        public void Send()
        {
            if (items.Count > 0)
            {
                Write(writer, items);
                items = [];
            }
        }
    }
    /// <summary>Why an input cannot be read, in words rather than .NET's exception text.</summary>
    public static string CannotRead(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "cannot read: no such file",
        InvalidDataException => $"the gzip data is damaged ({ex.Message.TrimEnd('.')})",
        _ => $"cannot read: {IoErrors.Reason(ex)}",
    };
}
