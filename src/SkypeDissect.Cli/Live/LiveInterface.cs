using System.Runtime.InteropServices;
using SharpPcap;
using SharpPcap.LibPcap;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Cli.Live;

/// <summary>One captured packet, valid only during the call: seconds and nanoseconds since 1970, the captured bytes and the length on the wire.</summary>
public delegate void PacketHandler(long seconds, int nanoseconds, ReadOnlySpan<byte> packet, long originalLength);

/// <summary>
/// The SharpPcap edge: opens a network interface through libpcap and hands its packets over one at a time,
/// on the calling thread. Everything behind it (tagging, sessions, pcap writing) knows nothing of libpcap.
/// Every failure becomes a <see cref="LiveCaptureException"/>.
/// </summary>
public sealed class LiveInterface : IDisposable
{
    /// <summary>
    /// The device is read without blocking (libpcap on Linux ignores the read timeout and would block until a
    /// packet came); when nothing waits, the loop sleeps this long. The kernel stamps the packets, so the
    /// pause delays rows, never times; the kernel's buffer holds what arrives meanwhile.
    /// </summary>
    private const int IdleWaitMs = 10;

    /// <summary>
    /// libpcap's read timeout: the kernel hands over a partly filled buffer block after this long, so a row
    /// appears at most this late. Not immediate mode: on Linux that means fixed-size ring slots sized for
    /// the snapshot length (only 128 in 16 MB on loopback), which a burst overruns.
    /// </summary>
    private const int ReadTimeoutMs = 100;

    /// <summary>After a stop, how long the packets that had already arrived may take to be handed over, at most.</summary>
    private const int MaxDrainMs = 2000;

    /// <summary>The kernel's capture buffer: bursts wait here while the loop sleeps or a row is printed.</summary>
    private const int KernelBufferBytes = 16 << 20;

    private readonly LibPcapLiveDevice device;
    private readonly TimestampResolution resolution;
    private readonly byte[] buffer;

    private LiveInterface(LibPcapLiveDevice device, int snapLength)
    {
        this.device = device;
        SnapLength = snapLength;
        buffer = new byte[snapLength];
        resolution = device.TimestampResolution;
        LinkType = ToLinkType((int)device.LinkType);
    }

    public string Name => device.Name;

    /// <summary>The LINKTYPE_ value of the packets, as a pcap file header holds it.</summary>
    public int LinkType { get; }

    public int SnapLength { get; }

