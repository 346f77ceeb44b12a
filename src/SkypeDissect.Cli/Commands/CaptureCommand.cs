using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SkypeDissect.Analyzer.Live;
using SkypeDissect.Cli.Live;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect capture --interface NAME [--duration S] [--write FILE] [--frames|--sessions] [--format ...]</c>:
/// tags packets as they arrive on a network interface and reconstructs each client's login, as <c>analyze</c>
/// does for a file. Stops after the duration or on Ctrl+C, and then prints the sessions.
/// </summary>
public static class CaptureCommand
{
    /// <summary>The longest --duration, in seconds (23 days: a timer's limit is 24.8 days).</summary>
    public const int MaxDuration = 2_000_000;

    public sealed record Settings(
        string Interface,
        AnalyzeCommand.Mode Mode,
        string? Format,
        IReadOnlySet<string>? Versions,
        double? Duration = null,
        string? Write = null,
        string? Filter = null,
        bool Promiscuous = false,
        int SnapLength = PcapWriter.DefaultSnapLength);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var iface = new Option<string>("--interface", "-i") { Description = "The network interface to capture on (as tcpdump -D lists them, e.g. eth0, lo, any).", Required = true, HelpName = "NAME" };
        var duration = new Option<double?>("--duration")
        {
            Description = "Stop after this many seconds (default: until Ctrl+C).",
            HelpName = "SECONDS",
            CustomParser = ParseDuration,
        };
        var write = new Option<string?>("--write", "-w") { Description = "Also write every captured packet to this pcap file (nanosecond timestamps).", HelpName = "FILE" };
        var frames = new Option<bool>("--frames") { Description = "One row per tagged frame as it arrives: frame step group rule version." };
        var sessions = new Option<bool>("--sessions") { Description = "One record per client login at the end (default output: summary table and timelines)." };
        var format = new Option<string?>("--format") { Description = "table (people; the default without --frames and --sessions), tsv (default with them), csv or json." };
        UsageErrors.OnlyValues(format, "table", "tsv", "csv", "json");
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions' signatures (comma-separated or repeated).", HelpName = "VERSION,..." };
        var filter = new Option<string?>("--filter", "-f") { Description = "A libpcap capture filter (pcap-filter(7)); frames are numbered among the packets it lets through.", HelpName = "BPF" };
        var promiscuous = new Option<bool>("--promiscuous") { Description = "Put the interface into promiscuous mode (traffic of other hosts on a shared or mirrored port)." };
        var signatures = SignatureFiles.CreateOption();
        var command = new Command("capture", "Tag packets live on a network interface and reconstruct each client's Skype login; Ctrl+C stops.")
        {
            iface, duration, write, frames, sessions, format, versions, filter, promiscuous, signatures,
        };
        command.SetAction(r =>
        {
            if (r.GetValue(frames) && r.GetValue(sessions))
            {
                error.WriteLine("skypedissect: --frames and --sessions exclude each other");
                return (int)ExitCode.UsageError;
            }

            var mode = r.GetValue(frames) ? AnalyzeCommand.Mode.Frames : r.GetValue(sessions) ? AnalyzeCommand.Mode.Sessions : AnalyzeCommand.Mode.Summary;
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).DefaultIfEmpty("").ToHashSet(StringComparer.Ordinal)
                : null;
            var settings = new Settings(r.GetValue(iface)!, mode, r.GetValue(format), chosen, r.GetValue(duration), r.GetValue(write), r.GetValue(filter), r.GetValue(promiscuous));

            if (SignatureFiles.Load(Signatures.Default, r.GetValue(signatures), error, out var loading) is not { } model)
            {
                return (int)loading;
            }

            // Ctrl+C (and SIGTERM) end the capture cleanly, so the sessions are still printed; a second one kills.
            using var stop = new CancellationTokenSource();
            void OnSignal(PosixSignalContext c)
            {
                c.Cancel = !stop.IsCancellationRequested;
                stop.Cancel();
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            return (int)Run(model, settings, output, error, stop.Token);
        });
        return command;
    }

    /// <summary>
    /// Captures until the duration is over or <paramref name="cancel"/> fires. <paramref name="started"/> runs
    /// once the interface is open and the first packet can be seen (tests send their traffic then).
    /// </summary>
    public static ExitCode Run(SignatureModel model, Settings settings, TextWriter output, TextWriter error, CancellationToken cancel = default, Action? started = null)
    {
        if (Validate(model, settings) is { } problem)
        {
            error.WriteLine("skypedissect: " + problem);
            return ExitCode.UsageError;
        }

        LiveInterface live;
        try
        {
            live = LiveInterface.Open(settings.Interface, settings.Promiscuous, settings.Filter, settings.SnapLength);
        }
        catch (LiveCaptureException ex)
        {
            error.WriteLine("skypedissect: " + ex.Message);
            return ex.Code;
        }

        using (live)
        {
            return Capture(live, model, settings, output, error, cancel, started);
        }
    }

    private static string DurationProblem(string value) =>
        $"--duration must be a number of seconds above 0 and at most {MaxDuration} (without it, capture runs until Ctrl+C), not {value}";

    private static double? ParseDuration(System.CommandLine.Parsing.ArgumentResult r)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds; // the range is checked with the other settings
        }

        r.AddError(DurationProblem($"'{text}'"));
        return null;
    }

    private static string? Validate(SignatureModel model, Settings settings)
    {
        if (AnalyzeCommand.FormatProblem(settings.Mode, settings.Format) is { } format)
        {
            return format;
        }

        if (settings.Versions is { } wanted && wanted.FirstOrDefault(w => model.Version(w) is null) is { } unknown)
        {
            return $"unknown version '{unknown}'; known: {string.Join(", ", model.Versions.Select(x => x.Id))}";
        }

        if (settings.Duration is { } d && !(d > 0 && d <= MaxDuration))
        {
            return DurationProblem(d.ToString(CultureInfo.InvariantCulture));
        }

        if (string.IsNullOrWhiteSpace(settings.Interface))
        {
            return "--interface needs a name (see tcpdump -D)";
        }

        return settings.Write is { } w && string.IsNullOrWhiteSpace(w) ? "--write needs a file name" : null;
    }

    private static ExitCode Capture(LiveInterface live, SignatureModel model, Settings settings, TextWriter output, TextWriter error, CancellationToken cancel, Action? started)
    {
        FileStream? file = null;
        PcapWriter? writer = null;
        try
        {
            if (settings.Write is { } path)
            {
                file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
                writer = new PcapWriter(file, live.LinkType, live.SnapLength);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            error.WriteLine($"skypedissect: {settings.Write}: cannot write: {IoErrors.WriteReason(settings.Write!, ex)}");
            return ExitCode.EnvironmentError;
        }

        try
        {
            return Loop(live, writer, model, settings, output, error, cancel, started);
        }
        finally
        {
            try
            {
                file?.Dispose();
            }
            catch (IOException)
            {
                // Already reported when the last flush failed.
            }
        }
    }

    private static ExitCode Loop(LiveInterface live, PcapWriter? writer, SignatureModel model, Settings settings, TextWriter output, TextWriter error, CancellationToken cancel, Action? started)
    {
        var run = new LiveRun(live, writer, model, settings, output);
        var code = ExitCode.Success;
        var outputBroken = false;

        // A failed step is reported in one line; the first failure's code is the exit code.
        void Step(Action step)
        {
            try
            {
                step();
            }
            catch (LiveCaptureException ex)
            {
                error.WriteLine("skypedissect: " + ex.Message);
                code = code == ExitCode.Success ? ex.Code : code;
            }
            catch (OutputFailedException ex) when (ex.ReaderGone)
            {
                // The reader of standard output went away (| head): the capture ends, quietly.
                outputBroken = true;
                code = code == ExitCode.Success ? ExitCode.OutputClosed : code;
            }
            catch (Exception ex) when (ex is IOException or OutputFailedException)
            {
                // Standard output is full or failed: say so once, and stop writing to it.
                error.WriteLine("skypedissect: cannot write the output: " + ex.Message);
                outputBroken = true;
                code = code == ExitCode.Success ? ExitCode.EnvironmentError : code;
            }
        }

        Step(run.Begin);
        var until = settings.Duration is { } d ? $" for {d.ToString(CultureInfo.InvariantCulture)} s" : "";
        error.WriteLine($"skypedissect: capturing on {live.Name}{until} (link type {live.LinkType}); Ctrl+C stops");
        started?.Invoke();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (settings.Duration is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        if (code == ExitCode.Success)
        {
            Step(() => live.Run(run.Packet, stop.Token, run.Idle));
        }

        // Even after a failure, what was captured is kept and reported.
        Step(run.FlushFile);
        if (!outputBroken)
        {
            Step(run.End);
        }

        var stats = live.Statistics() is { } st ? $", {st.Dropped.ToString(CultureInfo.InvariantCulture)} dropped by the kernel" : "";
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skypedissect: {run.Frames} packets captured, {run.Tagged} tagged{stats}"));
        return code;
    }
}
