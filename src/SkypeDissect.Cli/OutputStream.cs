using Microsoft.Win32.SafeHandles;

namespace SkypeDissect.Cli;

/// <summary>
/// Standard output as a stream that tells when it can no longer be written. .NET's console stream drops
/// writes to a pipe whose reader has gone (it ignores EPIPE), so <c>skypedissect analyze big.pcap --frames |
/// head -2</c> would read the whole file for nobody; on Unix this writes to file descriptor 1 itself, and a
/// failed write becomes an <see cref="OutputFailedException"/>, which input errors never are.
/// </summary>
public sealed class OutputStream(Stream inner) : Stream
{
    /// <summary>Standard output of this process.</summary>
    public static Stream OpenStandardOutput()
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var pipe = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                if (!pipe.CanSeek)
                {
                    return new OutputStream(pipe); // a pipe, socket or terminal: plain write(2), EPIPE reported
                }

                // A regular file: FileStream would write at offsets of its own (pwrite) and leave the descriptor's
                // offset, which the shell shares with the commands after this one, behind. Files raise no EPIPE.
                pipe.Dispose();
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
            {
                // Descriptor 1 closed or unusable: the console stream, which drops what is written.
            }
        }

        return new OutputStream(Console.OpenStandardOutput());
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException ex)
        {
            throw new OutputFailedException(ex);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (IOException ex)
        {
            throw new OutputFailedException(ex);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Standard output could not be written; <see cref="ReaderGone"/> when its reader closed the pipe.</summary>
public sealed class OutputFailedException(IOException inner) : Exception(inner.Message, inner)
{
    private const int Epipe = 32; // the same number on Linux and macOS

    /// <summary>The reader of the pipe went away (head, less quitting): not an error, the run just ends.</summary>
    public bool ReaderGone { get; } = inner.HResult == Epipe;
}
