using System.Buffers.Binary;
using System.Net;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>
/// The real 7.7.3 login mixed with the traffic of other applications of the same host (a rule gated on a login is only
/// as good as its worst day): each negative capture of tests/data/negative is re-addressed so
/// that its client is the Skype client 192.168.1.34, its gaps longer than <see cref="LongestGapSeconds"/> are
/// shortened to that (several of them span years), and it is shifted so that its first frame comes
/// <c>offset</c> seconds after the real capture's first frame; the frames of all are merged in time order. Only the
/// first IPv4 header of an Ethernet frame (also behind 802.1Q tags) is re-addressed: tunnelled and ICMP-quoted headers
/// stay, as no rule looks at them, and so does IPv6 traffic (http_ipv6.pcap's client has only an IPv6 address; the
/// Skype client's login state is keyed by its IPv4 address, which such traffic never carries). Checksums are left
/// as they are: neither implementation checks them.
/// </summary>
internal static class MixedCapture
{
    public const string SkypeClient = "192.168.1.34";

    /// <summary>
    /// Gaps within a negative capture longer than this become this long: every time relation a rule looks at (fall-backs
    /// up to 3 s, retries up to 1.7 s) is kept, and more of the capture falls inside the login's gates (up to 120 s).
    /// </summary>
    public const double LongestGapSeconds = 5;

    /// <summary>
    /// The client addresses of each negative capture (the hosts that open its connections, send its queries or
    /// start its flows), read with tshark (conversations, SYN and query sources).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Clients { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["badpackets.pcap"] = ["204.186.80.229"],              // the host the DNS answers go to
        ["bittorrent.pcap"] = ["192.168.1.3"],
        ["dns.pcap"] = ["192.168.170.8", "82.178.113.245"],     // the two querying hosts
        ["facebook.pcap"] = ["192.168.43.18"],
        ["http.pcapng"] = ["192.168.1.128"],
        ["http_ipv6.pcap"] = [],                               // IPv6 only: its client has no IPv4 address
        ["ip_fragmented_garbage.pcap"] = ["10.0.0.2"],
        ["malformed_dns.pcap"] = ["127.0.0.1"],                // a local resolver: both ends become the client
        ["quic.pcap"] = ["192.168.1.109", "192.168.1.105", "10.0.0.4"],
        ["sip.pcap"] = ["192.168.1.2"],
        ["stun.pcap"] = ["192.168.12.169", "10.77.110.51", "54.1.57.155"],
        ["viber.pcap"] = ["192.168.0.17", "192.168.2.100"],
        ["webex.pcap"] = ["10.8.0.1"],
        ["whatsapp_login_call.pcap"] = ["192.168.2.4"],
        ["zoom.pcap"] = ["192.168.1.117"],
    };

    /// <summary>Frames of the mixed capture: its pcap and, per frame number (1-based), where the frame came from.</summary>
    public sealed record Mixed(byte[] Pcap, IReadOnlyList<(string Source, long Frame)> Origins)
    {
        /// <summary>Frame numbers of the mixed capture by their frame number in the real capture.</summary>
        public IReadOnlyDictionary<long, long> RealFrames =>
            Origins.Select((o, i) => (o, Number: i + 1L)).Where(x => x.o.Source == Real).ToDictionary(x => x.o.Frame, x => x.Number);
    }

    public const string Real = "real";

    /// <summary>The real capture with every negative capture starting <paramref name="offsetSeconds"/> after its first frame.</summary>
    public static Mixed Build(double offsetSeconds)
    {
        var real = Read(File.ReadAllBytes(new CaseFolder("real-skype-7.7.3").Capture));
        var start = real[0].Micros;
        var all = real.Select(r => (r.Micros, Order: 0, r.Frame, Source: Real, r.Data)).ToList();
        var order = 1;
        foreach (var (name, clients) in Clients.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var records = Read(File.ReadAllBytes(Path.Combine(RepoPaths.Data, "negative", name)));
            var addresses = clients.Select(Address).ToHashSet();
            var client = Address(SkypeClient);
            var at = start + (long)(offsetSeconds * 1e6);
            for (var i = 0; i < records.Count; i++)
            {
                if (i > 0)
                {
                    at += Math.Clamp(records[i].Micros - records[i - 1].Micros, 0, (long)(LongestGapSeconds * 1e6));
                }

                all.Add((at, order, records[i].Frame, name, Readdress(records[i].Data, addresses, client)));
            }

            order++;
        }

        var merged = all.OrderBy(r => r.Micros).ThenBy(r => r.Order).ThenBy(r => r.Frame).ToList();
        return new Mixed(
            PcapWriter.Write(PcapLinkType.Ethernet, merged.Select(r => new PcapRecord(r.Micros, r.Data))),
            [.. merged.Select(r => (r.Source, r.Frame))]);
    }

    /// <summary>The Ethernet frames of a capture with their time (microseconds) and frame number; records without packet data are skipped.</summary>
    public static List<(long Micros, long Frame, byte[] Data)> Read(byte[] capture)
    {
        var records = new List<(long, long, byte[])>();
        var reader = CaptureReader.Open(new MemoryStream(capture));
        while (reader.TryRead(out var record))
        {
            if (record.LinkType == -1)
            {
                continue;
            }

            if (record.LinkType != 1)
            {
                throw new InvalidOperationException($"frame {record.Number}: link type {record.LinkType}; the mixed capture is Ethernet");
            }

            records.Add(((record.Seconds * 1_000_000) + (record.Nanoseconds / 1000), record.Number, reader.Data.ToArray()));
        }

        return records;
    }

    /// <summary>The source address of the frame's first IPv4 header (behind Ethernet and 802.1Q tags), if it has one.</summary>
    public static uint? Ipv4Source(byte[] frame) => Ipv4Header(frame) is { } at ? BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(at + 12)) : null;

    public static uint Address(string text) => BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(text).GetAddressBytes());

    // Where the first IPv4 header starts: after the Ethernet header and any 802.1Q/802.1ad tags; null without one.
    private static int? Ipv4Header(byte[] frame)
    {
        var at = 12;
        while (at + 2 <= frame.Length && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(at)) is 0x8100 or 0x88A8)
        {
            at += 4;
        }

        return at + 2 + 20 <= frame.Length && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(at)) == 0x0800 && frame[at + 2] >> 4 == 4
            ? at + 2
            : null;
    }

    // The client's addresses in the first IPv4 header, source and destination, become the Skype client's.
    private static byte[] Readdress(byte[] frame, IReadOnlySet<uint> clients, uint client)
    {
        if (Ipv4Header(frame) is not { } at)
        {
            return frame;
        }

        var ip = frame.AsSpan(at);
        foreach (var field in new[] { 12, 16 })
        {
            if (clients.Contains(BinaryPrimitives.ReadUInt32BigEndian(ip[field..])))
            {
                BinaryPrimitives.WriteUInt32BigEndian(ip[field..], client);
            }
        }

        return frame;
    }
}
