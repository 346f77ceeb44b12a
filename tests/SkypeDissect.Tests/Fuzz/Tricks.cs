using System.Buffers.Binary;
using SkypeDissect.Tests.Hostile;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// Mutations that keep a capture well-formed and change how its packets are carried, each a way the two
/// implementations once disagreed (issue 14): a datagram moved into a UDP tunnel, an extension header chain
/// after IPv4 or IPv6, a stack of VLAN tags or MPLS labels under every frame, a clock stepping back or forward,
/// a DNS client on a port Wireshark gives to another protocol first, names and request lines in upper case (with
/// tshark under a Turkish locale). They apply to classic pcap files of Ethernet frames with tagged frames; the result
/// is again such a file, so a tag comparison on it is meaningful.
/// </summary>
public static class Tricks
{
    /// <summary>Every trick's name, for the coverage test.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["tunnel", "ext-chain", "link-stack", "clock-step", "low-port-dns", "upper-case"];

    private static readonly int[] LowPorts = [7, 13, 19, 37, 49];

    // Extension headers as ExtensionChainTests builds them; the first byte (next header) is filled in.
    private static readonly (byte Type, byte[] Body)[] Headers =
    [
        (0, [0, 0, 1, 4, 0, 0, 0, 0]),
        (60, [0, 0, 1, 4, 0, 0, 0, 0]),
        (43, [0, 0, 0, 0, 0, 0, 0, 0]),
        (140, [0, 0, 0x80, 0, 0, 0, 0, 1]),
    ];

    /// <summary>
    /// Whether the tricks apply to <paramref name="seed"/>: a classic pcap of Ethernet frames of which the analyzer
    /// tags some. A trick moves, wraps or retimes the frames of a login; on a capture without one (the negative
    /// captures, facebook-alone: a third of the Ethernet pcaps) it can change no tag and tests little that the
    /// mutant sample, which draws from every seed, does not.
    /// </summary>
    public static bool Apply(SeedCapture seed) =>
        !seed.Layout.IsPcapNg && seed.Layout.Packets.Count > 0 && seed.Layout.Packets.All(p => p.LinkType == 1) && seed.Tagged;

    /// <summary>One to two tricks on a copy of the seed; their descriptions are added to <paramref name="ops"/>.</summary>
    public static byte[] Make(FuzzRandom random, SeedCapture seed, List<string> ops)
    {
        var file = PcapFile.Read(seed.Bytes, seed.Layout);
        for (var n = random.Next(1, 3); n > 0; n--)
        {
            var kind = random.Pick(Kinds);
            ops.Add(kind switch
            {
                "tunnel" => Tunnel(random, file),
                "ext-chain" => Chain(random, file),
                "link-stack" => LinkStack(random, file),
                "clock-step" => ClockStep(random, file),
                "low-port-dns" => LowPortDns(random, file),
                _ => UpperCase(file),
            });
        }

        return file.Write();
    }

