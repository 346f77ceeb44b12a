using System.Diagnostics;
using SharpPcap;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Cli;
using SkypeDissect.Cli.Live;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;

namespace SkypeDissect.Tests.Live;

/// <summary>
/// The command as a separate process, as a user runs it: stopped by a signal, refused by the kernel, without
/// libpcap. And the one-line reasons behind those exits.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class CaptureProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task Capture_Sigterm_StopsCleanly_AndStillPrintsTheSessions()
    {
        Loopback.Require();
        using var p = Start([], "capture", "--interface", Loopback.Interface, "--filter", Loopback.InjectedOnly, "--sessions", "--format", "tsv");
        var stderr = new WatchedWriter();
        p.ErrorDataReceived += (_, e) => stderr.Write(e.Data is null ? "" : e.Data + "\n");
        p.BeginErrorReadLine();
        var stdout = p.StandardOutput.ReadToEndAsync();
        stderr.WaitFor(e => e.Contains("capturing on", StringComparison.Ordinal), Patience).Should().BeTrue(stderr.ToString());

        Loopback.Inject(Loopback.Frames(new CaseFolder("login-normal").Capture));
        await Task.Delay(300);
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await p.WaitForExitAsync().WaitAsync(Patience);
        p.ExitCode.Should().Be(0, stderr.ToString());
        var rows = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Should().HaveCount(2, "a header and the one login");
        rows[1].Should().StartWith("192.168.1.23\t");
        stderr.ToString().Should().Contain("skypedissect: 153 packets captured, 104 tagged");
    }

    [SkippableFact]
    public void Capture_NotPermitted_IsEnvironmentErrorWithOneLine()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "capabilities are Linux's");
        ExitAndError r;
        if (Environment.IsPrivilegedProcess)
        {
            // Root captures; the same program without the capabilities must be refused.
            var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);
            if (setpriv is null && Loopback.InCi)
            {
                throw new InvalidOperationException("setpriv (util-linux) is missing; CI needs it to drop capabilities");
            }

            Skip.If(setpriv is null, "setpriv (util-linux) is not installed, so capabilities cannot be dropped");
            r = Run([setpriv!, "--bounding-set=-net_raw,-net_admin", "--"], "capture", "--interface", Loopback.Interface, "--duration", "1");
        }
        else
        {
            Skip.If(Loopback.Reason is null, "this process may capture (capabilities granted), so a refusal cannot be shown");
            var cli = CliRunner.Run("capture", "--interface", Loopback.Interface, "--duration", "1");
            r = new ExitAndError(cli.ExitCode, cli.Error);
        }

        r.ExitCode.Should().Be(5, r.Error);
        r.Error.Should().StartWith("skypedissect: capturing on 'lo' is not permitted: run as root, or grant the capabilities cap_net_raw and cap_net_admin (libpcap: ");
        r.Error.Count(c => c == '\n').Should().Be(1);
    }

    [SkippableFact]
    public void Capture_WithoutLibpcap_IsEnvironmentErrorWithOneLine()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess, "hiding libpcap needs a private mount namespace (root on Linux)");
        // Every libpcap.so* is covered with /dev/null in a mount namespace of the child alone.
        const string hide = "for f in /lib/*/libpcap.so* /usr/lib/*/libpcap.so* /usr/lib/libpcap.so* /usr/lib64/libpcap.so*; do "
            + "[ -e \"$f\" ] && mount --bind /dev/null \"$(readlink -f \"$f\")\"; done; exec \"$@\"";
        var probe = Run(["unshare", "--mount", "--", "sh", "-c", "mount --make-rprivate / && true"]);
        Skip.If(probe.ExitCode != 0, "no private mount namespace here (unshare --mount: " + probe.Error.Trim() + ")");

        var r = Run(["unshare", "--mount", "--", "sh", "-c", "mount --make-rprivate / && " + hide, "sh"], "capture", "--interface", Loopback.Interface, "--duration", "1");
        r.ExitCode.Should().Be(5, r.Error);
        r.Error.Should().Be("skypedissect: cannot capture: libpcap is not installed (Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap; Windows: Npcap)\n");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("2000001")]
    public void Capture_BadDuration_IsUsageError_BeforeTouchingTheInterface(string duration)
    {
        var r = CliRunner.Run("capture", "--interface", "no-such-if0", "--duration", duration);
        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("skypedissect: --duration must be a number of seconds above 0 and at most 2000000");
    }

    [Fact]
    public void Capture_FramesAndSessions_AreUsageError()
    {
        var r = CliRunner.Run("capture", "--interface", "lo", "--frames", "--sessions");
        r.ExitCode.Should().Be(2);
        r.Error.Should().Be("skypedissect: --frames and --sessions exclude each other\n");
    }

    [Fact]
    public void Capture_WithoutInterface_IsUsageError()
    {
        CliRunner.Run("capture", "--duration", "1").ExitCode.Should().Be(2);
    }

    [Fact]
    public void Reasons_LibpcapMissing_WhateverWrapsIt()
    {
        var wrapped = new TypeInitializationException("SharpPcap.LibPcap.LibPcapSafeNativeMethods", new DllNotFoundException("wpcap"));
        foreach (var ex in new Exception[] { new DllNotFoundException("wpcap"), wrapped, new EntryPointNotFoundException("pcap_create") })
        {
            var reason = LiveCaptureException.From("eth0", ex);
            reason.Code.Should().Be(ExitCode.EnvironmentError);
            reason.Message.Should().StartWith("cannot capture: libpcap is not installed (");
        }
    }

    [Fact]
    public void Reasons_FromLibpcapErrors_AreOneLineWithTheRightCode()
    {
        var denied = LiveCaptureException.FromLibpcap("eth0", PcapError.PermissionDenied, "socket: Operation not permitted\n");
        denied.Code.Should().Be(ExitCode.EnvironmentError);
        denied.Message.Should().Be("capturing on 'eth0' is not permitted: run as root, or grant the capabilities cap_net_raw and cap_net_admin (libpcap: socket: Operation not permitted)");

        var gone = LiveCaptureException.FromLibpcap("eth9", PcapError.NoSuchDevice, "eth9: No such device exists\n(SIOCGIFINDEX)");
        gone.Code.Should().Be(ExitCode.UsageError);
        gone.Message.Should().Be("no capture interface 'eth9' (libpcap: eth9: No such device exists (SIOCGIFINDEX))");

        LiveCaptureException.FromLibpcap("wlan0", PcapError.InterfaceNotUp, "").Message.Should().Be("interface 'wlan0' is not up");
        var other = LiveCaptureException.FromLibpcap("eth0", PcapError.Generic, "Unable to open the adapter 'eth0'. boom");
        other.Code.Should().Be(ExitCode.EnvironmentError);
        other.Message.Should().Be("cannot capture on 'eth0': Unable to open the adapter 'eth0'. boom");
    }

    [Theory]
    [InlineData(1, LinkTypes.Ethernet)]
    [InlineData(12, LinkTypes.Raw)]
    [InlineData(14, LinkTypes.Raw)]
    [InlineData(113, LinkTypes.LinuxSll)]
    [InlineData(276, LinkTypes.LinuxSll2)]
    [InlineData(0, LinkTypes.Null)]
    public void LinkType_FromLibpcapsDlt_IsTheFileValue(int dlt, int linkType)
    {
        LiveInterface.ToLinkType(dlt).Should().Be(linkType);
    }

    private sealed record ExitAndError(int ExitCode, string Error);

    /// <summary>The CLI as a child process: <c>PREFIX... dotnet skypedissect.dll ARGS...</c>.</summary>
    private static Process Start(string[] prefix, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string[] line = [.. prefix, dotnet, typeof(Program).Assembly.Location, .. args];
        var psi = new ProcessStartInfo(line[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in line[1..])
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    private static ExitAndError Run(string[] prefix, params string[] args)
    {
        ProcessStartInfo psi;
        if (args.Length == 0)
        {
            psi = new ProcessStartInfo(prefix[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in prefix[1..])
            {
                psi.ArgumentList.Add(a);
            }

            using var probe = Process.Start(psi)!;
            return Finish(probe);
        }

        using var p = Start(prefix, args);
        return Finish(p);
    }

    private static ExitAndError Finish(Process p)
    {
        var error = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(Patience))
        {
            p.Kill();
            throw new TimeoutException("the child process did not end within " + Patience);
        }

        return new ExitAndError(p.ExitCode, error.Result);
    }
}
