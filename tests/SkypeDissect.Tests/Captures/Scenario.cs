using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;

namespace SkypeDissect.Tests.Captures;

/// <summary>How the two fragments of a datagram reach the capture.</summary>
public enum FragmentDelivery
{
    InOrder,
    Reversed,
    SecondLost,
}

/// <summary>One frame of a scenario before framing: when, between which hosts, the IP packet's bytes, and what it is.</summary>
public sealed record ScenarioFrame(long Micros, Host Source, Host Destination, byte[] Ip, string Note);

/// <summary>
/// A capture written as a story: hosts, then timed exchanges that read like the paper's figures.
/// <code>
/// s.At(0.0).Dns(client, resolver, "dsn3.d.skype.net", loginServers);
/// s.At(0.2).Udp(client.On(38562), loginServers[7].On(33033), 43);
/// s.At(0.6).Tcp(client.NextPort(), loginServers[7].On(40035)).Handshake().Send(180).Reply(120);
/// </code>
/// Every operation emits frames at the scenario's clock and moves it on (answers wait for the remote host's
/// round-trip time). <see cref="At"/> may jump back to interleave other traffic: frames are ordered by time
/// when the capture is written, ties keep the order of writing.
/// </summary>
public sealed class Scenario
{
    /// <summary>2013-06-05 10:00:00 UTC: the time of the paper's experiments, near enough.</summary>
    public const long EpochSeconds = 1370426400;

    private const long SpacingMicros = 150; // between two frames one host sends back to back

    private readonly List<ScenarioFrame> frames = [];
    private readonly LinkKind link;
    private readonly ushort vlanId;
    private Host? gateway;
    private Host? captureHost;
    private ushort nextDnsId = 0x3A41;
    private long now;

    public Scenario(ulong seed, LinkKind link = LinkKind.Ethernet, ushort vlanId = 0)
    {
        this.link = link;
        this.vlanId = vlanId;
        Payloads = new Payloads(seed);
    }

    public Payloads Payloads { get; }

    public IReadOnlyList<ScenarioFrame> Frames => [.. frames.OrderBy(f => f.Micros)];

    /// <summary>Seconds since the start of the capture.</summary>
    public double Now => now / 1e6;

    /// <summary>A host on the captured LAN. The first one declared is the host the capture is taken on.</summary>
    public Host Local(string name, string address, string mac, int firstPort = 49152)
    {
        var host = new Host(name, IPAddress.Parse(address), PhysicalAddress.Parse(mac.Replace(':', '-').ToUpperInvariant()), 0.0005, firstPort, (ushort)(0x1200 + firstPort % 4096));
        captureHost ??= host;
        return host;
    }

    /// <summary>The LAN's router: every remote host's frames carry its MAC address.</summary>
    public Host Gateway(string name, string address, string mac, double rttSeconds = 0.002)
    {
        gateway = new Host(name, IPAddress.Parse(address), PhysicalAddress.Parse(mac.Replace(':', '-').ToUpperInvariant()), rttSeconds, 40000, 0x0100);
        return gateway;
    }

    /// <summary>A host behind the gateway, answering after <paramref name="rttSeconds"/>.</summary>
    public Host Remote(string name, string address, double rttSeconds)
    {
        var ip = IPAddress.Parse(address);
        var b = ip.GetAddressBytes();
        // A first IPv4 identification that differs between servers yet depends only on the address.
        return new Host(name, ip, null, rttSeconds, 50000, (ushort)(((b[^2] << 8) | b[^1]) ^ 0x5A5A));
    }

