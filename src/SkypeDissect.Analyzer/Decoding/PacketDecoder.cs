using System.Buffers.Binary;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// Turns a captured frame into <see cref="FrameFacts"/>, mirroring what Wireshark 4.0 shows: the link
/// layer, one IPv4 or IPv6 header (IPv6 extension headers and IPsec AH walked, fragments reassembled),
/// then UDP or TCP. Anything else (ICMP and what it quotes, tunnels, other protocols) yields no facts.
/// Allocation-free except for fragments, which the bounded <see cref="FragmentTable"/> copies.
/// </summary>
internal sealed class PacketDecoder
{
    private const int Udp = 17;
    private const int Tcp = 6;

    /// <summary>
    /// Wireshark 4.0 (gui.max_tree_depth) calls no further dissector, postdissectors included, once 500
    /// protocols are listed for the frame: frame, the link layers, IP, one per IPv6 extension or IPsec AH
    /// header, the transport, the payload's protocol (dns, http, data, ...). The plugin runs only while the
    /// frame stays below that, so the analyzer keeps room for the transport, one payload protocol and the
    /// plugin (checked with tshark for 480-505 destination options headers over each link type).
    /// </summary>
    private const int MaxLayers = 500;

    private readonly FragmentTable fragments = new();

    public int PendingFragments => fragments.PendingCount;

    public bool TryDecode(in CaptureRecord record, ReadOnlySpan<byte> frame, out FrameFacts facts)
    {
        facts = default;
        facts.Number = record.Number;
        facts.Time = record.Time;
        facts.TimeNs = (record.Seconds * 1_000_000_000) + record.Nanoseconds;
        if (!LinkLayer.TryLocateIp(record.LinkType, frame, out var offset, out var hint, out var end, out var layers) || offset >= end)
        {
            return false;
        }

        var ip = frame[offset..end];
        var version = ip[0] >> 4;
        // Protocols Wireshark may still add after IP, one per extension or AH header, before the transport,
        // the payload's protocol and the plugin no longer fit.
        var headroom = MaxLayers - layers - 1 - 2;
        if (version == 4 && hint == IpHint.ByVersion)
        {
            return DecodeIpv4(ip, ref facts, record.LinkType, frame, headroom);
        }

        return version == 6 && DecodeIpv6(ip, ref facts, headroom);
    }

