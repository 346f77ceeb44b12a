using SkypeDissect.Analyzer;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>Ethernet/IPv4 frames of a client and the servers of a test, and a run of the tagger over them.</summary>
internal static class Scenario
{
    public const string Client = "192.168.1.34";
    public const string Resolver = "192.168.1.1";

    /// <summary>A Table I login server (157.56.52.12-34).</summary>
    public const string LoginServer = "157.56.52.28";

    public static TestFrame Udp(double time, string src, int sport, string dst, int dport, byte[]? payload = null, ushort id = 1) =>
        new(time, Packets.Ethernet(Packets.Ipv4(src, dst, Packets.Udp, Packets.UdpSegment(sport, dport, payload ?? [1, 2, 3, 4]), id)));

    public static TestFrame Tcp(double time, string src, int sport, string dst, int dport, byte flags, byte[]? payload = null, uint seq = 1000, uint ack = 0) =>
        new(time, Packets.Ethernet(Packets.Ipv4(src, dst, Packets.Tcp, Packets.TcpSegment(sport, dport, flags, payload, seq: seq, ack: ack))));

    public static TestFrame DnsQuery(double time, string name, int clientPort = 5353) =>
        Udp(time, Client, clientPort, Resolver, 53, Dns.Query(name));

    public static TestFrame DnsAnswer(double time, string name, params string[] addresses) =>
        Udp(time, Resolver, 53, Client, 5353, Dns.Response(name, addresses));

    public static List<TaggedFrame> Run(params TestFrame[] frames) => Run(Signatures.Default, null, frames);

    public static List<TaggedFrame> Run(SignatureModel model, TagOptions? options, params TestFrame[] frames) =>
        CaptureTagger.Analyze(new MemoryStream(Pcap.Ethernet(frames)), model, options).ToList();

    /// <summary>The tags as "frame step group rule" lines (version left out: the default model's first version).</summary>
    public static List<string> Lines(IEnumerable<TaggedFrame> tagged) =>
        tagged.Select(t => $"{t.Tag.Frame} {t.Tag.Step} {t.Tag.Group} {t.Tag.Rule}").ToList();
}
