namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// A forward-only window over a stream: callers ask for the next n bytes as a span, without copying when
/// they are already buffered. Memory stays bounded: the buffer only grows while the stream actually
/// delivers data, so a header that claims 200 MiB in a 1 KiB file never allocates 200 MiB.
/// </summary>
internal sealed class StreamWindow
{
    private const int InitialSize = 1 << 20;
    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private long bufferOffset;
    private bool endOfStream;

    public StreamWindow(Stream stream, int initialSize = InitialSize)
    {
        this.stream = stream;
        buffer = new byte[initialSize];
    }

    /// <summary>File offset of the next unconsumed byte.</summary>
    public long Position => bufferOffset + start;

    /// <summary>How many bytes are buffered and not yet consumed.</summary>
    public int Buffered => end - start;

    /// <summary>True when no byte is left: the stream ended and everything was consumed.</summary>
    public bool AtEnd => start == end && !Fill(1);

    /// <summary>Makes <paramref name="count"/> bytes available; false when the stream ends first.</summary>
    public bool Ensure(int count) => end - start >= count || Fill(count);

    /// <summary>The next <paramref name="count"/> bytes; call <see cref="Ensure"/> first.</summary>
    public ReadOnlySpan<byte> Peek(int count) => buffer.AsSpan(start, count);

    /// <summary>The next <paramref name="count"/> bytes from <paramref name="skip"/> on; valid until the next Ensure.</summary>
    public ReadOnlySpan<byte> Peek(int skip, int count) => buffer.AsSpan(start + skip, count);

    public void Advance(int count) => start += count;

    /// <summary>Consumes <paramref name="count"/> bytes without keeping them; false when the stream ends first.</summary>
    public bool Skip(long count)
    {
        while (count > 0)
        {
            if (start == end && !Fill(1))
            {
                return false;
            }

            var step = (int)Math.Min(count, end - start);
            start += step;
            count -= step;
        }

        return true;
    }

    private bool Fill(int count)
    {
        while (end - start < count)
        {
            if (endOfStream)
            {
                return false;
            }

            if (end == buffer.Length)
            {
                MakeRoom(count);
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read <= 0)
            {
                endOfStream = true;
            }
            else
            {
                end += read;
            }
        }

        return true;
    }

    private void MakeRoom(int count)
    {
        var kept = end - start;
        if (count <= buffer.Length)
        {
            // Enough room once the consumed bytes are dropped (start > 0 here, or the data would be buffered).
            Buffer.BlockCopy(buffer, start, buffer, 0, kept);
        }
        else
        {
            // A record larger than the buffer: double it, no further than asked, as the data keeps arriving.
            var grown = new byte[(int)Math.Min(2L * buffer.Length, count)];
            Buffer.BlockCopy(buffer, start, grown, 0, kept);
            buffer = grown;
        }

        bufferOffset += start;
        start = 0;
        end = kept;
    }
}
