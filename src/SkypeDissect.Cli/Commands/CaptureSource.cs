using System.IO.Compression;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// A capture to read: a file, or standard input when it is named <c>-</c> (as <c>tshark -r -</c> and
/// <c>tcpdump -r -</c> read it); gzip-compressed or not, recognised by its first two bytes as Wireshark
/// recognises it (so <c>.pcap.gz</c>, <c>.pcapng.gz</c> and a compressed pipe all work). Read forward only.
/// </summary>
internal sealed class CaptureSource : IDisposable
{
    /// <summary>The argument that names standard input.</summary>
    public const string StandardInputName = "-";

    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private readonly Stream raw;

    private long counted;

    private CaptureSource(Stream raw)
    {
        this.raw = raw;
        Stream = raw;
    }

    /// <summary>The capture's bytes, decompressed when the input is gzip.</summary>
    public Stream Stream { get; private set; }

    /// <summary>True when the input is gzip: byte offsets in errors are then offsets in the uncompressed data.</summary>
    public bool Compressed { get; private set; }

    /// <summary>Bytes of the input read so far (compressed bytes for gzip), for progress.</summary>
    public long Position => raw.CanSeek ? raw.Position : counted;

    /// <summary>The input's length when it is a file, null for a pipe.</summary>
    public long? Length => raw.CanSeek ? raw.Length : null;

    /// <summary>Called after each read of the input (the progress bar redraws from it).</summary>
    public Action? OnRead { get; set; }

    public static bool IsStandardInput(string path) => path == StandardInputName;

    /// <summary>How a path is named in messages for people.</summary>
    public static string DisplayName(string path) => IsStandardInput(path) ? "standard input" : path;

    /// <summary>Opens the input; IO errors (no such file, permission) are thrown as they come.</summary>
    public static CaptureSource Open(string path)
    {
        var raw = IsStandardInput(path)
            ? Console.OpenStandardInput(1 << 16)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            var head = new byte[GzipMagic.Length];
            var got = 0;
            while (got < head.Length && raw.Read(head, got, head.Length - got) is var n and > 0)
            {
                got += n;
            }

            var source = new CaptureSource(raw) { counted = got };
            var whole = new PrefixedStream(head.AsMemory(0, got), raw, n =>
            {
                source.counted += n;
                source.OnRead?.Invoke();
            });
            source.Compressed = head.AsSpan(0, got).SequenceEqual(GzipMagic);
            source.Stream = source.Compressed ? new GZipStream(whole, CompressionMode.Decompress) : whole;
            return source;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        raw.Dispose();
    }

    /// <summary>The bytes already taken from a stream to look at its start, then the rest of it.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest, Action<int> onRead) : Stream
    {
        public override bool CanRead => true;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!prefix.IsEmpty)
            {
                var n = Math.Min(prefix.Length, buffer.Length);
                prefix.Span[..n].CopyTo(buffer);
                prefix = prefix[n..];
                return n;
            }

            var read = rest.Read(buffer);
            onRead(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
