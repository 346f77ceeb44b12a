using System.Buffers;

namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// A multi-segment PDU as Wireshark's TCP keeps one for TLS (docs/tagging.md 3.5): the sequence numbers it spans
/// and the bytes that arrived for it. Where segments overlap, the byte of the segment that starts lowest stays
/// (the first to arrive among equal starts), as Wireshark's reassembly lays fragments down in offset order.
/// </summary>
internal sealed class Pdu
{
    private byte[]? data;
    private ushort[]? writer; // per byte: 1 + the offset of the segment that laid it down; 0 while missing
    private int present; // bytes 0 to present - 1 are all laid down (what Complete has already seen)

    public Pdu(uint start, uint end, bool wholeSegment)
    {
        Start = start;
        End = end;
        WholeSegment = wholeSegment;
    }

    public uint Start { get; }

    /// <summary>Wireshark's nxtpdu: the sequence number after the PDU.</summary>
    public uint End { get; set; }

    /// <summary>The PDU takes the whole next segment (TLS asked for "one more segment": a record header was cut).</summary>
    public bool WholeSegment { get; set; }

    /// <summary>The frame that last added a segment.</summary>
    public long LastFrame { get; set; }

    /// <summary>All its bytes arrived (Wireshark's reassembled_in is set): later segments add nothing.</summary>
    public bool Reassembled { get; set; }

    /// <summary>False when the PDU reaches past the bytes the analyzer keeps: it is never read.</summary>
    public bool Readable { get; private set; } = true;

    public int Length => (int)(End - Start);

    /// <summary>Lays down <paramref name="bytes"/> at <paramref name="seq"/>; <paramref name="limit"/> is the first sequence number not kept.</summary>
    public void Add(uint seq, ReadOnlySpan<byte> bytes, uint limit)
    {
        if (!Readable || TcpAnalysis.Gt(End, limit))
        {
            Release();
            Readable = false;
            return;
        }

        Ensure(Length);
        var offset = (int)(seq - Start);
        var n = Math.Min(bytes.Length, Length - offset);
        if (offset >= 0 && n > 0 && !writer!.AsSpan(offset, n).ContainsAnyExcept((ushort)0))
        {
            // None of these bytes is there yet (the usual case: segments in order, no overlap): all are laid down.
            bytes[..n].CopyTo(data!.AsSpan(offset));
            writer.AsSpan(offset, n).Fill((ushort)(offset + 1));
            return;
        }

        for (var i = 0; i < bytes.Length && offset + i < Length; i++)
        {
            var at = offset + i;
            var w = writer![at];
            if (w == 0 || w - 1 > offset)
            {
                data![at] = bytes[i];
                writer[at] = (ushort)(offset + 1);
            }
        }
    }

    public bool Complete()
    {
        if (!Readable || writer is null || writer.Length < Length)
        {
            return false;
        }

        // Bytes once laid down stay (until Release): only those after the present prefix need looking at.
        if (present < Length)
        {
            var missing = writer.AsSpan(present, Length - present).IndexOf((ushort)0);
            if (missing >= 0)
            {
                present += missing;
                return false;
            }

            present = Length;
        }

        return true;
    }

    public ReadOnlySpan<byte> Bytes => data.AsSpan(0, Length);

    public void Release()
    {
        Return();
        present = 0;
    }

    private void Return()
    {
        if (data is not null)
        {
            ArrayPool<byte>.Shared.Return(data);
            ArrayPool<ushort>.Shared.Return(writer!);
            data = null;
            writer = null;
        }
    }

    private void Ensure(int length)
    {
        if (data is not null && data.Length >= length)
        {
            return;
        }

        var newData = ArrayPool<byte>.Shared.Rent(Math.Max(length, 64));
        var newWriter = ArrayPool<ushort>.Shared.Rent(newData.Length);
        Array.Clear(newWriter);
        if (data is not null)
        {
            data.CopyTo(newData, 0);
            Array.Copy(writer!, newWriter, writer!.Length);
        }

        Return(); // the bytes laid down were copied: the present prefix stays
        data = newData;
        writer = newWriter;
    }
}
