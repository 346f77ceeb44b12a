namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// What a frame offers the rules (docs/tagging.md section 1): exactly one IP header followed by UDP or TCP.
/// The payload span points into the capture buffer or the reassembly buffer and lives until the next frame.
/// </summary>
internal ref struct FrameFacts
{
    public long Number;
    public double Time;

    /// <summary>The same time in whole nanoseconds, as Wireshark's nstime compares it (TCP analysis, docs/tagging.md 3.5).</summary>
    public long TimeNs;
    public IpAddress Source;
    public IpAddress Destination;
    public bool IsTcp;
    public int SourcePort;
    public int DestinationPort;

    /// <summary>TCP flags; false when the segment is too short or its header length bogus (Wireshark shows no flags then).</summary>
    public bool Syn;
    public bool Ack;

    /// <summary>The rest of the TCP header, set with the flags: sequence and acknowledgement numbers, window, FIN, RST.</summary>
    public bool TcpHeader;
    public uint Seq;

    /// <summary>The TCP acknowledgment number as sent (Wireshark's <c>tcp.ack_raw</c>); used only when <see cref="Ack"/> is set.</summary>
    public uint AckNumber;
    public int Window;
    public bool Fin;
    public bool Rst;

    /// <summary>Captured TCP data after the header, also with RST (where <see cref="Payload"/> stays empty).</summary>
    public int TcpDataLength;

    /// <summary>TCP segment payload, or the UDP datagram payload Wireshark hands to the next dissector; empty when none.</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary>False for a UDP header that Wireshark shows but whose payload it does not dissect (bad length, short).</summary>
    public bool UdpPayloadDissected;

    /// <summary>Set by the engine for DNS frames: the QR bit, and whether a first question name was read.</summary>
    public bool DnsResponse;
    public bool DnsNameRead;

    /// <summary>The first question's name, ASCII-lowercased; empty when it prints as a placeholder (loop, too long).</summary>
    public ReadOnlySpan<byte> DnsName;

    /// <summary>Set by the tls-name kind's observer: the TLS names this frame makes known (docs/tagging.md 3.5); null when none.</summary>
    public Engine.Tls.TlsNames? TlsNames;

    /// <summary>Where Wireshark's UDP port table sends the payload (<see cref="UdpPorts"/>); Other for TCP.</summary>
    public UdpPayloadKind UdpKind;

    /// <summary>UDP whose payload Wireshark dissects as DNS: port 53, unless the other port is a lower one it gives to another protocol.</summary>
    public readonly bool IsDns => UdpKind == UdpPayloadKind.Dns;

    public readonly IpAddress Address(bool source) => source ? Source : Destination;

    public readonly int Port(bool source) => source ? SourcePort : DestinationPort;
}
