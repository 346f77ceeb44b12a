using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// The TLS handshakes the tls-name kind follows (docs/tagging.md 3.5 and 4): TCP connections opened by a SYN to a
/// port of the kind's endpoints, in a bounded table (capacity, the entry written longest ago evicted, idle expiry
/// as flow memory). For every TCP frame on those ports it replays what Wireshark 4.0 does with the segment with
/// its default preferences (TCP sequence analysis, reassembly without out-of-order buffering, no subdissector
/// for retransmitted or out-of-order segments, TLS records and handshake messages across records) and returns
/// the names the frame makes known, when its segment lies in the first <see cref="TlsNameRule.HandshakeBytes"/>
/// bytes of its direction.
/// </summary>
internal sealed class TlsHandshakes
{
    private readonly TlsNames names = new();

    // Connections the table dropped, kept for new SYNs (at most the table's capacity: only dropped ones are here).
    private readonly Stack<TlsConnection> spare = new();

    public TlsHandshakes(StateBounds bounds)
    {
        Connections = new(bounds.TlsConnections, (_, c) => Drop(c), bounds.IdleSeconds);
    }

    public BoundedTable<FlowKey, TlsConnection> Connections { get; }

    /// <summary>
    /// Follows the frame (a TCP frame whose source or destination port is set in <paramref name="ports"/>, the TCP
    /// ports of the kind's endpoints); returns the names it makes known, or null.
    /// </summary>
    public TlsNames? Observe(in FrameFacts f, bool[] ports)
    {
        var key = FlowKey.Of(f.Source, f.SourcePort, f.Destination, f.DestinationPort);
        TlsConnection? connection;
        if (f.Syn && !f.Ack && ports[f.DestinationPort])
        {
            if (!Connections.TryUse(key, f.Time, out connection))
            {
                connection = spare.TryPop(out var again) ? again : null;
                if (connection is null)
                {
                    connection = new TlsConnection(f.Source, f.SourcePort, f.Seq);
                }
                else
                {
                    connection.Reset(f.Source, f.SourcePort, f.Seq);
                }

                Connections.Set(key, connection, f.Time);
            }
            else if (!connection.IsClient(f.Source, f.SourcePort) || connection.ClientIsn != f.Seq)
            {
                connection.Reset(f.Source, f.SourcePort, f.Seq); // a new connection in place of the one followed
                Connections.Set(key, connection, f.Time);
            }
        }
        else if (!Connections.TryUse(key, f.Time, out connection))
        {
            return null;
        }

        if (!f.TcpHeader)
        {
            return null;
        }

        var toServer = connection.IsClient(f.Source, f.SourcePort);
        var direction = toServer ? connection.ToServer : connection.ToClient;
        var reverse = toServer ? connection.ToClient : connection.ToServer;

        // Wireshark's first round trip: from the latest SYN to the first segment with ACK and without SYN.
        if (f.Syn && !f.Ack)
        {
            connection.LatestSynNs = f.TimeNs;
        }
        else if (f.Ack && !f.Syn && connection.LatestSynNs != 0 && connection.FirstRttNs == 0)
        {
            connection.FirstRttNs = f.TimeNs - connection.LatestSynNs;
        }

        var mark = TcpAnalysis.Analyze(f, direction.Tcp, reverse.Tcp, connection.FirstRttNs);
        if (mark is SegmentMark.Retransmission or SegmentMark.KeepAlive || f.Rst || f.Payload.IsEmpty)
        {
            return null;
        }

        // Relative sequence numbers as Wireshark shows them (tcp.seq): only bytes 1-16384 of a direction are kept.
        // Data sent with a SYN (TCP Fast Open) starts after the SYN's own sequence number.
        var first = direction.Tcp.Base + 1;
        var limit = direction.Tcp.Base + (uint)TlsNameRule.HandshakeBytes + 1;
        var seq = f.Syn ? f.Seq + 1 : f.Seq;
        if (TcpAnalysis.Lt(seq, first) || !TcpAnalysis.Lt(seq, limit))
        {
            return null;
        }

        var relative = f.Seq - direction.Tcp.Base;
        var counts = relative >= 1 && (long)relative + f.Payload.Length <= TlsNameRule.HandshakeBytes + 1L;
        names.Clear();
        var context = new RecordContext(connection, direction, f.Number, counts ? names : null);
        Segment(seq, f.Payload, mark == SegmentMark.OutOfOrder, limit, context);
        return names.Count > 0 ? names : null;
    }

