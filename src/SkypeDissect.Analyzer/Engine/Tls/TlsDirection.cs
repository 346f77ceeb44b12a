namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// One direction of a followed connection: Wireshark's TCP analysis state, its multi-segment PDUs (keyed by
/// their first sequence number, as Wireshark's tree of them), and TLS's handshake reassembly.
/// </summary>
internal sealed class TlsDirection(bool fromServer)
{
    private readonly SortedList<uint, Pdu> pdus = [];

    public TcpSide Tcp { get; } = new();

    /// <summary>The direction carries the server's records (Wireshark's is_from_server).</summary>
    public bool FromServer { get; } = fromServer;

    /// <summary>Bytes of a handshake message still being reassembled across records; null while none is.</summary>
    public List<byte>? Handshake { get; set; }

    /// <summary>The PDU starting exactly at <paramref name="seq"/>, if any.</summary>
    public Pdu? StartingAt(uint seq) => pdus.TryGetValue(seq, out var pdu) ? pdu : null;

    /// <summary>The PDU with the greatest start at or below <paramref name="key"/> (numerically, as Wireshark's lookup32_le).</summary>
    public Pdu? AtOrBelow(uint key)
    {
        var keys = pdus.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (keys[mid] <= key)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? null : pdus.Values[found];
    }

    /// <summary>Stores a new PDU; one already starting there is replaced, as Wireshark's insert does.</summary>
    public void Store(Pdu pdu)
    {
        if (pdus.TryGetValue(pdu.Start, out var old))
        {
            old.Release();
        }

        pdus[pdu.Start] = pdu;
    }

    public void Release()
    {
        foreach (var pdu in pdus.Values)
        {
            pdu.Release();
        }

        pdus.Clear();
        Handshake = null;
    }
}

/// <summary>A followed TCP connection (docs/tagging.md 3.5): opened by the SYN from <see cref="Client"/>, both directions.</summary>
internal sealed class TlsConnection(Decoding.IpAddress client, int clientPort, uint clientIsn)
{
    public Decoding.IpAddress Client { get; } = client;

    public int ClientPort { get; } = clientPort;

    /// <summary>The sequence number of the SYN that opened it: a SYN with another one starts a new connection.</summary>
    public uint ClientIsn { get; } = clientIsn;

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
}
