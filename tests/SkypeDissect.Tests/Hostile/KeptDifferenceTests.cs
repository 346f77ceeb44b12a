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
