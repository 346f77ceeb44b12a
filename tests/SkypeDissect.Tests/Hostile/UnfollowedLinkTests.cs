using SkypeDissect.Tests.Analyzer;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// The link layers the analyzer does not follow (docs/tagging.md 1.5 and 6): 802.11 fragments and MPLS payloads
/// starting with nibble 0. Each comes after a complete login (frames 1-3, Ethernet) and carries a datagram from
/// the client's Skype port to a new host, which a super node rule would tag; what the plugin tags and what the
/// analyzer tags are both asserted, so the test fails when either implementation changes.
/// </summary>
public sealed class UnfollowedLinkTests
{
    private const int SkypePort = 38562;
    private static readonly byte[] Snap = [0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00];
    private static readonly byte[] Mac = [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6];
    private static readonly byte[] Datagram = Ipv4(LoginFrames.Client, LoginFrames.Supernode, Udp, UdpSegment(SkypePort, 40000, LoginFrames.Probe));

    [SkippableFact]
    public void Wlan80211Fragments_PluginTagsTheReassembly_AnalyzerNeither()
    {
        // One MSDU in two fragments (sequence 5, fragments 0 and 1; the first has More Fragments): Wireshark
        // reassembles them in the second frame.
        byte[] msdu = [.. Snap, .. Datagram];
        var first = Wlan(0x05, 0x50, msdu[..20]);
        var second = Wlan(0x01, 0x51, msdu[20..]);
        var file = new PcapNg().Section().Interface(1).Interface(105);
        var frames = LoginFrames.Complete(SkypePort).Select(f => (0, f)).Append((1, first)).Append((1, second)).ToList();
        for (var i = 0; i < frames.Count; i++)
        {
            file = file.Enhanced(frames[i].Item1, (ulong)(1_370_426_400_000_000L + (i * 10_000L)), frames[i].Item2);
        }

        var r = ParityCheck.Run(file.ToArray(), "wlan-fragments", pcapng: true);

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L, 5L]);
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L]);
    }

    [SkippableFact]
    public void MplsNibbleZero_EthernetPseudowire_PluginTagsKnownVendors_AnalyzerNeither()
    {
        // An Ethernet pseudo-wire without control word under one label: the payload starts with the destination
        // MAC. Cisco's OUI 00:00:0C is in Wireshark's table of vendors, 0E:11:22 (locally administered) is not.
        byte[] cisco = [0, 0, 0x0C, 1, 2, 3, 0, 0, 0x0C, 4, 5, 6, 0x08, 0x00, .. Datagram];
        byte[] local = [0x0E, 0x11, 0x22, 1, 2, 3, 0x0E, 0x11, 0x22, 4, 5, 6, 0x08, 0x00, .. Datagram];
        byte[] label = [0, 0x10, 1, 64];
        var frames = LoginFrames.Complete(SkypePort)
            .Append(Ethernet([.. label, .. cisco], 0x8847))
            .Append(Ethernet([.. label, 0, 0, 0, 0, .. cisco], 0x8847))
            .Append(Ethernet([.. label, .. local], 0x8847));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), "mpls-nibble-zero");

        r.Plugin.Select(t => t.Frame).Should().Equal([1L, 2L, 3L, 4L, 5L]);
        r.AnalyzerFrames.Should().Equal([1L, 2L, 3L]);
    }

    /// <summary>An 802.11 data frame: frame control 08, <paramref name="flags"/>, three addresses, the sequence control's low byte.</summary>
    private static byte[] Wlan(byte flags, byte sequence, byte[] body) => [0x08, flags, 0, 0, .. Mac, .. Mac[..6], sequence, 0, .. body];
}
