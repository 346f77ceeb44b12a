using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>A matcher's cheap admission check may only reject frames its full match would reject too.</summary>
public class MatcherAdmissionTests
{
    [Fact]
    public void Admits_IsANecessaryConditionOfTryMatch_ForEveryRuleOfTheModel()
    {
        var model = new CompiledModel(Signatures.Default, null);
        var state = new AnalyzerState();
        var client = IpAddress.Parse(Scenario.Client);
        var server = IpAddress.Parse(Scenario.LoginServer);
        var learned = IpAddress.Parse("10.20.30.41");
        state.SetClient(client, new ClientState(0) { Port = 13021, Complete = 1, Channel = 1 });
        foreach (var m in model.Matchers.Where(m => m.Rule is DnsNameRule))
        {
            state.Learn(client, learned, new LearnedEntry(m.Version.Id, m.Rule.Id, 1, 1));
        }

        int[] ports = [53, 80, 443, 12350, 13021, 33033, 40001, 40047, 40048, 5000];
        IpAddress[] hosts = [client, server, learned, IpAddress.Parse("8.8.8.8"), IpAddress.Parse("2001:db8::1")];
        var name = "dsn1.d.skype.net"u8.ToArray();
        var get = "GET /getlatestversion HTTP/1.1\r\n"u8.ToArray();
        var checkedFrames = 0;
        foreach (var tcp in new[] { true, false })
        foreach (var src in hosts)
        foreach (var dst in hosts)
        foreach (var sport in ports)
        foreach (var dport in ports)
        {
            var f = new FrameFacts
            {
                Time = 2, Source = src, Destination = dst, IsTcp = tcp, SourcePort = sport, DestinationPort = dport,
                UdpPayloadDissected = !tcp, Payload = tcp ? get : [],
                DnsNameRead = true, DnsName = name,
            };
            foreach (var m in model.Matchers)
            {
                if (!m.Admits(f))
                {
                    m.TryMatch(f, state, out _).Should().BeFalse($"{m.Rule.Id} rejected by Admits ({src}:{sport} -> {dst}:{dport}, tcp {tcp})");
                }
            }

            checkedFrames++;
        }

        checkedFrames.Should().Be(2 * 5 * 5 * 10 * 10);
    }
}
