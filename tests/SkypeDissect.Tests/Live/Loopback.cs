using System.Diagnostics;
using System.Text;
using SharpPcap.LibPcap;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Cli.Live;

namespace SkypeDissect.Tests.Live;

/// <summary>
/// Live capture on Linux's loopback interface. In CI (CI=true) a machine that cannot capture fails the test;
/// on a developer machine the test is skipped with the reason.
/// </summary>
internal static class Loopback
{
    public const string Interface = "lo";

    /// <summary>Keeps out loopback's own traffic (other programs, the test host's sockets): only the test's packets pass.</summary>
    public const string InjectedOnly = "not (net 127.0.0.0/8 or host ::1)";

    private static readonly Lazy<string?> Problem = new(Probe);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why this process cannot capture on lo, or null when it can.</summary>
    public static string? Reason => Problem.Value;

    public static void Require()
    {
        if (Reason is null)
        {
            return;
        }

        if (InCi)
        {
            throw new InvalidOperationException($"live capture on {Interface} is impossible: {Reason}; CI must run the tests as root (or with cap_net_raw,cap_net_admin) with libpcap0.8 installed");
        }

        Skip.If(true, $"live capture on {Interface} is impossible on this machine: {Reason}; CI runs these tests");
    }

    /// <summary>The frames of a capture file, in order, as sent onto the wire.</summary>
    public static IReadOnlyList<byte[]> Frames(string capture)
    {
        using var stream = File.OpenRead(capture);
        var reader = CaptureReader.Open(stream);
        var frames = new List<byte[]>();
        while (reader.TryRead(out var record))
        {
            record.LinkType.Should().Be(LinkTypes.Ethernet, "loopback carries Ethernet frames");
            frames.Add(reader.Data.ToArray());
        }

        return frames;
    }

    /// <summary>
    /// Sends whole Ethernet frames onto lo through libpcap: every capture on lo sees them once, and the IP stack
    /// drops them (they are not addressed to lo's all-zero MAC), so nothing answers them.
    /// </summary>
    public static void Inject(IEnumerable<byte[]> frames)
    {
        using var device = LibPcapLiveDeviceList.New().Single(d => d.Name == Interface);
        device.Open(new SharpPcap.DeviceConfiguration());
        foreach (var f in frames)
        {
            device.SendPacket(f);
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the live tests use Linux's loopback interface";
        }

        try
        {
            using var live = LiveInterface.Open(Interface, promiscuous: false, filter: null, snapLength: 65535);
            return null;
        }
        catch (LiveCaptureException ex)
        {
            return ex.Message;
        }
    }
}

/// <summary>A thread-safe writer a test can wait on: the capture writes from its own thread.</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder text = new();

    public WatchedWriter() => NewLine = "\n";

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (text)
        {
            text.Append(value);
            Monitor.PulseAll(text);
        }
    }

    public override void Write(string? value)
    {
        lock (text)
        {
            text.Append(value);
            Monitor.PulseAll(text);
        }
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    /// <summary>Waits until the text satisfies <paramref name="done"/>; false after the timeout.</summary>
    public bool WaitFor(Func<string, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        lock (text)
        {
            while (!done(text.ToString()))
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(text, left);
            }

            return true;
        }
    }
}
