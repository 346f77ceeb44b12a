using SkypeDissect.Analyzer;
using SkypeDissect.Generator;
using SkypeDissect.Model;
using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The followed TLS connections are bounded as the other tables (docs/tagging.md 4): past the capacity the connection
/// opened longest ago is forgotten, and a connection unused for more than 3,600 s of capture time is forgotten; a
/// forgotten connection makes no name known. Both implementations forget the same ones.
/// </summary>
public sealed class TlsNameBoundsTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-tlsbounds-");

    public void Dispose() => temp.Delete(recursive: true);

    /// <summary>Capacity + 3 SYNs, then the certificates of connections 1-5: the first three were evicted.</summary>
    public static Scenario Crowd(out List<TlsSession> named)
    {
        var lan = new Lan(seed: 0xB0B0);
        var s = lan.S;
        var server = s.Remote("gateway", "157.56.126.211", 0.08).On(443);
        var sessions = new List<TlsSession>();
        s.At(1.0);
        for (var i = 0; i < TaggingContract.Bounds.TlsConnections + 3; i++)
        {
            sessions.Add(new TlsSession(s, lan.Client.NextPort(), server, $"crowd {i + 1}").Syn());
        }

        var flight = Flight(s.Payloads);
        s.Wait(1.0);
        named = sessions.Take(5).ToList();
        foreach (var session in named)
        {
            session.Flight(flight, [0]);
        }

        return s;
    }

    /// <summary>A opened at 0, B at 10 and used at 3,000, C opened at 3,605: then A's certificate (forgotten) and B's (kept).</summary>
    public static Scenario Idle()
    {
        var lan = new Lan(seed: 0x1D1E);
        var s = lan.S;
        var p = s.Payloads;
        TlsSession Session(string address) => new(s, lan.Client.NextPort(), s.Remote(address, address, 0.08).On(443), address);
        s.At(1.0);
        var a = Session("157.56.126.1").Open();
        s.At(11.0);
        var b = Session("157.56.126.2").Open();
        s.At(3001.0);
        b.ClientAck();
        s.At(3606.0);
        Session("157.56.126.3").Open();
        var flight = Flight(p);
        s.At(3607.0);
        a.Flight(flight, [0]);
        s.At(3608.0);
        b.Flight(flight, [0]);
        return s;
    }

    [SkippableFact]
    public void Crowd_PastTheCapacity_ForgetsTheConnectionsOpenedFirst_InBoth()
    {
        var s = Crowd(out _);
        var frames = s.Frames.Count;
        var (plugin, analyzer) = Tags(s.ToPcap(), "crowd.pcap");

        analyzer.Should().Equal([frames - 1L, frames], "of the five certificates at the end, the first three belong to evicted connections");
        plugin.Should().Equal(analyzer);
    }

    [SkippableFact]
    public void Idle_ForgetsAConnectionUnusedFor3600s_AndKeepsAUsedOne_InBoth()
    {
        var s = Idle();
        var frames = s.Frames.Count;
        var (plugin, analyzer) = Tags(s.ToPcap(), "idle.pcap");

        analyzer.Should().Equal([(long)frames], "A's certificate (frame before last) comes 3,606 s after A's last use; B's, the last frame, 607 s after B's");
        plugin.Should().Equal(analyzer);
    }

    private static byte[] Flight(Payloads p) => TlsMessages.Record(TlsMessages.Handshake,
    [
        .. TlsMessages.ServerHello(p),
        .. TlsMessages.Certificate(TlsMessages.X509(p, [NameAttribute.CommonName(TlsNameScenario.Gateway)], [NameAttribute.CommonName("CA")], [])),
        .. TlsMessages.ServerHelloDone(),
    ]);

    private (List<long> Plugin, List<long> Analyzer) Tags(byte[] pcap, string name)
    {
        var capture = Path.Combine(temp.FullName, name);
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
