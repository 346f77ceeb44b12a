using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PacketDotNet;

namespace SkypeDissect.Tests.Captures;

/// <summary>How the frames of a scenario are framed on the link.</summary>
public enum LinkKind
{
    /// <summary>Ethernet II (pcap link type 1).</summary>
    Ethernet,

    /// <summary>Ethernet II with an IEEE 802.1Q tag between the MAC addresses and the EtherType (still link type 1).</summary>
    EthernetVlan,

    /// <summary>Linux cooked capture v1, as <c>tcpdump -i any</c> writes it (pcap link type 113).</summary>
    LinuxCooked,
}

/// <summary>
/// Puts an IP packet into a link-layer frame. Local hosts use their own MAC address; every remote host is
/// reached through the gateway's. The capture is taken on <see cref="CaptureHost"/>, which decides the
/// Linux cooked packet type (sent by us, to us, multicast, ...).
/// </summary>
public sealed class LinkFramer(LinkKind kind, Host gateway, Host captureHost, ushort vlanId = 0)
{
    private const ushort VlanTpid = 0x8100;

    public LinkKind Kind { get; } = kind;

    public Host CaptureHost { get; } = captureHost;

    public PcapLinkType PcapLinkType => Kind == LinkKind.LinuxCooked ? PcapLinkType.LinuxCooked : PcapLinkType.Ethernet;

    /// <summary>Frames an IP packet (whole datagram or fragment) given as bytes; its version nibble picks the EtherType.</summary>
    public byte[] Frame(Host source, Host destination, byte[] ip)
    {
        var etherType = ip.Length > 0 && ip[0] >> 4 == 6 ? EthernetType.IPv6 : EthernetType.IPv4;
        var sourceMac = MacOf(source);
        return Kind switch
        {
            LinkKind.Ethernet => Ethernet(sourceMac, DestinationMac(destination), etherType, ip),
            LinkKind.EthernetVlan => InsertVlanTag(Ethernet(sourceMac, DestinationMac(destination), etherType, ip)),
            LinkKind.LinuxCooked => LinuxCooked(source, destination, sourceMac, etherType, ip),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static byte[] Ethernet(PhysicalAddress source, PhysicalAddress destination, EthernetType type, byte[] ip)
    {
        var ethernet = new EthernetPacket(source, destination, type) { PayloadData = ip };
        return ethernet.Bytes;
    }

    /// <summary>802.1Q: TPID 0x8100 and the tag control information (priority 0, VLAN id) after the two MAC addresses.</summary>
    private byte[] InsertVlanTag(byte[] frame)
    {
        var tagged = new byte[frame.Length + 4];
        frame.AsSpan(0, 12).CopyTo(tagged);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(12), VlanTpid);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), (ushort)(vlanId & 0x0FFF));
        frame.AsSpan(12).CopyTo(tagged.AsSpan(16));
        return tagged;
    }

    /// <summary>The 16-byte SLL header: packet type, ARPHRD_ETHER, address length 6, the sender's MAC padded to 8, protocol.</summary>
    private byte[] LinuxCooked(Host source, Host destination, PhysicalAddress sourceMac, EthernetType type, byte[] ip)
    {
        var body = ip;
        var frame = new byte[16 + body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, CookedPacketType(source, destination));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 1); // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
        sourceMac.GetAddressBytes().CopyTo(frame.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), (ushort)type);
        body.CopyTo(frame.AsSpan(16));
        return frame;
    }

    private ushort CookedPacketType(Host source, Host destination)
    {
        // The capture host may have several addresses (IPv4, IPv6): its MAC address identifies it.
        if (source.Mac is { } mac && mac.Equals(CaptureHost.Mac))
        {
            return 4; // LINUX_SLL_OUTGOING
        }

        if (destination.Mac is { } destinationMac && destinationMac.Equals(CaptureHost.Mac))
        {
            return 0; // LINUX_SLL_HOST
        }

        if (IsBroadcast(destination.Address))
        {
            return 1;
        }

        return IsMulticast(destination.Address) ? (ushort)2 : (ushort)3; // multicast, or another host's
    }

    private PhysicalAddress MacOf(Host host) => host.Mac ?? gateway.Mac ?? throw new InvalidOperationException("the gateway needs a MAC address");

    private PhysicalAddress DestinationMac(Host destination)
    {
        var address = destination.Address;
        if (IsBroadcast(address))
        {
            return PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF");
        }

        if (IsMulticast(address))
        {
            var b = address.GetAddressBytes();
            return address.AddressFamily == AddressFamily.InterNetworkV6
                ? new PhysicalAddress([0x33, 0x33, b[12], b[13], b[14], b[15]]) // RFC 2464 section 7
                : new PhysicalAddress([0x01, 0x00, 0x5E, (byte)(b[1] & 0x7F), b[2], b[3]]); // RFC 1112 section 6.4
        }

        return MacOf(destination);
    }

    private static bool IsBroadcast(IPAddress address) => address.Equals(IPAddress.Broadcast);

    private static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? address.IsIPv6Multicast : address.GetAddressBytes()[0] is >= 224 and <= 239;
}