    /// <summary>Opens <paramref name="name"/> (libpcap's name, or on Windows the friendly name) for capture.</summary>
    public static LiveInterface Open(string name, bool promiscuous, string? filter, int snapLength)
    {
        LibPcapLiveDevice? device;
        IReadOnlyList<LibPcapLiveDevice> all;
        try
        {
            all = LibPcapLiveDeviceList.New();
            device = all.FirstOrDefault(d => d.Name == name)
                ?? all.FirstOrDefault(d => string.Equals(d.Interface?.FriendlyName, name, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is PcapException or TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw LiveCaptureException.From(name, ex);
        }

        if (device is null)
        {
            var names = all.Count == 0 ? "none visible" : string.Join(", ", all.Select(d => d.Name));
            throw new LiveCaptureException(ExitCode.UsageError, $"no capture interface '{name}' (available: {names})");
        }

        var config = new DeviceConfiguration
        {
            Mode = promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
            Snaplen = snapLength,
            ReadTimeout = ReadTimeoutMs,
            TimestampResolution = TimestampResolution.Nanosecond,
            BufferSize = KernelBufferBytes,
        };
        string? failed = null;
        config.ConfigurationFailed += (_, e) =>
        {
            // Capture still works without these: microseconds, libpcap's default buffer.
            if (e.Property is not (nameof(DeviceConfiguration.TimestampResolution) or nameof(DeviceConfiguration.BufferSize)))
            {
                failed ??= $"{e.Property}: {e.Message}";
            }
        };
        try
        {
            device.Open(config);
            device.NonBlockingMode = true;
        }
        catch (PcapException ex)
        {
            var detail = device.Handle.IsInvalid ? null : LastError(device); // pcap_geterr needs a handle
            device.Close();
            throw LiveCaptureException.From(name, ex, detail);
        }

        if (failed is not null)
        {
            device.Close();
            throw new LiveCaptureException(ExitCode.EnvironmentError, $"cannot capture on '{name}': {failed}");
        }

        var live = new LiveInterface(device, snapLength);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            live.SetFilter(filter);
        }

        return live;
    }

    /// <summary>
    /// Hands every packet to <paramref name="handler"/>, on the calling thread, until <paramref name="stop"/>
    /// fires; then the packets the kernel stamped before that moment and still holds are handed over too,
    /// so a stop loses nothing that already arrived. <paramref name="idle"/> runs whenever no packet is waiting.
    /// </summary>
    public void Run(PacketHandler handler, CancellationToken stop, Action? idle = null)
    {
        var stoppedAt = long.MaxValue;
        var settled = long.MaxValue;
        var drainUntil = long.MaxValue;
        using var registration = stop.Register(() =>
        {
            Volatile.Write(ref stoppedAt, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
            Volatile.Write(ref settled, Environment.TickCount64 + (2 * ReadTimeoutMs));
            Volatile.Write(ref drainUntil, Environment.TickCount64 + MaxDrainMs);
        });
        IntPtr header = IntPtr.Zero;
        IntPtr data = IntPtr.Zero;
        while (Environment.TickCount64 < Volatile.Read(ref drainUntil))
        {
            var result = device.GetNextPacketPointers(ref header, ref data);
            if (result == 1)
            {
                var h = PcapHeader.FromPointer(header, resolution);
                var time = h.Timeval.Value;
                var seconds = decimal.Floor(time);
                var nanoseconds = (int)((time - seconds) * 1_000_000_000m);
                if ((long)seconds * 1_000_000_000 + nanoseconds > Volatile.Read(ref stoppedAt))
                {
                    return; // arrived after the stop
                }

                var length = (int)Math.Min(h.CaptureLength, (uint)buffer.Length);
                Marshal.Copy(data, buffer, 0, length);
                handler((long)seconds, nanoseconds, buffer.AsSpan(0, length), h.PacketLength);
            }
            else if (result == 0)
            {
                // After a stop, wait until the kernel has handed over its last partly filled block.
                if (stop.IsCancellationRequested && Environment.TickCount64 >= Volatile.Read(ref settled))
                {
                    return;
                }

                idle?.Invoke();
                stop.WaitHandle.WaitOne(IdleWaitMs);
            }
            else
            {
                throw new LiveCaptureException(ExitCode.EnvironmentError, $"capture on '{Name}' failed: {LastError(device)}");
            }
        }
    }

    /// <summary>Packets the kernel received and dropped (buffer full), as libpcap counts them; null where unsupported.</summary>
    public (long Received, long Dropped)? Statistics()
    {
        try
        {
            var s = device.Statistics;
            return (s.ReceivedPackets, s.DroppedPackets + (long)s.InterfaceDroppedPackets);
        }
        catch (PcapException)
        {
            return null;
        }
    }

    public void Dispose() => device.Close();

    /// <summary>
    /// libpcap reports DLT_ values; files hold LINKTYPE_ values. They differ for raw IP (DLT_RAW is 12, or 14
    /// on OpenBSD; LINKTYPE_RAW is 101), which is also what libpcap writes into a file for it.
    /// </summary>
    public static int ToLinkType(int dlt) => dlt is 12 or 14 ? LinkTypes.Raw : dlt;

    private static string? LastError(LibPcapLiveDevice device)
    {
        try
        {
            return device.LastError;
        }
        catch (Exception ex) when (ex is PcapException or ObjectDisposedException or DeviceNotReadyException)
        {
            return null;
        }
    }

    private void SetFilter(string filter)
    {
        try
        {
            device.Filter = filter;
        }
        catch (PcapException ex)
        {
            device.Close();
            throw new LiveCaptureException(ExitCode.UsageError, $"bad capture filter '{filter}': {ex.Message}");
        }
    }
}