    /// <summary>Sets the clock to <paramref name="seconds"/> since the start of the capture.</summary>
    public Scenario At(double seconds)
    {
        if (seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), "a scenario starts at 0 s");
        }

        now = (long)Math.Round(seconds * 1e6);
        return this;
    }

    /// <summary>Moves the clock on by <paramref name="seconds"/>.</summary>
    public Scenario Wait(double seconds) => At(Now + seconds);

    public Scenario Udp(HostPort from, HostPort to, int payloadBytes, string? note = null) =>
        Udp(from, to, Payloads.Opaque(payloadBytes), note);

    public Scenario Udp(HostPort from, HostPort to, byte[] payload, string? note = null)
    {
        Emit(from.Host, to.Host, PacketFactory.Udp(from, to, payload), note ?? $"UDP {from} > {to} len {payload.Length}");
        return this;
    }

    /// <summary>A UDP datagram a firewall refuses: the datagram, then the router's ICMP "administratively prohibited" (type 3, code 13) quoting it.</summary>
    public Scenario UdpRefused(HostPort from, HostPort to, int payloadBytes, Host router)
    {
        var datagram = PacketFactory.Udp(from, to, Payloads.Opaque(payloadBytes));
        Emit(from.Host, to.Host, datagram, $"UDP {from} > {to} len {payloadBytes}");
        Emit(router, from.Host, PacketFactory.IcmpUnreachable(router, datagram, 13), $"ICMP prohibited from {router.Address}, quoting UDP to {to}");
        return this;
    }

    /// <summary>
    /// A UDP datagram sent in two IPv4 fragments, the first holding <paramref name="firstFragmentPayload"/>
    /// bytes of the IP payload; <paramref name="delivery"/> says in which order they arrive, or that the
    /// second is lost.
    /// </summary>
    public Scenario UdpInFragments(HostPort from, HostPort to, byte[] payload, int firstFragmentPayload, FragmentDelivery delivery, string? note = null)
    {
        var (first, second) = PacketFactory.Fragment(PacketFactory.Udp(from, to, payload), firstFragmentPayload);
        var what = note ?? $"UDP {from} > {to} len {payload.Length}";
        switch (delivery)
        {
            case FragmentDelivery.InOrder:
                Emit(from.Host, to.Host, first, what + ", fragment 1 of 2");
                Emit(from.Host, to.Host, second, what + ", fragment 2 of 2");
                break;
            case FragmentDelivery.Reversed:
                Emit(from.Host, to.Host, second, what + ", fragment 2 of 2 (first to arrive)");
                Emit(from.Host, to.Host, first, what + ", fragment 1 of 2");
                break;
            case FragmentDelivery.SecondLost:
                Emit(from.Host, to.Host, first, what + ", fragment 1 of 2 (fragment 2 lost)");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(delivery));
        }

        return this;
    }

    /// <summary>A DNS query and its answer, the answer in two IPv4 fragments (first 64 bytes of the UDP datagram, then the rest).</summary>
    public Scenario DnsFragmentedAnswer(Host client, Host resolver, string name, IReadOnlyList<string> answers, FragmentDelivery delivery)
    {
        var id = nextDnsId++;
        var port = client.NextPort();
        var server = resolver.On(53);
        Emit(client, resolver, PacketFactory.Udp(port, server, DnsMessage.Query(id, name)), $"DNS query {name}");
        Wait(resolver.RttSeconds);
        var response = DnsMessage.Response(id, name, [.. answers.Select(IPAddress.Parse)]);
        return UdpInFragments(server, port, response, 64, delivery, $"DNS answer {name}: {answers.Count} addresses");
    }

    /// <summary>A DNS query for an A record and, after the resolver's round trip, its answer.</summary>
    public Scenario Dns(Host client, Host resolver, string name, IReadOnlyList<string> answers, string? cname = null) =>
        Dns(client, resolver, name, answers, DnsMessage.TypeA, cname);

    public Scenario Dns(Host client, Host resolver, string name, IReadOnlyList<string> answers, ushort type, string? cname = null)
    {
        var id = nextDnsId++;
        var port = client.NextPort();
        var server = resolver.On(53);
        Emit(client, resolver, PacketFactory.Udp(port, server, DnsMessage.Query(id, name, type)), $"DNS query {name}");
        Wait(resolver.RttSeconds);
        var addresses = answers.Select(IPAddress.Parse).ToList();
        Emit(resolver, client, PacketFactory.Udp(server, port, DnsMessage.Response(id, name, addresses, type, cname)), $"DNS answer {name}: {addresses.Count} addresses");
        return this;
    }

    /// <summary>A DNS query nobody answers.</summary>
    public Scenario DnsQuery(Host client, Host resolver, string name)
    {
        var port = client.NextPort();
        Emit(client, resolver, PacketFactory.Udp(port, resolver.On(53), DnsMessage.Query(nextDnsId++, name)), $"DNS query {name} (unanswered)");
        return this;
    }

    /// <summary>A TCP connection from <paramref name="client"/>; nothing is sent until its methods are called.</summary>
    public TcpFlow Tcp(HostPort client, HostPort server) => new(this, client, server, Payloads.NextUInt32(), Payloads.NextUInt32());

    /// <summary>The frames framed for the link, ordered by time.</summary>
    public IReadOnlyList<PcapRecord> Records()
    {
        var framer = new LinkFramer(
            link,
            gateway ?? throw new InvalidOperationException("the scenario declares no gateway"),
            captureHost ?? throw new InvalidOperationException("the scenario declares no local host"),
            vlanId);
        return [.. Frames.Select(f => new PcapRecord(EpochSeconds * 1_000_000 + f.Micros, framer.Frame(f.Source, f.Destination, f.Ip)))];
    }

    public PcapLinkType LinkType => link == LinkKind.LinuxCooked ? PcapLinkType.LinuxCooked : PcapLinkType.Ethernet;

    /// <summary>The scenario as a classic pcap file.</summary>
    public byte[] ToPcap() => PcapWriter.Write(LinkType, Records());

    internal void Emit(Host source, Host destination, Packet ip, string note) => Emit(source, destination, ip.Bytes, note);

    internal void Emit(Host source, Host destination, byte[] ip, string note)
    {
        frames.Add(new ScenarioFrame(now, source, destination, ip, note));
        now += SpacingMicros;
    }
}
