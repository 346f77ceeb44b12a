using SkypeDissect.Tests.Analyzer;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// The smallest login both implementations follow to the end, as Ethernet frames built from explicit values:
/// a UDP probe from the client's Skype port to a Table I login server on 33033 (login-range: a ladder attempt
/// that teaches the client port), then a TCP channel to another Table I server answered by its SYN-ACK (the
/// login completes). After it, UDP from the Skype port to a new host is a super node (supernode-udp).
/// </summary>
internal static class LoginFrames
{
    public const double Start = 1370426400.0;
    public const string Client = "192.168.1.23";
    public const string Resolver = "192.168.1.1";
    public const string LoginServer = "157.55.130.147";
    public const string ChannelServer = "111.221.74.38";
    public const string Supernode = "86.142.21.77";

    /// <summary>Probe, channel SYN and its SYN-ACK: frames 1-3 of a capture, all tagged by login-range.</summary>
    public static IReadOnlyList<byte[]> Complete(int skypePort) =>
    [
        Packets.Ethernet(Packets.Ipv4(Client, LoginServer, Packets.Udp, Packets.UdpSegment(skypePort, 33033, Probe))),
        Packets.Ethernet(Packets.Ipv4(Client, ChannelServer, Packets.Tcp, Packets.TcpSegment(50100, 40035, Packets.Syn))),
        Packets.Ethernet(Packets.Ipv4(ChannelServer, Client, Packets.Tcp, Packets.TcpSegment(40035, 50100, Packets.SynAck))),
    ];

    /// <summary>A datagram from the client's Skype port to <paramref name="remote"/> carrying <paramref name="payload"/>.</summary>
    public static byte[] FromSkypePort(int skypePort, string remote, int remotePort, byte[] payload) =>
        Packets.Ethernet(Packets.Ipv4(Client, remote, Packets.Udp, Packets.UdpSegment(skypePort, remotePort, payload)));

    /// <summary>Eighteen bytes that parse as nothing in particular (no DNS question, no tunnel header).</summary>
    public static byte[] Probe { get; } = [0x8f, 0x3e, 0x02, 0x71, 0xd4, 0x09, 0xaa, 0x5c, 0x13, 0x77, 0x60, 0x2b, 0xe1, 0x04, 0x9d, 0x38, 0xc6, 0x51];
}
