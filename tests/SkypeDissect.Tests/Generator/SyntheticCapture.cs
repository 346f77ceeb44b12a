using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// Writes a small classic pcap (Ethernet, IPv4, UDP or TCP) from explicit values, so a test states its
/// traffic instead of hunting for it in a real capture. Checksums: IPv4 computed, UDP zero (none), TCP
/// computed; tshark does not check them by default anyway.
/// </summary>
public sealed class SyntheticCapture
{
    private readonly List<(double Time, byte[] Frame)> frames = [];
    private readonly List<string> facts = [];

    public int Count => frames.Count;

    public SyntheticCapture Udp(double time, string src, int sport, string dst, int dport, byte[] payload) =>
        Udp(time, src, sport, dst, dport, payload, "\t\t\t\t");

    /// <summary>A DNS query from a client port to a resolver's port 53.</summary>
    public SyntheticCapture DnsQuery(double time, string client, int port, string resolver, ushort id, string name) =>
        Udp(time, client, port, resolver, 53, Dns(id, name, response: false), $"\tq\t{name}\t\t");

    /// <summary>The resolver's answer with A records.</summary>
    public SyntheticCapture DnsAnswer(double time, string resolver, string client, int port, ushort id, string name, params string[] answers) =>
        Udp(time, resolver, 53, client, port, Dns(id, name, response: true, answers), $"\tr\t{name}\t{string.Join(',', answers)}\t");

    /// <summary>
    /// The frames as the facts docs/tagging.md section 1 reads, one tab-separated line each (time, src,
    /// dst, transport, sport, dport, flags, dns, name, answers, payload text), for the Lua harness.
    /// </summary>
    public string FactsTsv() => string.Concat(facts.Select(f => f + "\n"));

    private SyntheticCapture Udp(double time, string src, int sport, string dst, int dport, byte[] payload, string dnsFacts)
    {
        facts.Add(Fact(time, src, dst, "udp", sport, dport, "") + dnsFacts);
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(0), (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)dport);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        frames.Add((time, Ethernet(Ipv4(src, dst, 17, udp))));
        return this;
    }

    /// <summary>A TCP segment; <paramref name="flags"/> as in the header (SYN 0x02, ACK 0x10, PSH 0x08).</summary>
    public SyntheticCapture Tcp(double time, string src, int sport, string dst, int dport, byte flags, byte[]? payload = null, uint seq = 1000, uint ack = 0)
    {
        payload ??= [];
        var flagText = ((flags & 0x02) != 0 ? "S" : "") + ((flags & 0x10) != 0 ? "A" : "");
        facts.Add(Fact(time, src, dst, "tcp", sport, dport, flagText) + "\t\t\t\t" + Escape(Encoding.ASCII.GetString(payload)));
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(0), (ushort)sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)dport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp, 20);
        var pseudo = new byte[12 + tcp.Length];
        Address(src).CopyTo(pseudo, 0);
        Address(dst).CopyTo(pseudo, 4);
        pseudo[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)tcp.Length);
        tcp.CopyTo(pseudo, 12);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(16), Checksum(pseudo));
        frames.Add((time, Ethernet(Ipv4(src, dst, 6, tcp))));
        return this;
    }

    /// <summary>A DNS query (no addresses) or response (A records in the answer section) for one name.</summary>
    public static byte[] Dns(ushort id, string name, bool response, params string[] answers)
    {
        var msg = new List<byte>();
        void U16(int v) => msg.AddRange([(byte)(v >> 8), (byte)v]);
        U16(id);
        U16(response ? 0x8180 : 0x0100);
        U16(1);
        U16(answers.Length);
        U16(0);
        U16(0);
        foreach (var label in name.Split('.'))
        {
            msg.Add((byte)label.Length);
            msg.AddRange(Encoding.ASCII.GetBytes(label));
        }

        msg.Add(0);
        U16(1);
        U16(1);
        foreach (var a in answers)
        {
            U16(0xC00C); // pointer to the question's name
            U16(1);
            U16(1);
            U16(0);
            U16(300);
            U16(4);
            msg.AddRange(Address(a));
        }

        return [.. msg];
    }

    public byte[] ToPcap()
    {
        using var ms = new MemoryStream();
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1); // Ethernet
        ms.Write(header);
        foreach (var (time, frame) in frames)
        {
            var record = new byte[16];
            var micros = (long)Math.Round(time * 1_000_000);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(0), (uint)(micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)frame.Length);
            ms.Write(record);
            ms.Write(frame);
        }

        return ms.ToArray();
    }

    public void WriteTo(string path) => File.WriteAllBytes(path, ToPcap());

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static string Fact(double time, string src, string dst, string transport, int sport, int dport, string flags) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{time:R}\t{src}\t{dst}\t{transport}\t{sport}\t{dport}\t{flags}");

    private static byte[] Address(string text) => IPAddress.Parse(text).GetAddressBytes();

    private static byte[] Ipv4(string src, string dst, byte protocol, byte[] body)
    {
        var ip = new byte[20 + body.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = protocol;
        Address(src).CopyTo(ip, 12);
        Address(dst).CopyTo(ip, 16);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), Checksum(ip.AsSpan(0, 20)));
        body.CopyTo(ip, 20);
        return ip;
    }

    private static byte[] Ethernet(byte[] ip)
    {
        var frame = new byte[14 + ip.Length];
        byte[] dstMac = [0x02, 0, 0, 0, 0, 2];
        byte[] srcMac = [0x02, 0, 0, 0, 0, 1];
        dstMac.CopyTo(frame, 0);
        srcMac.CopyTo(frame, 6);
        frame[12] = 0x08;
        ip.CopyTo(frame, 14);
        return frame;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8) + (i + 1 < data.Length ? data[i + 1] : 0u);
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
