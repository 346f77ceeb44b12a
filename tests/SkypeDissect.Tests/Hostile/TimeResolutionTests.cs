using System.Globalization;
using SkypeDissect.Analyzer;
using SkypeDissect.Model;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Support;
using static SkypeDissect.Tests.Analyzer.Packets;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 6: pcapng if_tsresol of 10^-11 s or finer. Wireshark 4.0 multiplies the sub-second ticks by
/// 10^9 in 64 bits, which overflows (up to 0.18 s off); the Wireshark source of today, and the analyzer,
/// compute the time exactly. Kept on purpose (docs/tagging.md section 4, "Times"): with tshark 4.0 a 120-s
/// window can decide differently on such a file, as here; with a Wireshark that computes exactly, the plugin
/// agrees with the analyzer.
/// </summary>
public sealed class TimeResolutionTests
{
    private const ulong UnitsPerSecond = 100_000_000_000; // if_tsresol 11: 10^-11 s
    private const long Anchor = 1_370_426_400;

    [SkippableFact]
    public void FinerThan10ToTheMinus10_AnalyzerExact_Wireshark40Overflows_AsDocumented()
    {
        Tshark.Require();
        // A login DNS query starts the client's state; 120.1 s later (exactly) the echo server's name is looked up,
        // outside the 120-s window of its login-seen gate. Wireshark 4.0 reads 0.1 s and 0.2 s as 0.1 s and 0.0155 s.
        // (64 bits of 10^-11 s ticks reach 1975 only: if_tsoffset carries the date.)
        const ulong first = UnitsPerSecond / 10;
        const ulong second = (120 * UnitsPerSecond) + (UnitsPerSecond / 5);
        var file = new PcapNg().Section().Interface(1, tsresol: 11, tsoffset: Anchor)
            .Enhanced(0, first, Query("dsn4.d.skype.net"))
            .Enhanced(0, second, Query("s.gateway.messenger.live.com"))
            .ToArray();

        var times = CaptureTagger.Analyze(new MemoryStream(file), Signatures.Default).ToList();
        var r = ParityCheck.Run(file, "tsresol-11", pcapng: true);

        r.AnalyzerFrames.Should().Equal([1], "120.1 s after the login lookup is outside the window");
        times[0].Time.Should().BeApproximately(Anchor + 0.1, 1e-6);
        var epochs = TsharkEpochs(file);
        if (Tshark.Version.StartsWith("4.0.", StringComparison.Ordinal))
        {
            epochs.Should().Equal([Wireshark40Seconds(first), Wireshark40Seconds(second)], "tshark 4.0 overflows as its wiretap code says");
            r.Plugin.Select(t => t.Frame).Should().Equal([1, 2], "tshark 4.0 sees 119.92 s between them: the documented difference");
        }
        else
        {
            r.ShouldAgree("a Wireshark that computes the times exactly");
        }
    }

    [SkippableFact]
    public void TenToTheMinus10_NoOverflow_BothAgree()
    {
        const ulong units = 10_000_000_000;
        var file = new PcapNg().Section().Interface(1, tsresol: 10, tsoffset: Anchor)
            .Enhanced(0, units / 10, Query("dsn4.d.skype.net"))
            .Enhanced(0, (120 * units) + (units / 5), Query("s.gateway.messenger.live.com"))
            .ToArray();

        var r = ParityCheck.Run(file, "tsresol-10", pcapng: true);

        r.ShouldAgree("10^-10 s ticks times 10^9 stay below 2^64");
        r.AnalyzerFrames.Should().Equal([1]);
    }

    /// <summary>wiretap 4.0 pcapng.c: secs = ts / units; nsecs = ((ts % units) * 10^9) / units in unsigned 64 bits.</summary>
    private static decimal Wireshark40Seconds(ulong ticks)
    {
        var nanos = unchecked((ticks % UnitsPerSecond) * 1_000_000_000UL) / UnitsPerSecond;
        return Anchor + (ticks / UnitsPerSecond) + (nanos / 1_000_000_000m);
    }

    private static List<decimal> TsharkEpochs(byte[] file)
    {
        var dir = Directory.CreateTempSubdirectory("skypedissect-tsresol-");
        try
        {
            var path = Path.Combine(dir.FullName, "times.pcapng");
            File.WriteAllBytes(path, file);
            var r = Tshark.Run(path, RepoPaths.Plugin, ["frame.time_epoch"]);
            return [.. r.Rows.Select(row => decimal.Parse(row[0], CultureInfo.InvariantCulture))];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static byte[] Query(string name) =>
        Ethernet(Ipv4(LoginFrames.Client, LoginFrames.Resolver, Udp, UdpSegment(49154, 53, Dns.Query(name))));
}
