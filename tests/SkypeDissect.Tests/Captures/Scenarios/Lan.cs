namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// The captured network every case shares: a home LAN behind a router that is also its DNS resolver, the
/// Skype client (SC in the paper) and a second machine whose traffic must never be tagged.
/// </summary>
public sealed class Lan
{
    public Lan(ulong seed, LinkKind link = LinkKind.Ethernet, ushort vlanId = 0)
    {
        S = new Scenario(seed, link, vlanId);
        Client = S.Local("skype-client", "192.168.1.23", "f0:de:f1:5c:3e:12");
        Other = S.Local("other-pc", "192.168.1.50", "3c:07:54:1a:9b:77", firstPort: 51820);
        Router = S.Gateway("router", "192.168.1.1", "c0:c1:c0:8e:4a:21", rttSeconds: 0.018);
        Client6 = S.Local("skype-client-v6", "2001:db8:1::23", "f0:de:f1:5c:3e:12", firstPort: 60100);
        Router6 = S.Local("router-v6", "2001:db8:1::1", "c0:c1:c0:8e:4a:21", firstPort: 40000);
        SkypePort = 38562;
    }

    private Lan(Lan lan, Host client, int skypePort)
    {
        S = lan.S;
        Client = client;
        Other = lan.Other;
        Router = lan.Router;
        Client6 = lan.Client6;
        Router6 = lan.Router6;
        SkypePort = skypePort;
    }

    public Scenario S { get; }

    /// <summary>The machine running Skype; the capture is taken on it.</summary>
    public Host Client { get; }

    /// <summary>Another machine on the LAN, never running Skype.</summary>
    public Host Other { get; }

    /// <summary>Router, firewall and DNS resolver (its answers take the upstream round trip).</summary>
    public Host Router { get; }

    /// <summary>The Skype client's IPv6 address (the same machine and MAC address).</summary>
    public Host Client6 { get; }

    /// <summary>The router's IPv6 address, also a DNS resolver.</summary>
    public Host Router6 { get; }

    /// <summary>The UDP port the Skype client chose at installation; its login probes and super node traffic use it.</summary>
    public int SkypePort { get; }

    public HostPort ClientSkypePort => Client.On(SkypePort);

    /// <summary>The same network seen from another Skype client on it: the steps then run from that host and port.</summary>
    public Lan WithClient(Host client, int skypePort) => new(this, client, skypePort);

    /// <summary>Creates the remote hosts of an address list, with the round trip of where Table I puts them.</summary>
    public IReadOnlyList<Host> Servers(string role, IReadOnlyList<string> addresses) =>
        [.. addresses.Select((a, i) => S.Remote($"{role}-{i + 1}", a, Rtt(a)))];

    /// <summary>Round trips as seen from China, where the paper's experiments ran: Singapore near, the US and Ireland far.</summary>
    private static double Rtt(string address) =>
        address.StartsWith("111.221.", StringComparison.Ordinal) ? 0.072
        : address.StartsWith("213.199.", StringComparison.Ordinal) ? 0.281
        : 0.196;
}
