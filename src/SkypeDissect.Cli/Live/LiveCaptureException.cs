using SharpPcap;

namespace SkypeDissect.Cli.Live;

/// <summary>Why live capture cannot start or go on, as one line for people and an exit code for scripts.</summary>
public sealed class LiveCaptureException(ExitCode code, string message) : Exception(message)
{
    public ExitCode Code => code;

    /// <summary>
    /// The one-line reason for a failure of libpcap or of loading it. <paramref name="detail"/> is libpcap's own
    /// text (pcap_geterr), when there is one.
    /// </summary>
    public static LiveCaptureException From(string interfaceName, Exception ex, string? detail = null)
    {
        if (IsLibpcapMissing(ex))
        {
            return new LiveCaptureException(
                ExitCode.EnvironmentError,
                "cannot capture: libpcap is not installed (Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap; Windows: Npcap)");
        }

        // libpcap's own text says what went wrong (SharpPcap's wraps it in "Unable to activate...").
        return FromLibpcap(interfaceName, (ex as PcapException)?.Error, string.IsNullOrWhiteSpace(detail) ? ex.Message : detail);
    }

    /// <summary>The reason for a libpcap error code and text, on one line.</summary>
    public static LiveCaptureException FromLibpcap(string interfaceName, PcapError? error, string text)
    {
        text = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (error is PcapError.PermissionDenied or PcapError.PromiscuousPermissionDenied
            || text.Contains("permission", StringComparison.OrdinalIgnoreCase)
            || text.Contains("not permitted", StringComparison.OrdinalIgnoreCase))
        {
            return new LiveCaptureException(
                ExitCode.EnvironmentError,
                $"capturing on '{interfaceName}' is not permitted: run as root, or grant the capabilities cap_net_raw and cap_net_admin (libpcap: {text})");
        }

        return error switch
        {
            PcapError.NoSuchDevice => new LiveCaptureException(ExitCode.UsageError, $"no capture interface '{interfaceName}' (libpcap: {text})"),
            PcapError.InterfaceNotUp => new LiveCaptureException(ExitCode.EnvironmentError, $"interface '{interfaceName}' is not up"),
            _ => new LiveCaptureException(ExitCode.EnvironmentError, $"cannot capture on '{interfaceName}': {text}"),
        };
    }

    // SharpPcap loads libpcap on first use; a missing library surfaces wrapped in its type initialiser.
    public static bool IsLibpcapMissing(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return true;
            }
        }

        return false;
    }
}
