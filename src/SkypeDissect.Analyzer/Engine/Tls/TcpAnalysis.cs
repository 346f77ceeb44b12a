using SkypeDissect.Analyzer.Decoding;

namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>How Wireshark's TCP sequence analysis marks a segment, as far as it decides what TLS sees.</summary>
internal enum SegmentMark
{
    /// <summary>Handed on: to reassembly and, when it completes a PDU or starts one, to TLS.</summary>
    None,

    /// <summary>A keep-alive (0-1 bytes just below the next sequence number): never reaches TLS.</summary>
    KeepAlive,

    /// <summary>A fast retransmission: handed on like an unmarked segment (Wireshark 4.0 does).</summary>
    FastRetransmission,

    /// <summary>Out of order: its bytes join a pending PDU, but TLS is not called in its frame.</summary>
    OutOfOrder,

    /// <summary>A retransmission or a spurious one: dropped before reassembly.</summary>
    Retransmission,
}

/// <summary>
/// One direction of a connection as Wireshark 4.0's TCP sequence analysis (tcp.analyze_sequence_numbers, on by
/// default) keeps it: the highest next sequence number seen and when, the last acknowledgement, window and
/// duplicate-ACK count, and the base of the relative sequence numbers (docs/tagging.md 3.5).
/// </summary>
internal sealed class TcpSide
{
    public bool BaseSet;
    public uint Base;

    /// <summary>Highest seq + length (+1 for SYN/FIN) seen; 0 while none (Wireshark's nextseq).</summary>
    public uint NextSeq;
    public long NextSeqTime;
    public uint LastAck;
    public long LastAckTime;

    /// <summary>The window of the last segment; -1 before any.</summary>
    public int Window = -1;
    public int DupAcks;
    public bool LastWasKeepAlive;
    public bool LastWasWindowProbe;

    /// <summary>The frame of this direction's first ChangeCipherSpec record, 0 while none (TLS's encrypted-handshake heuristic).</summary>
    public long CcsFrame;

    /// <summary>Back to the state of a new direction (the values above), for a connection object used again.</summary>
    public void Reset()
    {
        (BaseSet, Base, NextSeq, NextSeqTime, LastAck, LastAckTime) = (false, 0, 0, 0, 0, 0);
        (Window, DupAcks, LastWasKeepAlive, LastWasWindowProbe, CcsFrame) = (-1, 0, false, false, 0);
    }
}

/// <summary>Wireshark 4.0's tcp_analyze_sequence_number, reduced to the marks that decide what reaches TLS.</summary>
internal static class TcpAnalysis
{
    private const long FastRetransmissionWindowNs = 20_000_000;
    private const long DefaultOutOfOrderNs = 3_000_000;

    public static bool Lt(uint a, uint b) => (int)(a - b) < 0;

    public static bool Le(uint a, uint b) => (int)(a - b) <= 0;

    public static bool Gt(uint a, uint b) => (int)(a - b) > 0;

    /// <summary>
    /// Updates both directions with the frame (fwd: its direction) and returns the mark of its segment.
    /// <paramref name="firstRttNs"/> is the connection's first round trip (SYN to the first ACK), 0 while unknown.
    /// </summary>
    public static SegmentMark Analyze(in FrameFacts f, TcpSide fwd, TcpSide rev, long firstRttNs)
    {
        var seq = f.Seq;
        var ack = f.AckNumber;
        var seglen = (uint)f.TcpDataLength;
        var synOrFin = f.Syn || f.Fin;
        var control = f.Syn || f.Fin || f.Rst;
        var time = f.TimeNs;

        if (!fwd.BaseSet)
        {
            fwd.Base = f.Syn ? seq : seq - 1;
            fwd.BaseSet = true;
        }

        if (!rev.BaseSet && f.Ack)
        {
            rev.Base = ack - 1;
            rev.BaseSet = true;
        }

        var windowProbe = false;
        var keepAlive = false;
        if (seglen == 1 && seq == fwd.NextSeq && rev.Window == 0)
        {
            windowProbe = true;
        }
        else
        {
            keepAlive = seglen <= 1 && seq == fwd.NextSeq - 1 && !control;
            var repeatsAck = seglen == 0 && f.Window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck && !control;
            var probeAck = repeatsAck && (f.Window != 0 ? rev.LastWasKeepAlive : rev.LastWasWindowProbe);
            if (!probeAck && repeatsAck && f.Window != 0)
            {
                fwd.DupAcks = fwd.DupAcks == -1 ? 1 : fwd.DupAcks + 1; // a duplicate ACK
            }
        }

        if (ack != fwd.LastAck)
        {
            fwd.DupAcks = 0;
        }

        var mark = SegmentMark.None;
        if (seglen > 0 || synOrFin)
        {
            mark = Mark(seq, seglen, synOrFin, time, keepAlive, fwd, rev, firstRttNs);
        }

        var next = seq + seglen + (synOrFin ? 1u : 0u);
        if ((Gt(next, fwd.NextSeq) || fwd.NextSeq == 0) && !windowProbe)
        {
            fwd.NextSeq = next;
            fwd.NextSeqTime = time;
        }

        fwd.Window = f.Window;
        fwd.LastAck = ack;
        fwd.LastAckTime = time;
        fwd.LastWasKeepAlive = keepAlive;
        fwd.LastWasWindowProbe = windowProbe;
        return mark;
    }

    private static SegmentMark Mark(uint seq, uint seglen, bool synOrFin, long time, bool keepAlive, TcpSide fwd, TcpSide rev, long firstRttNs)
    {
        if (keepAlive)
        {
            return SegmentMark.KeepAlive;
        }

        var notAdvanced = fwd.NextSeq != 0 && Lt(seq, fwd.NextSeq);
        if (seglen > 1 && fwd.NextSeq - 1 == seq)
        {
            notAdvanced = false; // one byte again (after a window probe), then new data
        }

        if (seglen > 0 && rev.LastAck != 0 && Le(seq + seglen, rev.LastAck))
        {
            return SegmentMark.Retransmission; // spurious: the data was already acknowledged
        }

        if (notAdvanced && rev.DupAcks >= 2 && rev.LastAck == seq && time - rev.LastAckTime < FastRetransmissionWindowNs)
        {
            return SegmentMark.FastRetransmission;
        }

        var threshold = firstRttNs == 0 ? DefaultOutOfOrderNs : firstRttNs;
        if (notAdvanced && time - fwd.NextSeqTime < threshold && fwd.NextSeq != seq + seglen + (synOrFin ? 1u : 0u))
        {
            return SegmentMark.OutOfOrder;
        }

        return notAdvanced ? SegmentMark.Retransmission : SegmentMark.None;
    }
}
