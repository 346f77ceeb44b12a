using SkypeDissect.Analyzer;
using SkypeDissect.Generator;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The differences between Wireshark and the analyzer that docs/tagging.md 3.5 keeps on purpose, each pinned: the
/// plugin tags what Wireshark shows, the analyzer does not. If one of these tests fails, the contract's list of
/// differences is out of date.
/// </summary>
public sealed class TlsNameDifferenceTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-tlsdiff-");

    public void Dispose() => temp.Delete(recursive: true);

    /// <summary>
    /// A handshake record from byte 15,001 to 17,500 of the server's data: its tail arrives first, past a gap, and
    /// a fast retransmission inside the first 16,384 bytes completes it. Wireshark shows the certificate in that
    /// frame, which lies within the limit; the analyzer keeps no bytes past it and never reads the record.
    /// </summary>
    [SkippableFact]
    public void RecordPastTheLimit_CompletedWithinIt_OnlyThePluginTags()
    {
        var s = Session(out var session, out var p);
        var filler = Enumerable.Range(0, 10).SelectMany(_ => TlsMessages.Record(TlsMessages.ApplicationData, p.Opaque(1495))).ToArray();
        var certificate = TlsMessages.X509(p, [NameAttribute.CommonName(TlsNameScenario.Gateway)], [NameAttribute.CommonName("CA")], []);
        var padding = TlsMessages.Message(23, p.Opaque(1500)); // supplemental data, to reach past 16 KiB
        byte[] data = [.. filler, .. TlsMessages.Record(TlsMessages.Handshake, [.. TlsMessages.ServerHello(p), .. padding, .. TlsMessages.Certificate(certificate)])];
        data.Length.Should().BeGreaterThan(16_384 + 500);
        session.Open().Send(TlsMessages.Record(TlsMessages.Handshake, TlsMessages.ClientHello(p)));
        for (var i = 0; i < 10; i++)
        {
            session.Segment(data, i * 1500, (i + 1) * 1500);
        }

        session.Segment(data, 15_000, 15_800).Segment(data, 16_200, data.Length).DuplicateAcks(15_800, 3).Segment(data, 15_800, 16_200);

        var (plugin, analyzer) = Tags(s.ToPcap());
        analyzer.Should().BeEmpty();
        plugin.Should().NotBeEmpty().And.Subject.First().Should().Be(Frames(s) - 0, "the fast retransmission, the last frame, shows the certificate");
    }

    /// <summary>
    /// An SSLv2 ClientHello followed, in the same segment, by a TLS ClientHello naming a gateway: Wireshark reads
    /// the SSLv2 record and goes on; the analyzer stops at it.
    /// </summary>
    [SkippableFact]
    public void Sslv2RecordThenTlsHello_OnlyThePluginTags()
    {
        var s = Session(out var session, out var p);
        byte[] sslv2 = [0x80, 0x46, 0x01, 0x03, 0x01, 0x00, 0x2d, 0x00, 0x00, 0x00, 0x10, .. p.Opaque(61)];
        session.Open().Send([.. sslv2, .. TlsMessages.Record(TlsMessages.Handshake, TlsMessages.ClientHello(p, "db3.gateway.messenger.live.com"))]);

        var (plugin, analyzer) = Tags(s.ToPcap());
        analyzer.Should().BeEmpty();
        plugin.Should().Equal([4L], "the segment after the handshake carries both records");
    }

    private static Scenario Session(out TlsSession session, out Payloads payloads)
    {
        var lan = new Lan(seed: 0xD1FF);
        payloads = lan.S.Payloads;
        session = new TlsSession(lan.S, lan.Client.NextPort(), lan.S.Remote("gateway", "157.56.126.211", 0.08).On(443), "difference");
        return lan.S;
    }

    private static long Frames(Scenario s) => s.Frames.Count;

    private (List<long> Plugin, List<long> Analyzer) Tags(byte[] pcap)
    {
        var capture = Path.Combine(temp.FullName, "difference.pcap");
        File.WriteAllBytes(capture, pcap);
        var plugin = Path.Combine(temp.FullName, LuaPluginGenerator.PluginFileName);
        File.WriteAllText(plugin, LuaPluginGenerator.Generate(TlsNameParityTests.Model)[LuaPluginGenerator.PluginFileName]);
        var result = Tshark.Run(capture, plugin, PluginRun.TagFields, "skypelogin");
        result.ExitCode.Should().Be(0, result.StandardError);
        PluginRun.LuaComplaints(result.StandardError).Should().BeEmpty();
        var analyzer = CaptureTagger.Tag(new MemoryStream(pcap), TlsNameParityTests.Model).Select(t => t.Frame).ToList();
        return ([.. result.Rows.Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture))], analyzer);
    }
}