    /// <summary>A UDP datagram's payload replaced by a tunnel carrying the frame itself (or its IP packet), on the tunnel's port.</summary>
    private static string Tunnel(FuzzRandom random, PcapFile file)
    {
        var candidates = file.Indices(f => Ipv4Transport(f) is (17, _));
        if (candidates.Count == 0)
        {
            return "tunnel (no IPv4 UDP frame)";
        }

        var i = random.Pick(candidates);
        var frame = file.Records[i].Data;
        var ip = frame[14..];
        var fixedTunnel = random.Pick(TunnelFrames.All);
        (string Name, int Port, byte[] Payload) tunnel = random.Next(6) switch
        {
            0 => ("vxlan", 4789, [8, 0, 0, 0, 0, 0, 1, 0, .. frame]),
            1 => ("geneve", 6081, [0, 0, 0x65, 0x58, 0, 0, 1, 0, .. frame]),
            2 => ("gtp-u", 2152, TunnelFrames.Gtp(ip)),
            3 => ("l2tp", 1701, TunnelFrames.L2tp([0xFF, 0x03, 0x00, 0x21, .. ip])),
            4 => ("mpls-in-udp", 6635, [0, 0x10, 1, 64, .. ip]),
            _ => (fixedTunnel.Name, fixedTunnel.Port, fixedTunnel.WithIp),
        };
        var (name, port, payload) = tunnel;
        var header = (ip[0] & 0x0F) * 4;
        var sport = BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(header));
        var dport = BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(header + 2));
        (sport, dport) = random.OneIn(2) ? (sport, (ushort)port) : ((ushort)port, dport);
        byte[] udp = [.. Packets16(sport), .. Packets16(dport), .. Packets16(8 + payload.Length), 0, 0, .. payload];
        file.Records[i].Data = [.. frame[..14], .. Ipv4WithPayload(ip[..header], udp)];
        return $"tunnel {name} frame {i + 1}";
    }

    /// <summary>One to three extension headers between the IP header and the transport of one frame.</summary>
    private static string Chain(FuzzRandom random, PcapFile file)
    {
        var candidates = file.Indices(f => EtherType(f) is 0x0800 or 0x86DD);
        if (candidates.Count == 0)
        {
            return "ext-chain (no IP frame)";
        }

        var i = random.Pick(candidates);
        var frame = file.Records[i].Data;
        var ip = frame[14..];
        var v4 = EtherType(frame) == 0x0800;
        var headerLength = v4 ? (ip[0] & 0x0F) * 4 : 40;
        var protocol = v4 ? ip[9] : ip[6];
        if (ip.Length < headerLength)
        {
            return "ext-chain (short frame)";
        }

        var chain = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Pick(Headers)).ToList();
        var bytes = new List<byte>();
        for (var k = 0; k < chain.Count; k++)
        {
            var body = (byte[])chain[k].Body.Clone();
            body[0] = k + 1 < chain.Count ? chain[k + 1].Type : protocol;
            bytes.AddRange(body);
        }

        byte[] rest = [.. bytes, .. ip[headerLength..]];
        byte[] header = ip[..headerLength];
        if (v4)
        {
            header[9] = chain[0].Type;
            file.Records[i].Data = [.. frame[..14], .. Ipv4WithPayload(header, rest)];
        }
        else
        {
            header[6] = chain[0].Type;
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4)) + bytes.Count));
            file.Records[i].Data = [.. frame[..14], .. header, .. rest];
        }

        return $"ext-chain {string.Join("-", chain.Select(c => c.Type))} frame {i + 1}";
    }

    /// <summary>Every Ethernet frame under the same stack: 1-12 VLAN tags, or 1-20 MPLS labels for IP frames.</summary>
    private static string LinkStack(FuzzRandom random, PcapFile file)
    {
        var mpls = random.OneIn(2);
        var depth = mpls ? random.Next(1, 21) : random.Next(1, 13);
        foreach (var r in file.Records)
        {
            var type = EtherType(r.Data);
            if (r.Data.Length < 14 || (mpls && type is not (0x0800 or 0x86DD)))
            {
                continue;
            }

            var stack = new List<byte>();
            if (mpls)
            {
                for (var k = 0; k < depth; k++)
                {
                    var label = 16 + k;
                    stack.AddRange([(byte)(label >> 12), (byte)(label >> 4), (byte)((label << 4) | (k == depth - 1 ? 1 : 0)), 64]);
                }

                r.Data = [.. r.Data[..12], 0x88, 0x47, .. stack, .. r.Data[14..]];
            }
            else
            {
                for (var k = 0; k < depth; k++)
                {
                    stack.AddRange([0x81, 0x00, 0, (byte)(10 + k)]);
                }

                r.Data = [.. r.Data[..12], .. stack, .. r.Data[12..]];
            }
        }

        return $"link-stack {(mpls ? "mpls" : "vlan")}x{depth}";
    }

    /// <summary>From one frame on, the clock steps back (or forward) by more than an hour: merged captures.</summary>
    private static string ClockStep(FuzzRandom random, PcapFile file)
    {
        var from = random.Next(file.Records.Count);
        var step = random.Pick<long>([-3601, -7200, -86400, 3601, 86400]);
        foreach (var r in file.Records.Skip(from))
        {
            r.Seconds = (uint)Math.Max(0, r.Seconds + step);
        }

        return $"clock-step {step} s from frame {from + 1}";
    }

    /// <summary>A DNS client's port (both directions) moved to one Wireshark gives to echo, daytime, chargen, time or TACACS first.</summary>
    private static string LowPortDns(FuzzRandom random, PcapFile file)
    {
        var clients = file.Records.Select(r => Ipv4Transport(r.Data) is (17, var at) && Port(r.Data, at + 2) == 53 ? Port(r.Data, at) : -1).Where(p => p > 0).Distinct().ToList();
        if (clients.Count == 0)
        {
            return "low-port-dns (no DNS query)";
        }

        var client = random.Pick(clients);
        var low = random.Pick(LowPorts);
        foreach (var r in file.Records)
        {
            if (Ipv4Transport(r.Data) is (17, var at))
            {
                if (Port(r.Data, at) == client && Port(r.Data, at + 2) == 53)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(r.Data.AsSpan(at), (ushort)low);
                }
                else if (Port(r.Data, at) == 53 && Port(r.Data, at + 2) == client)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(r.Data.AsSpan(at + 2), (ushort)low);
                }
            }
        }

        return $"low-port-dns {client}->{low}";
    }

    /// <summary>The question names of DNS messages and the first line of HTTP requests in upper case.</summary>
    private static string UpperCase(PcapFile file)
    {
        foreach (var r in file.Records)
        {
            switch (Ipv4Transport(r.Data))
            {
                case (17, var at) when at + 8 + 12 < r.Data.Length && (Port(r.Data, at) == 53 || Port(r.Data, at + 2) == 53):
                    for (var k = at + 8 + 12; k < r.Data.Length && r.Data[k] != 0; k++)
                    {
                        r.Data[k] = Upper(r.Data[k]);
                    }

                    break;
                case (6, var at) when at + 20 <= r.Data.Length:
                    var payload = at + ((r.Data[at + 12] >> 4) * 4);
                    if (payload + 4 <= r.Data.Length && r.Data.AsSpan(payload, 4).SequenceEqual("GET "u8))
                    {
                        for (var k = payload; k < r.Data.Length && r.Data[k] != '\r'; k++)
                        {
                            r.Data[k] = Upper(r.Data[k]);
                        }
                    }

                    break;
            }
        }

        return "upper-case";
    }

    private static byte Upper(byte b) => b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;

    private static int EtherType(byte[] frame) => frame.Length < 14 ? -1 : BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12));

    private static int Port(byte[] frame, int at) => at + 2 <= frame.Length ? BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(at)) : -1;

    /// <summary>The protocol and transport offset of an unfragmented IPv4 packet in an Ethernet frame, or null.</summary>
    private static (int Protocol, int At)? Ipv4Transport(byte[] frame)
    {
        if (EtherType(frame) != 0x0800 || frame.Length < 34 || (frame[14] >> 4) != 4)
        {
            return null;
        }

        var at = 14 + ((frame[14] & 0x0F) * 4);
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(20)) & 0x3FFF;
        return fragment == 0 && at + 8 <= frame.Length ? (frame[23], at) : null;
    }

    private static byte[] Ipv4WithPayload(byte[] header, byte[] payload)
    {
        var h = (byte[])header.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), (ushort)(h.Length + payload.Length));
        return [.. h, .. payload];
    }

    private static byte[] Packets16(int value) => [(byte)(value >> 8), (byte)value];

    /// <summary>A classic pcap file as header and records, written back in its own byte order and time unit.</summary>
    private sealed class PcapFile
    {
        private byte[] header = [];
        private bool big;

        public List<Record> Records { get; } = [];

        public static PcapFile Read(byte[] bytes, CaptureLayout layout)
        {
            var f = new PcapFile { header = bytes[..24], big = layout.BigEndian };
            foreach (var p in layout.Packets)
            {
                f.Records.Add(new Record
                {
                    Seconds = f.U32(bytes, p.Offset),
                    Fraction = f.U32(bytes, p.Offset + 4),
                    Data = bytes[p.DataOffset..(p.DataOffset + p.DataLength)],
                });
            }

            return f;
        }

        public List<int> Indices(Func<byte[], bool> fits) =>
            [.. Records.Select((r, i) => (r, i)).Where(x => fits(x.r.Data)).Select(x => x.i)];

        public byte[] Write()
        {
            using var o = new MemoryStream();
            o.Write(header);
            var h = new byte[16];
            foreach (var r in Records)
            {
                Put(h, 0, r.Seconds);
                Put(h, 4, r.Fraction);
                Put(h, 8, (uint)r.Data.Length);
                Put(h, 12, (uint)r.Data.Length);
                o.Write(h);
                o.Write(r.Data);
            }

            return o.ToArray();
        }

        private uint U32(byte[] b, int at) => big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

        private void Put(byte[] b, int at, uint v)
        {
            if (big)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
            }
        }
    }

    private sealed class Record
    {
        public uint Seconds { get; set; }

        public uint Fraction { get; set; }

        public byte[] Data { get; set; } = [];
    }
}
