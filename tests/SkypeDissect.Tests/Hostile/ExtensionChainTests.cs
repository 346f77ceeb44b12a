using SkypeDissect.Tests.Analyzer;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 4: Wireshark's IPv4 dissector hands its payload to the same protocol table as IPv6, where the
/// IPv6 extension header dissectors sit: after IPv4 as after IPv6 it walks hop-by-hop, routing, fragment and
/// destination options headers, AH and Shim6 to the transport. After IPv4 a fragment header reassembles
/// nothing (it needs IPv6's payload length) and is skipped. docs/tagging.md section 1.
/// </summary>
public sealed class ExtensionChainTests
{
    private static readonly byte[] Query = UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net"));

    private static readonly (string Name, byte First, byte[] Chain)[] Chains =
    [
        ("hop-by-hop", 0, [17, 0, 1, 4, 0, 0, 0, 0]),
        ("destination options", 60, [17, 0, 1, 4, 0, 0, 0, 0]),
        ("routing", 43, [17, 0, 0, 0, 0, 0, 0, 0]),
        ("fragment, more fragments", 44, [17, 0, 0, 1, 0, 0, 0, 7]),
        ("fragment at offset 8", 44, [17, 0, 0, 8, 0, 0, 0, 7]),
        ("shim6 payload", 140, [17, 0, 0x80, 0, 0, 0, 0, 1]),
        ("shim6 control", 140, [17, 0, 0x01, 0, 0, 0, 0, 1]),
        ("AH, then destination options", 51, [60, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 17, 0, 1, 4, 0, 0, 0, 0]),
        ("hop-by-hop, routing, shim6", 0, [43, 0, 1, 4, 0, 0, 0, 0, 140, 0, 0, 0, 0, 0, 0, 0, 17, 0, 0x80, 0, 0, 0, 0, 1]),
    ];

    [SkippableFact]
    public void Chains_OverIpv4AndIpv6_TaggedByBoth()
    {
        // Over IPv6 a fragment header fragments (tests/SkypeDissect.Tests/Analyzer/FragmentTableTests); here only IPv4 carries one.
        var frames = Chains.Select(c => Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, c.First, [.. c.Chain, .. Query])))
            .Concat(Chains.Where(c => c.First != 44).Select(c => Ethernet(Ipv6("2001:db8::23", "2001:db8::1", c.First, [.. c.Chain, .. Query]), 0x86DD)))
            .ToList();

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "extension-chains");

        r.ShouldAgree("extension headers before UDP");
        r.AnalyzerFrames.Should().Equal(Enumerable.Range(1, frames.Count).Select(i => (long)i), "every chain reaches the DNS query: " + string.Join(", ", Chains.Select(c => c.Name)));
    }

    [SkippableFact]
    public void ChainRunningPastThePacket_UntaggedByBoth()
    {
        byte[][] frames =
        [
            Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, 60, [17, 9, 1, 4, 0, 0, 0, 0, .. Query])),
            Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, 140, [17, 0, 0x80, 0, 0, 0])),
        ];

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "extension-chains-cut");

        r.ShouldAgree("headers longer than the packet");
        r.Analyzer.Should().BeEmpty();
    }
}
