using System.Buffers.Binary;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// Turns a captured frame into <see cref="FrameFacts"/>, mirroring what Wireshark 4.0 shows: the link
/// layers, one IPv4 or IPv6 header, the extension headers Wireshark walks after either (fragments
/// reassembled), then UDP or TCP. Anything else (ICMP and what it quotes, tunnels, other protocols) yields
/// no facts. Allocation-free except for fragments, which the bounded <see cref="FragmentTable"/> copies.
/// </summary>
internal sealed class PacketDecoder
{
    private const int Udp = 17;
    private const int Tcp = 6;

    /// <summary>
    /// Wireshark 4.0 (gui.max_tree_depth) calls no further dissector, postdissectors included, once 500
    /// protocols are listed for the frame: frame, the link layers, IP, one per extension or AH header, the
    /// transport, the payload's protocol (dns, http, data, ...). The plugin runs only while the frame stays
    /// below that, so the analyzer keeps room for the transport, one payload protocol and the plugin
    /// (checked with tshark for 480-505 destination options headers over each link type).
    /// </summary>
    private const int MaxLayers = 500;

    private readonly FragmentTable fragments = new();

    public int PendingFragments => fragments.PendingCount;

    /// <summary>
    /// The first record of a link type Wireshark reads and the analyzer does not decode (Token Ring, FDDI, ...),
    /// with how many frames had such link types: reported at the end of the file, so that no frame Wireshark
    /// might tag goes unmentioned.
    /// </summary>
    public (int LinkType, long Offset, long Frames)? Undecoded { get; private set; }

    public bool TryDecode(in CaptureRecord record, ReadOnlySpan<byte> frame, out FrameFacts facts)
    {
        facts = default;
        facts.Number = record.Number;
        facts.Time = record.Time;
        facts.TimeNs = (record.Seconds * 1_000_000_000) + record.Nanoseconds;
        if (!LinkTypes.IsDecoded(record.LinkType))
        {
            if (WiretapLinkTypes.IsKnown(record.LinkType) && !WiretapLinkTypes.IsUserDefined(record.LinkType))
            {
                Undecoded = Undecoded is { } u ? u with { Frames = u.Frames + 1 } : (record.LinkType, record.FileOffset, 1);
            }

            return false;
        }

        if (!LinkLayer.TryLocateIp(record.LinkType, frame, record.ByteSwapped, out var at))
        {
            return false;
        }

        var ip = frame[at.Offset..at.End];
        var version = ip[0] >> 4;
        // Protocols Wireshark may still add after IP, one per extension or AH header, before the transport,
        // the payload's protocol and the plugin no longer fit.
        var headroom = MaxLayers - at.Layers - 1 - 2;
        if (version == 4 && at.Hint == IpHint.ByVersion)
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
            return DecodeChain(protocol, payload, true, ref facts, headroom);
        }

        if (ip.Length < totalLength || payload.IsEmpty)
        {
            // Not all of the fragment was captured, or it is empty: Wireshark does not reassemble, but shows
            // the transport header of a first fragment (and hands no UDP payload on).
            return fragmentOffset == 0 && DecodeChain(protocol, payload, false, ref facts, headroom);
        }

        // Wireshark's key: both addresses and protocol ^ identification ^ VLAN id, collisions included; the
        // completing frame's protocol then decides how the datagram is read.
        var mixed = (uint)(protocol ^ BinaryPrimitives.ReadUInt16BigEndian(ip[4..]) ^ LinkLayer.VlanId(linkType, frame));
        var key = new FragmentKey(facts.Source, facts.Destination, mixed, 4);
        return fragments.Add(key, fragmentOffset, more, payload, facts.Time) && DecodeChain(protocol, fragments.Completed, true, ref facts, headroom);
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
        var payload = ip[40..Math.Min(ip.Length, 40 + declared)];
        return DecodeChain(ip[6], payload, true, ref facts, headroom, ipv6Remaining: declared, complete: ip.Length - 40 >= declared);
    }

    /// <summary>
    /// Walks the extension headers (<see cref="ExtensionHeaders"/>) to the transport, one protocol layer each.
    /// <paramref name="ipv6Remaining"/>: the IPv6 payload length ahead, for an IPv6 packet (-1 otherwise); the
    /// first fragment header within it reassembles as IPv6 does (<paramref name="complete"/>: the packet was
    /// captured whole). After IPv4, or once reassembled, a fragment header is skipped like an options header.
    /// </summary>
    private bool DecodeChain(int next, ReadOnlySpan<byte> data, bool payloadUsable, ref FrameFacts facts, int headroom, int ipv6Remaining = -1, bool complete = true)
    {
        for (; ExtensionHeaders.IsExtension(next); headroom--)
        {
            var length = headroom > 0 ? ExtensionHeaders.Length(next, data) : -1;
            if (length < 0)
            {
                return false;
            }

            if (next == ExtensionHeaders.Fragment && ipv6Remaining - length > 0)
            {
                return Ipv6Fragment(data, complete, ref facts, headroom - 1);
            }

            ipv6Remaining -= length;
            next = data[0];
            data = data[length..];
        }

        return headroom > 0 && Transport(next, data, payloadUsable, ref facts);
    }

    private bool Ipv6Fragment(ReadOnlySpan<byte> header, bool complete, ref FrameFacts facts, int headroom)
    {
        int next = header[0];
        var offsetAndFlag = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var offset = offsetAndFlag & 0xFFF8;
        var more = (offsetAndFlag & 1) != 0;
        var data = header[8..];
        if (offset == 0 && !more)
        {
            return DecodeChain(next, data, true, ref facts, headroom); // an atomic fragment is a whole datagram
        }

        if (!complete)
        {
            return offset == 0 && DecodeChain(next, data, false, ref facts, headroom);
        }

        var key = new FragmentKey(facts.Source, facts.Destination, BinaryPrimitives.ReadUInt32BigEndian(header[4..]), 6);
        return fragments.Add(key, offset, more, data, facts.Time) && DecodeChain(next, fragments.Completed, true, ref facts, headroom);
    }

    /// <summary>
    /// UDP or TCP. A UDP payload goes where Wireshark's port table sends it (<see cref="UdpPorts"/>): DNS gives
    /// the DNS facts, and a tunnel carrying an IP header makes the frame one of two IP headers, never tagged.
    /// </summary>
    private static bool Transport(int protocol, ReadOnlySpan<byte> data, bool payloadUsable, ref FrameFacts facts)
    {
        if (protocol == Tcp)
        {
            return TransportDecoder.DecodeTcp(data, ref facts);
        }

        if (protocol != Udp || !TransportDecoder.DecodeUdp(data, payloadUsable, ref facts))
        {
            return false;
        }

        if (!facts.UdpPayloadDissected)
        {
            return true;
        }

        var kind = UdpPorts.Resolve(facts.SourcePort, facts.DestinationPort, facts.Payload);
        facts.UdpKind = kind;
        return kind is UdpPayloadKind.Other or UdpPayloadKind.Dns || !Tunnels.CarriesIp(kind, facts.Payload);
    }
}
