using SkypeDissect.Tests.Analyzer;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 7: merged captures whose clock steps back by more than the idle time (3,600 s). Pending
/// fragments age by the capture's clock, the greatest time seen so far, not by their own times, so the pieces
/// of a datagram a microsecond apart after the step are reassembled, as Wireshark does (docs/tagging.md 4).
/// </summary>
public sealed class ClockStepTests
{
    [SkippableTheory]
    [InlineData(7200)]
    [InlineData(86400 * 30)]
    public void FragmentsAfterClockStepsBack_ReassembledByBoth(int stepBackSeconds)
    {
        var datagram = UdpSegment(49154, 53, [.. Dns.Query("dsn4.d.skype.net"), .. new byte[16]]);
        var t = LoginFrames.Start + stepBackSeconds;
        TestFrame[] frames =
        [
            // A fragment before the step (of another datagram, never completed) moves the fragments' clock on.
            new(t, Ethernet(Ipv4("10.9.9.9", "10.9.9.8", Udp, UdpSegment(1000, 2000, new byte[16]), id: 5, flagsAndOffset: 0x2000))),
            new(LoginFrames.Start, Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, datagram[..24], id: 77, flagsAndOffset: 0x2000))),
            new(LoginFrames.Start + 0.000001, Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, datagram[24..], id: 77, flagsAndOffset: 3))),
        ];

        var r = ParityCheck.Run(Pcap.Write(1, frames), $"clock-step-{stepBackSeconds}");

        r.ShouldAgree("fragments 1 microsecond apart after the clock stepped back");
        r.AnalyzerFrames.Should().Equal([3]);
    }
}
