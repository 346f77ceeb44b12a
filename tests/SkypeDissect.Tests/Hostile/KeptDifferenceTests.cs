using SkypeDissect.Tests.Analyzer;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Differences from Wireshark the analyzer keeps on purpose (docs/tagging.md 6), each pinned here so that it
/// stays the difference the documentation describes and does not grow: the plugin's tags and the analyzer's are
/// both asserted.
/// </summary>
public sealed class KeptDifferenceTests
{
    [SkippableFact]
    public void FragmentCompletedAnHourLater_WiresharkReassembles_AnalyzerHasDroppedTheFirst()
    {
        // The analyzer drops a datagram no fragment was added to for 3,600 s of the fragments' clock (its memory
        // bound, docs/tagging.md 4); Wireshark keeps incomplete datagrams for the whole file.
        var datagram = UdpSegment(49154, 53, [.. Dns.Query("dsn4.d.skype.net"), .. new byte[16]]);
        TestFrame[] frames =
        [
            new(LoginFrames.Start, Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, datagram[..24], id: 77, flagsAndOffset: 0x2000))),
            new(LoginFrames.Start + 3601, Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, datagram[24..], id: 77, flagsAndOffset: 3))),
        ];

        var r = ParityCheck.Run(Pcap.Write(1, frames), "fragment-an-hour-later");

        r.Plugin.Select(t => (t.Frame, t.Rule)).Should().Equal([(2L, "login-dns")]);
        r.Analyzer.Should().BeEmpty();
    }

    [SkippableFact]
    public void SynBehind494Headers_PluginStillRuns_AnalyzerCountsAPayloadProtocol()
    {
        // A TCP SYN has no payload protocol, so at 494 headers over Ethernet Wireshark's count of 500 still lets the
        // plugin run; the analyzer keeps room for one payload protocol on every frame (docs/tagging.md 1.3).
        var frames = new[] { 492, 493, 494, 495 }.Select(depth =>
        {
            var chain = Enumerable.Range(0, depth).SelectMany(i => (byte[])[(byte)(i + 1 < depth ? 60 : 6), 0, 1, 4, 0, 0, 0, 0]).ToArray();
            return Ethernet(Ipv4(LoginFrames.Client, LoginFrames.ChannelServer, 60, [.. chain, .. TcpSegment(50100, 40035, Syn)]));
        });

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "syn-depth");

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L], "the plugin runs up to 494 headers on a SYN");
        r.AnalyzerFrames.Should().Equal([1L, 2L], "the analyzer tags up to 493 headers on every frame");
    }

    [SkippableFact]
    public void FragmentCompletedWithinTheHour_TaggedByBoth()
    {
        var datagram = UdpSegment(49154, 53, [.. Dns.Query("dsn4.d.skype.net"), .. new byte[16]]);
        TestFrame[] frames =
        [
            new(LoginFrames.Start, Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, datagram[..24], id: 77, flagsAndOffset: 0x2000))),
            new(LoginFrames.Start + 3599, Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, datagram[24..], id: 77, flagsAndOffset: 3))),
        ];

        var r = ParityCheck.Run(Pcap.Write(1, frames), "fragment-within-the-hour");

        r.ShouldAgree("the bound is an hour of capture time");
        r.AnalyzerFrames.Should().Equal([2]);
    }
}
