namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// One direction of a followed connection: Wireshark's TCP analysis state, its multi-segment PDUs (keyed by
/// their first sequence number, as Wireshark's tree of them), and TLS's handshake reassembly.
/// </summary>
internal sealed class TlsDirection(bool fromServer)
{
    // The PDUs in ascending order of their start (numerically, as a SortedList<uint, Pdu> keeps them): a direction
    // holds a few at most, so a plain array searched in halves; none is allocated before the first PDU, and no
    // lookup allocates (a SortedList's Keys, Values and their enumerators are objects of their own).
    private Pdu[]? pdus;
    private int count;

    public TcpSide Tcp { get; } = new();

    /// <summary>The direction carries the server's records (Wireshark's is_from_server).</summary>
    public bool FromServer { get; } = fromServer;

    /// <summary>Bytes of a handshake message still being reassembled across records; null while none is.</summary>
    public List<byte>? Handshake { get; set; }

    /// <summary>The PDU starting exactly at <paramref name="seq"/>, if any.</summary>
    public Pdu? StartingAt(uint seq)
    {
        var i = Search(seq);
        return i >= 0 ? pdus![i] : null;
    }

    /// <summary>The PDU with the greatest start at or below <paramref name="key"/> (numerically, as Wireshark's lookup32_le).</summary>
    public Pdu? AtOrBelow(uint key)
    {
        var i = Search(key);
        if (i < 0)
        {
            i = ~i - 1; // the last PDU that starts below the key
        }

        return i >= 0 ? pdus![i] : null;
    }

    /// <summary>Stores a new PDU; one already starting there is replaced, as Wireshark's insert does.</summary>
    public void Store(Pdu pdu)
    {
        var i = Search(pdu.Start);
        if (i >= 0)
        {
            pdus![i].Release();
            pdus[i] = pdu;
            return;
        }

        i = ~i;
        if (pdus is null)
        {
            pdus = new Pdu[2];
        }
        else if (count == pdus.Length)
        {
            Array.Resize(ref pdus, count * 2);
        }

        Array.Copy(pdus, i, pdus, i + 1, count - i);
        pdus[i] = pdu;
        count++;
    }

    public void Release()
    {
        for (var i = 0; i < count; i++)
        {
            pdus![i].Release();
            pdus[i] = null!;
        }

        count = 0;
        Handshake = null;
    }

    // Index of the PDU starting at seq, or the complement of where one would go (as Array.BinarySearch).
    private int Search(uint seq)
    {
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var start = pdus![mid].Start;
            if (start == seq)
            {
                return mid;
            }

            if (start < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}

/// <summary>A followed TCP connection (docs/tagging.md 3.5): opened by the SYN from <see cref="Client"/>, both directions.</summary>
/// <remarks>
/// A connection the table drops is kept for the next SYN (<see cref="Reset"/>) instead of being left to the
/// collector: a followed connection is five objects, and on a long capture a new one per SYN made the heap grow
/// with the file.
/// </remarks>
internal sealed class TlsConnection
{
    public TlsConnection(Decoding.IpAddress client, int clientPort, uint clientIsn)
    {
        Reset(client, clientPort, clientIsn);
    }

    public Decoding.IpAddress Client { get; private set; }

    public int ClientPort { get; private set; }

    /// <summary>The sequence number of the SYN that opened it: a SYN with another one starts a new connection.</summary>
    public uint ClientIsn { get; private set; }

    public TlsDirection ToServer { get; } = new(fromServer: false);

    public TlsDirection ToClient { get; } = new(fromServer: true);

    /// <summary>Time of the latest SYN without ACK, and the first round trip measured from it (ns; 0 while unknown).</summary>
    public long LatestSynNs { get; set; }

    public long FirstRttNs { get; set; }

    /// <summary>A ServerHello named the TLS version: records are no longer checked by their version field.</summary>
    public bool VersionKnown { get; set; }

    public bool IsClient(Decoding.IpAddress address, int port) => address == Client && port == ClientPort;

    public void Release()
    {
        ToServer.Release();
        ToClient.Release();
    }

    /// <summary>Makes this the new connection of a SYN, as a new object would be: nothing of the one before stays.</summary>
    public void Reset(Decoding.IpAddress client, int clientPort, uint clientIsn)
    {
        Release();
        ToServer.Tcp.Reset();
        ToClient.Tcp.Reset();
        (Client, ClientPort, ClientIsn) = (client, clientPort, clientIsn);
        (LatestSynNs, FirstRttNs, VersionKnown) = (0, 0, false);
    }
}
