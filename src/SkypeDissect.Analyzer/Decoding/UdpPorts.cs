namespace SkypeDissect.Analyzer.Decoding;

/// <summary>The protocols of a UDP payload that matter to the tags.</summary>
internal enum UdpPayloadKind
{
    /// <summary>Anything else: the payload is data to the rules.</summary>
    Other,

    /// <summary>DNS: the DNS facts of docs/tagging.md section 1 exist.</summary>
    Dns,

    Vxlan,
    VxlanGpe,
    Geneve,
    Teredo,
    Gtp,
    L2tp,
    MplsInUdp,
    GreInUdp,
    LispData,
}

/// <summary>
/// Which dissector Wireshark 4.0 hands a UDP payload to, by its ports (packet-udp.c, decode_udp_ports): the
/// lower port first, then the higher one, port 0 never; a dissector that rejects the payload passes it on
/// to the next. The analyzer knows the ports that decide tags: DNS (53), the ports below 53 that Wireshark
/// registers and whose dissectors take any payload (echo 7, daytime 13, chargen 19, time 37, TACACS 49:
/// `tshark -G decodes`), and the tunnels (<see cref="Tunnels"/>). A payload between an unknown port and a
/// known one goes to the known one, as in Wireshark when the unknown port has no dissector; conversations
/// an earlier packet set up (TFTP, L2TP) and ports whose dissector Decode As changed are not followed.
/// </summary>
internal static class UdpPorts
{
    public static UdpPayloadKind Resolve(int sourcePort, int destinationPort, ReadOnlySpan<byte> payload)
    {
        var low = Math.Min(sourcePort, destinationPort);
        var high = Math.Max(sourcePort, destinationPort);
        foreach (var port in (ReadOnlySpan<int>)[low, high])
        {
            if (port == 0)
            {
                continue;
            }

            switch (port)
            {
                case 53:
                    return UdpPayloadKind.Dns;
                case 7 or 13 or 19 or 37 or 49:
                    return UdpPayloadKind.Other;
                case 4789:
                    return UdpPayloadKind.Vxlan;
                case 4790:
                    return UdpPayloadKind.VxlanGpe;
                case 6081:
                    return UdpPayloadKind.Geneve;
                case 3544:
                    return UdpPayloadKind.Teredo;
                case 2152 or 2123 when Tunnels.GtpAccepts(payload):
                    return UdpPayloadKind.Gtp;
                case 1701 when Tunnels.L2tpAccepts(payload):
                    return UdpPayloadKind.L2tp;
                case 6635:
                    return UdpPayloadKind.MplsInUdp;
                case 4754:
                    return UdpPayloadKind.GreInUdp;
                case 4341 when payload.Length >= 8 && destinationPort != 4342: // to 4342 it is LISP control
                    return UdpPayloadKind.LispData;
            }
        }

        return UdpPayloadKind.Other;
    }
}
