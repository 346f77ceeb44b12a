using System.Buffers.Binary;
using System.Text;

namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// tests/cases/malformed-dns: lookups of login server names whose answers are damaged, each answering an
/// address outside Table I, so that only a learned answer can tag the UDP probe sent to it afterwards.
/// </summary>
public static class MalformedDns
{
    private const ushort Flags = 0x8180;

    public static Scenario Build()
    {
        var lan = new Lan(seed: 0xD45);
        lan.S.At(0.0);
        Answer(lan, 1, "dsn1.d.skype.net", id => Message(id, "dsn1.d.skype.net", 1, Record(Pointer(12), "203.0.113.10")), "intact, 203.0.113.10");
        Answer(lan, 2, "dsn2.d.skype.net", id => OwnerLoop(id, "dsn2.d.skype.net", "203.0.113.11"), "the answer's owner name a pointer to itself, 203.0.113.11");
        Answer(lan, 3, "dsn3.d.skype.net", QuestionLoop, "the question's name a pointer to itself, 203.0.113.12");
        Answer(lan, 4, "dsn4.d.skype.net", id => Message(id, "dsn4.d.skype.net", 50, Record(Pointer(12), "203.0.113.13")), "50 answers announced, 1 there: 203.0.113.13");
        Answer(lan, 5, "dsn5.d.skype.net", id => Message(id, "dsn5.d.skype.net", 1, Record(LongName(), "203.0.113.15")), "the answer's owner a 306-byte name, 203.0.113.15");
        Answer(lan, 6, "dsn6.d.skype.net", id => Message(id, "dsn6.d.skype.net", 2, Record(Pointer(12), "203.0.113.16"), [.. Pointer(12), 0, 1, 0, 1, 0, 0, 1, 44, 0x40, 0]), "a second A record claiming 16384 bytes of data: 203.0.113.16, then damage");
        Answer(lan, 7, "dsn7.d.skype.net", Thousands, "3000 A records, 198.18.0.1 to 198.18.11.250");

        // Probes from the Skype port to each answered address: only learned answers tag them.
        string[] probed = ["203.0.113.10", "203.0.113.11", "203.0.113.12", "203.0.113.13", "203.0.113.15", "203.0.113.16", "198.18.0.1", "198.18.5.250", "198.18.11.250"];
        lan.S.At(2.0);
        foreach (var address in probed)
        {
            lan.S.Wait(0.012).Udp(lan.ClientSkypePort, lan.S.Remote("answered", address, 0.2).On(33033), 31);
        }

        return lan.S;
    }

    private static void Answer(Lan lan, ushort id, string name, Func<ushort, byte[]> response, string what)
    {
        var port = lan.Client.NextPort();
        var resolver = lan.Router.On(53);
        lan.S.Wait(0.1).Udp(port, resolver, DnsMessage.Query(id, name), $"DNS query {name}");
        lan.S.Wait(lan.Router.RttSeconds).Udp(resolver, port, response(id), $"DNS answer {name}: {what}");
    }

    private static byte[] Message(ushort id, string question, int answerCount, params byte[][] records) =>
        [.. Header(id, 1, answerCount), .. DnsMessage.EncodeName(question), 0, 1, 0, 1, .. records.SelectMany(r => r)];

    /// <summary>The only answer's owner name is a compression pointer to the pointer itself.</summary>
    private static byte[] OwnerLoop(ushort id, string question, string address)
    {
        var at = 12 + DnsMessage.EncodeName(question).Length + 4;
        return Message(id, question, 1, Record(Pointer(at), address));
    }

    /// <summary>The question's name is a pointer to offset 12, where it stands: it never reaches a label.</summary>
    private static byte[] QuestionLoop(ushort id) =>
        [.. Header(id, 1, 1), .. Pointer(12), 0, 1, 0, 1, .. Record(Pointer(12), "203.0.113.12")];

    private static byte[] Thousands(ushort id)
    {
        var records = Enumerable.Range(0, 3000).Select(i => Record(Pointer(12), $"198.18.{i / 250}.{(i % 250) + 1}"));
        return Message(id, "dsn7.d.skype.net", 3000, [.. records]);
    }

    /// <summary>Five labels of 60 letters: 306 bytes encoded, over the 255 a DNS name may have (RFC 1035 section 2.3.4).</summary>
    private static byte[] LongName() =>
        [.. Enumerable.Range(0, 5).SelectMany(i => (byte[])[60, .. Encoding.ASCII.GetBytes(new string((char)('a' + i), 60))]), 0];

    private static byte[] Header(ushort id, int questions, int answers)
    {
        var h = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(h, id);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), Flags);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), (ushort)questions);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(6), (ushort)answers);
        return h;
    }

    private static byte[] Pointer(int offset) => [(byte)(0xC0 | (offset >> 8)), (byte)offset];

    /// <summary>An A record of class IN, TTL 300.</summary>
    private static byte[] Record(byte[] owner, string address) =>
        [.. owner, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, .. System.Net.IPAddress.Parse(address).GetAddressBytes()];
}
