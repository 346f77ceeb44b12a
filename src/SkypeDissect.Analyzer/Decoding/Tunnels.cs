namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// UDP tunnels as Wireshark 4.0 dissects them: when the payload carries an IP header, the frame holds two and
/// the plugin, like docs/tagging.md section 1, tags nothing. Each tunnel's header is walked as its dissector
/// walks it (VXLAN and VXLAN-GPE, Geneve, Teredo, GTP-U, L2TPv2 data with PPP, MPLS, GRE and LISP over UDP) up
/// to the inner link layer or IP header; whether that IP header counts is <see cref="IpHeader.HasFields"/>.
/// </summary>
internal static class Tunnels
{
    /// <summary>True when Wireshark finds an IP header inside the tunnel's payload.</summary>
    public static bool CarriesIp(UdpPayloadKind kind, ReadOnlySpan<byte> payload)
    {
        var inner = new IpLocation { End = payload.Length };
        var found = kind switch
        {
            UdpPayloadKind.Vxlan => payload.Length >= 8 && LinkLayer.Ethernet(payload, 8, ref inner),
            UdpPayloadKind.VxlanGpe => payload.Length >= 8 && VxlanGpe(payload, ref inner),
            UdpPayloadKind.Geneve => Geneve(payload, ref inner),
            UdpPayloadKind.Teredo => Teredo(payload, ref inner),
            UdpPayloadKind.Gtp => Gtp(payload, ref inner),
            UdpPayloadKind.L2tp => L2tp(payload, ref inner),
            UdpPayloadKind.MplsInUdp => LinkLayer.Mpls(payload, 0, ref inner),
            UdpPayloadKind.GreInUdp => Gre(payload, ref inner),
            UdpPayloadKind.LispData => LinkLayer.At(8, IpHint.ByVersion, ref inner),
            _ => false,
        };
        return found && inner.Offset < inner.End && IpHeader.HasFields(payload[inner.Offset..inner.End], inner.Hint);
    }

    /// <summary>GTP takes a payload of at least two bytes, of version 0-2 and a message type it knows.</summary>
    public static bool GtpAccepts(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2 || payload[0] >> 5 > 2)
        {
            return false;
        }

