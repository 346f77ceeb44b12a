using System.Threading.Channels;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// Runs <c>analyze</c> over its inputs: each file on an engine of its own, up to <c>--jobs</c> files at once,
/// results handed to the output strictly in input order, so the output is the same as one file after the
/// other. The first unfinished file streams; the frames of files waiting behind it are held in memory until
/// their turn. A file that cannot be read does not stop the others: its one-line error is returned.
/// </summary>
internal sealed class AnalyzeRunner(SignatureModel model, AnalyzeCommand.Settings settings, TagOptions options)
{
    private const int Batch = 4096;

    private sealed record FileResult(IReadOnlyList<LoginSession> Sessions, string? Error);

    /// <summary>Analyses every input; returns the error lines of the inputs that failed, in input order.</summary>
    public List<string> Run(IReadOnlyList<CaptureInputs.Input> inputs, AnalyzeOutput output, TextWriter error, int jobs)
    {
        var errors = new List<string>();
        if (jobs <= 1 || inputs.Count <= 1)
        {
            foreach (var input in inputs)
            {
                var r = AnalyzeOne(input, tag => output.Frame(input.Path, tag), settings.Progress ? error : null);
                Report(input, r, output, errors);
            }

            return errors;
        }

        var channels = inputs.Select(_ => Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true })).ToArray();
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(jobs, inputs.Count)).Select(_ => Task.Run(() =>
        {
            // Files are taken in input order, so the one the output waits for is always being read or done.
            int i;
            while ((i = Interlocked.Increment(ref next)) < inputs.Count)
            {
                Produce(inputs[i], channels[i].Writer);
            }
        })).ToArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var reader = channels[i].Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    if (item is List<FrameTag> batch)
                    {
                        batch.ForEach(tag => output.Frame(inputs[i].Path, tag));
                    }
                    else
                    {
                        Report(inputs[i], (FileResult)item, output, errors);
                    }
                }
            }
        }

        Task.WaitAll(workers);
        return errors;
    }

    private void Produce(CaptureInputs.Input input, ChannelWriter<object> writer)
    {
        try
        {
            var batch = new List<FrameTag>(Batch);
            Action<FrameTag>? sink = settings.Mode != AnalyzeCommand.Mode.Frames ? null : tag =>
            {
                batch.Add(tag);
                if (batch.Count == Batch)
                {
                    writer.TryWrite(batch);
                    batch = new List<FrameTag>(Batch);
                }
            };
            var result = AnalyzeOne(input, sink, null);
            if (batch.Count > 0)
            {
                writer.TryWrite(batch);
            }

            writer.TryWrite(result);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex); // a bug, not bad input: the reader rethrows it
        }
    }

    private static void Report(CaptureInputs.Input input, FileResult r, AnalyzeOutput output, List<string> errors)
    {
        output.Sessions(input.Path, r.Sessions);
        if (r.Error is { } e)
        {
            errors.Add($"skypedissect: {input.Path}: {e}");
        }

        // What a file gave is out before the next one is read: a run stopped later (a FIFO that never ends,
        // Ctrl+C) keeps it.
        output.Flush();
    }

    private FileResult AnalyzeOne(CaptureInputs.Input input, Action<FrameTag>? frames, TextWriter? progress)
    {
        var sessions = new List<LoginSession>();
        // --frames prints no session: building them would only cost time and memory.
        var builder = settings.Mode == AnalyzeCommand.Mode.Frames ? null : new SessionBuilder(model, sessions.Add);
        var problem = input.Problem ?? Read(input.Path, tf =>
        {
            frames?.Invoke(tf.Tag);
            builder?.Add(tf);
        }, progress);
        builder?.Flush();
        return new FileResult(sessions.OrderBy(s => s.Start).ThenBy(s => s.Client, StringComparer.Ordinal).ToList(), problem);
    }

    /// <summary>Tags one file; returns why it could not be read to its end, or null.</summary>
    private string? Read(string path, Action<TaggedFrame> sink, TextWriter? progress)
    {
        if (Directory.Exists(path))
        {
            return "is a directory, not a capture file";
        }

        ProgressBar? bar = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            bar = progress is not null && stream.CanSeek ? new ProgressBar(progress, path, stream) : null;
            foreach (var tf in CaptureTagger.Analyze(stream, model, options))
            {
                sink(tf);
                bar?.Tick();
            }

            return null;
        }
        catch (CaptureFormatException ex)
        {
            return ex.Message; // everything before the damage was already handed on
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot read: {ex.Message}";
        }
        finally
        {
            bar?.Done();
        }
    }
}