    private bool DecodeIpv4(ReadOnlySpan<byte> ip, ref FrameFacts facts, int linkType, ReadOnlySpan<byte> frame, int headroom)
    {
        var headerLength = (ip[0] & 0x0F) * 4;
        if (ip.Length < 20 || headerLength < 20)
        {
            return false;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (totalLength == 0)
        {
            totalLength = ip.Length; // TCP segmentation offload: Wireshark takes the captured length.
        }

        if (totalLength < headerLength || ip.Length < headerLength || Ipv4Options.StopWireshark(ip[20..headerLength]))
        {
            return false; // Bogus length, options cut off by the snapshot length or too short: Wireshark throws there.
        }

        facts.Source = IpAddress.FromV4(ip[12..]);
        facts.Destination = IpAddress.FromV4(ip[16..]);
        var protocol = ip[9];
        var payload = ip[headerLength..Math.Min(ip.Length, totalLength)];
        var flagsOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        var more = (flagsOffset & 0x2000) != 0;
        var fragmentOffset = (flagsOffset & 0x1FFF) * 8;
        if (!more && fragmentOffset == 0)
        {
            return DecodeAfterIp(protocol, payload, true, ref facts, headroom);
        }

        if (ip.Length < totalLength || payload.IsEmpty)
        {
            // Not all of the fragment was captured, or it is empty: Wireshark does not reassemble, but shows
            // the transport header of a first fragment (and hands no UDP payload on).
            return fragmentOffset == 0 && DecodeAfterIp(protocol, payload, false, ref facts, headroom);
        }

        // Wireshark's key: both addresses and protocol ^ identification ^ VLAN id, collisions included; the
        // completing frame's protocol then decides how the datagram is read.
        var mixed = (uint)(protocol ^ BinaryPrimitives.ReadUInt16BigEndian(ip[4..]) ^ LinkLayer.VlanId(linkType, frame));
        var key = new FragmentKey(facts.Source, facts.Destination, mixed, 4);
        return fragments.Add(key, fragmentOffset, more, payload, facts.Time) && DecodeAfterIp(protocol, fragments.Completed, true, ref facts, headroom);
    }

    private bool DecodeIpv6(ReadOnlySpan<byte> ip, ref FrameFacts facts, int headroom)
    {
        if (ip.Length < 40)
        {
            return false;
        }

        int declared = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (declared == 0)
        {
            return false; // tshark 4.0: "payload length equals 0" (jumbogram or offload), and nothing after the header
        }

        facts.Source = IpAddress.FromV6(ip[8..]);
        facts.Destination = IpAddress.FromV6(ip[24..]);
        var complete = ip.Length - 40 >= declared;
        var payload = ip[40..Math.Min(ip.Length, 40 + declared)];
        int next = ip[6];
        // Every header takes at least 8 bytes, so the packet's length ends the walk; the headroom ends it as
        // Wireshark's depth limit does.
        for (; headroom > 0; headroom--)
        {
            switch (next)
            {
                case 0 or 43 or 60: // hop-by-hop, routing, destination options: (length + 1) * 8 bytes
                    if (payload.Length < 2 || payload.Length < (payload[1] + 1) * 8 || (next != 43 && !OptionsReadable(payload)))
                    {
                        return false;
                    }

                    next = payload[0];
                    payload = payload[((payload[1] + 1) * 8)..];
                    break;
                case 44:
                    return Ipv6Fragment(payload, complete, ref facts, headroom - 1);
                default:
                    return DecodeAfterIp(next, payload, true, ref facts, headroom);
            }
        }

        return false;
    }

    /// <summary>
    /// The options of a hop-by-hop or destination options header, walked as Wireshark 4.0 does: an option may
    /// run past its header (tolerated) but not past the packet (it throws, and no transport fields follow).
    /// </summary>
    private static bool OptionsReadable(ReadOnlySpan<byte> header)
    {
        var end = (header[1] + 1) * 8;
        var at = 2;
        while (at < end)
        {
            if (header[at] == 0)
            {
                at++; // Pad1
                continue;
            }

            if (at + 1 >= header.Length || at + 2 + header[at + 1] > header.Length)
            {
                return false;
            }

            at += 2 + header[at + 1];
        }

        return true;
    }

    private bool Ipv6Fragment(ReadOnlySpan<byte> header, bool complete, ref FrameFacts facts, int headroom)
    {
        if (header.Length < 8)
        {
            return false;
        }

        int next = header[0];
        var offsetAndFlag = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var offset = offsetAndFlag & 0xFFF8;
        var more = (offsetAndFlag & 1) != 0;
        var data = header[8..];
        if (offset == 0 && !more)
        {
            return DecodeAfterIp(next, data, true, ref facts, headroom); // an atomic fragment is a whole datagram
        }

        if (!complete)
        {
            return offset == 0 && DecodeAfterIp(next, data, false, ref facts, headroom);
        }

        var key = new FragmentKey(facts.Source, facts.Destination, BinaryPrimitives.ReadUInt32BigEndian(header[4..]), 6);
        return fragments.Add(key, offset, more, data, facts.Time) && DecodeAfterIp(next, fragments.Completed, true, ref facts, headroom);
    }

    /// <summary>Skips IPsec AH headers (Wireshark dissects through them) and decodes UDP or TCP.</summary>
    private static bool DecodeAfterIp(int protocol, ReadOnlySpan<byte> data, bool payloadUsable, ref FrameFacts facts, int headroom)
    {
        for (; protocol == 51; headroom--)
        {
            if (headroom <= 0)
            {
                return false;
            }

            if (data.Length < 2 || data.Length < (data[1] + 2) * 4)
            {
                return false;
            }

            protocol = data[0];
            data = data[((data[1] + 2) * 4)..];
        }

        if (headroom <= 0)
        {
            return false;
        }

        return protocol switch
        {
            Udp => TransportDecoder.DecodeUdp(data, payloadUsable, ref facts),
            Tcp => TransportDecoder.DecodeTcp(data, ref facts),
            _ => false,
        };
    }
}