        // Version 2 goes to the GTPv2 dissector whatever its type; versions 0 and 1 need a known message type.
        return payload[0] >> 5 == 2 || payload[1] is (>= 0x01 and <= 0x07) or (>= 0x10 and <= 0x25) or (>= 0x30 and <= 0x3E) or 0x46 or 0xF0 or 0xF1 or 0xFE or 0xFF;
    }

    /// <summary>L2TP takes a payload of at least two bytes of version 2 or 3.</summary>
    public static bool L2tpAccepts(ReadOnlySpan<byte> payload) => payload.Length >= 2 && (payload[1] & 0x0F) is 2 or 3;

    private static bool VxlanGpe(ReadOnlySpan<byte> payload, ref IpLocation inner) => payload[3] switch
    {
        1 => LinkLayer.At(8, IpHint.ByVersion, ref inner),
        2 => LinkLayer.At(8, IpHint.Ipv6, ref inner),
        3 => LinkLayer.Ethernet(payload, 8, ref inner),
        5 => LinkLayer.Mpls(payload, 8, ref inner),
        _ => false,
    };

    /// <summary>Geneve: eight bytes, options of the announced length, then the Ethernet type's protocol.</summary>
    private static bool Geneve(ReadOnlySpan<byte> payload, ref IpLocation inner)
    {
        if (payload.Length < 8)
        {
            return false;
        }

        var at = 8 + ((payload[0] & 0x3F) * 4);
        var type = LinkLayer.U16(payload[2..]);
        return at <= payload.Length && type > 1500 && LinkLayer.EtherType(payload, type, at, ref inner);
    }

    /// <summary>Teredo: an optional authentication header (indicator 1), an optional origin indication (0), then IPv6.</summary>
    private static bool Teredo(ReadOnlySpan<byte> payload, ref IpLocation inner)
    {
        if (payload.Length < 2)
        {
            return false;
        }

        var at = 0;
        var indicator = LinkLayer.U16(payload);
        if (indicator == 1)
        {
            if (payload.Length < 4)
            {
                return false;
            }

            at = 4 + payload[2] + payload[3] + 9; // client id, authentication value, nonce, confirmation byte
            if (payload.Length < at + 2)
            {
                return false;
            }

            indicator = LinkLayer.U16(payload[at..]);
        }

        if (indicator == 0)
        {
            at += 8; // origin port and address
        }

        return payload.Length > at && LinkLayer.At(at, IpHint.Ipv6, ref inner);
    }

    /// <summary>
    /// GTP T-PDUs (type FF) of versions 0 and 1 and GTP': the header, the optional sequence, N-PDU and extension
    /// headers, cut to the header's length field; then Wireshark's guess from the first byte: 45-4E IPv4, 6x
    /// IPv6, or Ethernet when an Ethernet type of ARP, IPv4 or IPv6 sits at byte 12 of more than 14.
    /// </summary>
    private static bool Gtp(ReadOnlySpan<byte> payload, ref IpLocation inner)
    {
        int flags = payload[0], version = flags >> 5;
        if (version == 2 || payload[1] != 0xFF || payload.Length < 4)
        {
            return false;
        }

        int length = LinkLayer.U16(payload[2..]), at;
        if ((flags & 0x10) == 0)
        {
            at = version == 0 && (flags & 1) == 0 ? 20 : 6; // GTP'
        }
        else if (version == 0)
        {
            at = 20;
        }
        else
        {
            inner.CutAt(8 + length);
            at = 8;
            if ((flags & 0x07) != 0)
            {
                at += 4; // sequence, N-PDU number, next extension header type
                for (var next = (flags & 0x04) != 0 && payload.Length >= at ? payload[at - 1] : 0; next != 0;)
                {
                    if (payload.Length <= at || payload[at] == 0)
                    {
                        return false; // cut short, or an extension header of length 0 ends the dissection
                    }

                    at += payload[at] * 4;
                    if (payload.Length < at)
                    {
                        return false;
                    }

                    next = payload[at - 1];
                }
            }
        }

        if (version != 1 || (flags & 0x10) == 0)
        {
            inner.CutAt(at + length);
        }

        if (inner.End <= at)
        {
            return false;
        }

        var first = payload[at];
        if (first is >= 0x45 and <= 0x4E)
        {
            return LinkLayer.At(at, IpHint.ByVersion, ref inner);
        }

        if ((first & 0xF0) == 0x60)
        {
            return LinkLayer.At(at, IpHint.Ipv6, ref inner);
        }

        return inner.End - at > 14 && LinkLayer.U16(payload[(at + 12)..]) is 0x0806 or 0x0800 or 0x86DD && LinkLayer.Ethernet(payload, at, ref inner);
    }

    /// <summary>
    /// L2TPv2 data messages: flags, an optional length (which cuts the packet), tunnel and session ids, optional
    /// sequence numbers and an optional offset with its padding, then PPP in HDLC-like framing. Control messages
    /// and L2TPv3 carry no packet Wireshark dissects by default.
    /// </summary>
    private static bool L2tp(ReadOnlySpan<byte> payload, ref IpLocation inner)
    {
        var flags = LinkLayer.U16(payload);
        if ((flags & 0x0F) != 2 || (flags & 0x8000) != 0)
        {
            return false;
        }

        var at = 2;
        if ((flags & 0x4000) != 0)
        {
            if (payload.Length < 4)
            {
                return false;
            }

            inner.CutAt(LinkLayer.U16(payload[2..]));
            at += 2;
        }

        at += 4; // tunnel and session ids
        if ((flags & 0x0800) != 0)
        {
            at += 4; // Ns, Nr
        }

        if ((flags & 0x0200) != 0)
        {
            if (payload.Length < at + 2)
            {
                return false;
            }

            at += 2 + LinkLayer.U16(payload[at..]);
        }

        return inner.End > at && at <= payload.Length && SerialLinks.PppHdlc(payload, at, ref inner);
    }

    /// <summary>
    /// GRE version 0 (RFC 2784/2890): four bytes, then the checksum word, the key and the sequence number when
    /// their flags say so, then the protocol type's payload. Routing and the other versions are not followed.
    /// </summary>
    private static bool Gre(ReadOnlySpan<byte> payload, ref IpLocation inner)
    {
        if (payload.Length < 4)
        {
            return false;
        }

        var flags = LinkLayer.U16(payload);
        if ((flags & 0x4007) != 0)
        {
            return false; // routing present, or not version 0
        }

        var at = 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + ((flags & 0x1000) != 0 ? 4 : 0);
        var type = LinkLayer.U16(payload[2..]);
        return at <= payload.Length && type is 0x0800 or 0x86DD or 0x6558 or 0x8847 or 0x8848 && LinkLayer.EtherType(payload, type, at, ref inner);
    }
}
