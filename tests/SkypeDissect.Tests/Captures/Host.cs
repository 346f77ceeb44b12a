using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace SkypeDissect.Tests.Captures;

/// <summary>
/// A machine in a scenario. Local hosts sit on the captured LAN and have a MAC address; remote hosts are
/// reached through the gateway and have a round-trip time. Hosts hand out their own ephemeral ports and
/// IPv4 identifications, so a scenario is deterministic without naming every number.
/// </summary>
public sealed class Host
{
    private int nextPort;
    private ushort nextIpId;

    internal Host(string name, IPAddress address, PhysicalAddress? mac, double rttSeconds, int firstEphemeralPort, ushort firstIpId)
    {
        Name = name;
        Address = address;
        Mac = mac;
        RttSeconds = rttSeconds;
        nextPort = firstEphemeralPort;
        nextIpId = firstIpId;
    }

    public string Name { get; }

    public IPAddress Address { get; }

    /// <summary>The host's own MAC address when it is on the captured LAN; null for hosts behind the gateway.</summary>
    public PhysicalAddress? Mac { get; }

    public bool IsLocal => Mac is not null;

    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Time a packet takes from the LAN to this host and back, used for answers.</summary>
    public double RttSeconds { get; }

    public HostPort On(int port) => new(this, port);

    /// <summary>The next ephemeral port of this host (Windows counts upwards from 49152).</summary>
    public HostPort NextPort() => new(this, nextPort++);

    internal ushort NextIpId() => nextIpId++;

    public override string ToString() => $"{Name} ({Address})";
}

/// <summary>A host and one of its ports: one end of a UDP exchange or a TCP connection.</summary>
public sealed record HostPort(Host Host, int Port)
{
    public override string ToString() => Host.IsIPv6 ? $"[{Host.Address}]:{Port}" : $"{Host.Address}:{Port}";
}
