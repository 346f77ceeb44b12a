using PacketDotNet;

namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// Broken packets (docs/tagging.md section 1.2 and "Malformed packets"): each damaged packet is a copy of one
/// that the model tags, with one header field made wrong, beside an intact control.
/// </summary>
public static class MalformedCases
{
    /// <summary>
    /// tests/cases/malformed-headers: UDP login probes to Table I addresses with bad IPv4 header and total
    /// lengths and lying UDP lengths; version-check GETs (tagged by their request line alone) with TCP data
    /// offsets that are too small or run past the segment; DNS lookups of a login server name over IPv6 with
    /// extension-header chains that repeat 40 times, run past the packet or claim more than is there.
    /// </summary>
    public static Scenario MalformedHeaders()
    {
        var lan = new Lan(seed: 0xBAD1);
        var servers = lan.Servers("login", [.. Cast.HostCache, .. Cast.LoginAnswerA]);
        var probe = 0;
        void Probe(Func<Packet, byte[]> damage, string what)
        {
            var server = servers[probe++ % servers.Count];
            var packet = PacketFactory.Udp(lan.ClientSkypePort, server.On(33033), lan.S.Payloads.Opaque(31));
            lan.S.Wait(0.01).Emit(lan.Client, server, damage(packet), $"UDP probe to {server.Address}:33033, {what}");
        }

        lan.S.At(0.0);
        Probe(p => p.Bytes, "intact");
        Probe(p => Damage.Ipv4HeaderWords(p, 4), "IPv4 header length 16 (below 20)");
        Probe(p => Damage.Ipv4HeaderWords(p, 15), "IPv4 header length 60, past the packet's 59 bytes");
        Probe(p => Damage.Ipv4TotalLength(p, 12), "IPv4 total length 12 (below the header)");
        Probe(p => Damage.Ipv4TotalLength(p, 0), "IPv4 total length 0 (segmentation offload)");
        Probe(p => Damage.Ipv4TotalLength(p, 1500), "IPv4 total length 1500, past the 59 captured bytes");
        Probe(p => Damage.Ipv4TotalLength(p, 24), "IPv4 total length 24: 4 bytes of UDP header");
        Probe(p => Damage.Ipv4TotalLength(p, 22), "IPv4 total length 22: 2 bytes of UDP header");
        Probe(p => Damage.UdpLength(p, 4), "UDP length 4 (below 8)");
        Probe(p => Damage.UdpLength(p, 2000), "UDP length 2000, past the IP payload");

        var update = lan.S.Remote("version-update", Cast.UpdateAddress, 0.212);
        var get = Payloads.HttpGet(Cast.UpdateName, Cast.UpdateTarget, Cast.SkypeUserAgent);
        void Get(Func<Packet, byte[]> damage, string what)
        {
            var segment = new TcpSegment(0x1000, 0x2000, TcpFlags.Ack | TcpFlags.Psh, 64240, [], get);
            var packet = PacketFactory.Tcp(lan.Client.NextPort(), update.On(80), segment);
            lan.S.Wait(0.01).Emit(lan.Client, update, damage(packet), $"GET getlatestversion to {update.Address}:80, {what}");
        }

        lan.S.At(1.0);
        Get(p => p.Bytes, "intact");
        Get(p => Damage.TcpDataOffset(p, 3), "TCP data offset 3 (12 bytes, below 20)");
        Get(p => Damage.TcpDataOffset(p, 15), "TCP data offset 15 (60 bytes): the request line read as options");
        Get(p => Damage.Ipv4TotalLength(p, 44), "IPv4 total length 44: the payload cut to \"GET \"");

        lan.S.At(2.0);
        Lookup(lan, [(0, Damage.PadOptions()), (60, Damage.PadOptions())], null, "hop-by-hop and destination options, intact");
        Lookup(lan, [.. Enumerable.Repeat((byte)60, 40).Select(t => (t, Damage.PadOptions()))], null, "40 destination options headers in a row");
        Lookup(lan, [(0, Damage.PadOptions()), (60, Damage.OptionsClaiming(200))], null, "destination options claiming 1608 bytes");
        Lookup(lan, [(0, Damage.PadOptions()), (60, Damage.PadOptions())], 16, "payload length 16: the chain ends before UDP");
        Lookup(lan, [(0, Damage.PadOptions())], 0, "payload length 0 (a jumbogram without its option)");
        return lan.S;
    }

    private static void Lookup(Lan lan, IReadOnlyList<(byte, byte[])> chain, int? payloadLength, string what)
    {
        var packet = PacketFactory.Udp(lan.Client6.NextPort(), lan.Router6.On(53), DnsMessage.Query(0x6A00, "dsn4.d.skype.net"));
        lan.S.Wait(0.01).Emit(lan.Client6, lan.Router6, Damage.Ipv6Extensions(packet, chain, payloadLength), $"DNS query dsn4.d.skype.net over IPv6, {what}");
    }
}