    private void Drop(TlsConnection connection)
    {
        connection.Release();
        spare.Push(connection);
    }

    // desegment_tcp for one segment: add it to the PDU it continues (and read the PDU if it completes it), or hand
    // it to TLS, which may start a PDU; what follows the end of a PDU in the segment is handled the same way.
    private static void Segment(uint seq, ReadOnlySpan<byte> data, bool outOfOrder, uint limit, in RecordContext context)
    {
        var direction = context.Direction;
        while (data.Length > 0)
        {
            var next = seq + (uint)data.Length;
            if (direction.StartingAt(seq) is { } again && TcpAnalysis.Le(next, again.End) && again.LastFrame != context.Frame)
            {
                return; // the first segment of a PDU sent again
            }

            var pdu = direction.AtOrBelow(seq - 1);
            if (pdu is null || !TcpAnalysis.Le(pdu.Start, seq) || !TcpAnalysis.Gt(pdu.End, seq))
            {
                if (!outOfOrder)
                {
                    var more = TlsRecords.Read(data, context);
                    if (more.Needed)
                    {
                        Start(direction, seq + (uint)more.Offset, more.OneMoreSegment ? next + 1 : next + (uint)more.Length, more.OneMoreSegment, data[more.Offset..], limit, context.Frame);
                    }
                }

                return;
            }

            pdu.LastFrame = context.Frame;
            var length = pdu.WholeSegment ? data.Length : (int)Math.Min(next - seq, pdu.End - seq);
            if (pdu.WholeSegment)
            {
                pdu.WholeSegment = false;
                if (TcpAnalysis.Lt(pdu.End, next))
                {
                    pdu.End = next;
                }
            }

            var follows = TcpAnalysis.Lt(pdu.End, next) && !TcpAnalysis.Lt(pdu.End, seq) && length > 0 ? (int)(pdu.End - seq) : 0;
            if (!pdu.Reassembled)
            {
                pdu.Add(seq, data[..length], limit);
                if (pdu.Complete())
                {
                    pdu.Reassembled = true;
                    if (!outOfOrder && Reassembled(pdu, next, limit, context))
                    {
                        // TLS needs more than the PDU held: the PDU grew, and the rest of the segment is added to it.
                        seq += (uint)length;
                        data = data[length..];
                        continue;
                    }

                    pdu.Release();
                }
            }

            if (follows == 0)
            {
                return;
            }

            seq += (uint)follows;
            data = data[follows..];
        }
    }

    // A PDU is complete in this frame: TLS reads it. True when TLS asked for more from the PDU's first byte (the
    // PDU is extended and stays); a request from a later byte starts a new PDU there.
    private static bool Reassembled(Pdu pdu, uint next, uint limit, in RecordContext context)
    {
        var more = TlsRecords.Read(pdu.Bytes, context);
        if (!more.Needed)
        {
            return false;
        }

        if (more.Offset == 0)
        {
            pdu.Reassembled = false;
            if (more.OneMoreSegment)
            {
                pdu.End = next + 1;
                pdu.WholeSegment = true;
            }
            else
            {
                pdu.End += (uint)more.Length;
            }

            return true;
        }

        var start = pdu.Start + (uint)more.Offset;
        var end = more.OneMoreSegment ? next + 1 : next + (uint)more.Length;
        Start(context.Direction, start, end, more.OneMoreSegment, pdu.Bytes[more.Offset..], limit, context.Frame);
        return false;
    }

    private static void Start(TlsDirection direction, uint start, uint end, bool wholeSegment, ReadOnlySpan<byte> bytes, uint limit, long frame)
    {
        var pdu = new Pdu(start, end, wholeSegment) { LastFrame = frame };
        pdu.Add(start, bytes, limit);
        direction.Store(pdu);
    }
}
