using System.Net;
using System.Net.Sockets;
using SkypeDissect.Cli;
using SkypeDissect.Cli.Commands;
using SkypeDissect.Model;
using SkypeDissect.Tests.Captures.Scenarios;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;
using Dns = SkypeDissect.Tests.Analyzer.Dns;

namespace SkypeDissect.Tests.Live;

/// <summary>
/// Real captures on lo while the test puts packets on it: through sockets (kernel traffic) or injected whole
/// (a case capture replayed). One collection, so two captures never see each other's packets.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class LoopbackCaptureTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-live-");

    public void Dispose() => dir.Delete(recursive: true);

    [SkippableFact]
    public async Task Capture_DnsOverRealSockets_TagsQueryAndAnswer_UntilTheDurationEnds()
    {
        Loopback.Require();
        // Addresses of lo nobody else uses, so no local resolver is in the way.
        var server = new IPEndPoint(IPAddress.Parse("127.83.0.1"), 53);
        using var resolver = new UdpClient(server);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Parse("127.83.0.2"), 0));
        var written = Path.Combine(dir.FullName, "dns.pcap");
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        var run = Task.Run(() => Program.Run(
            ["capture", "--interface", Loopback.Interface, "--duration", "2", "--frames", "--filter", "udp and host 127.83.0.1", "--write", written],
            output,
            error));
        error.WaitFor(e => e.Contains("capturing on", StringComparison.Ordinal), Patience).Should().BeTrue(error.ToString());

        var query = Dns.Query("dsn3.d.skype.net");
        await client.SendAsync(query, server);
        var asked = await resolver.ReceiveAsync().WaitAsync(Patience);
        asked.Buffer.Should().Equal(query);
        await resolver.SendAsync(Dns.Response("dsn3.d.skype.net", [.. Cast.LoginAnswerA]), asked.RemoteEndPoint);
        (await client.ReceiveAsync().WaitAsync(Patience)).Buffer.Length.Should().BeGreaterThan(query.Length);

        var code = await run.WaitAsync(Patience);
        code.Should().Be(0, error.ToString());
        output.ToString().Should().Be(
            "frame\tstep\tgroup\trule\tversion\n" +
            "1\t1\tlogin-server\tlogin-dns\t6.3.0.197\n" +
            "2\t1\tlogin-server\tlogin-dns\t6.3.0.197\n");
        error.ToString().Should().EndWith("skypedissect: 2 packets captured, 2 tagged, 0 dropped by the kernel\n");
        CliRunner.Run("analyze", "--frames", written).Output.Should().Be(output.ToString(), "the written file tags as the live packets did");
    }

    [SkippableFact]
    public async Task Capture_InjectedLogin_TagsAsTheCaseExpects_AndTheWrittenFileTagsIdentically()
    {
        Loopback.Require();
        var login = new CaseFolder("login-normal");
        var frames = Loopback.Frames(login.Capture);
        var expected = File.ReadAllText(login.Expected);
        var written = Path.Combine(dir.FullName, "login.pcap");
        var settings = new CaptureCommand.Settings(Loopback.Interface, AnalyzeCommand.Mode.Frames, null, null, Write: written, Filter: Loopback.InjectedOnly);

        var (code, output, error) = await Capture(settings, frames, o => o.Length >= expected.Length);

        code.Should().Be(ExitCode.Success, error);
        // Replayed within milliseconds, but no tag of this case depends on the gaps between its frames.
        output.Should().Be(expected);
        CliRunner.Run("analyze", "--frames", written).Output.Should().Be(output);
        Loopback.Frames(written).Should().BeEquivalentTo(frames, o => o.WithStrictOrdering(), "every captured packet is written, byte for byte");
    }

    [SkippableTheory]
    [InlineData(AnalyzeCommand.Mode.Summary, null)]
    [InlineData(AnalyzeCommand.Mode.Sessions, "json")]
    [InlineData(AnalyzeCommand.Mode.Sessions, "tsv")]
    public async Task Capture_InjectedLogin_Sessions_AreThoseAnalyzeFindsInTheWrittenFile(AnalyzeCommand.Mode mode, string? format)
    {
        Loopback.Require();
        var frames = Loopback.Frames(new CaseFolder("login-normal").Capture);
        var written = Path.Combine(dir.FullName, "sessions.pcap");
        var settings = new CaptureCommand.Settings(Loopback.Interface, mode, format, null, Write: written, Filter: Loopback.InjectedOnly);

        var (code, output, error) = await Capture(settings, frames, null);

        code.Should().Be(ExitCode.Success, error);
        Loopback.Frames(written).Should().HaveCount(frames.Count);
        string[] args = mode == AnalyzeCommand.Mode.Summary ? ["analyze", written] : ["analyze", written, "--sessions", "--format", format!];
        var analyzed = CliRunner.Run(args).Output;
        // The summary names its input: the interface live, the file afterwards.
        var expected = mode == AnalyzeCommand.Mode.Summary ? analyzed.Replace(written, Loopback.Interface, StringComparison.Ordinal) : analyzed;
        output.Should().Be(expected);
        output.Should().Contain("192.168.1.23");
    }

    [SkippableFact]
    public void Capture_UnknownInterface_IsUsageErrorWithOneLine()
    {
        Loopback.Require();
        var r = CliRunner.Run("capture", "--interface", "no-such-if0", "--duration", "1");
        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("skypedissect: no capture interface 'no-such-if0' (available: ").And.Contain(" lo").And.EndWith(")\n");
        r.Error.Count(c => c == '\n').Should().Be(1);
        r.Output.Should().BeEmpty();
    }

    [SkippableFact]
    public void Capture_BadFilter_IsUsageErrorWithOneLine()
    {
        Loopback.Require();
        var r = CliRunner.Run("capture", "--interface", Loopback.Interface, "--filter", "udp port", "--duration", "1");
        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("skypedissect: bad capture filter 'udp port': ");
        r.Error.Count(c => c == '\n').Should().Be(1);
    }

    [SkippableFact]
    public void Capture_UnwritableFile_IsEnvironmentError()
    {
        Loopback.Require();
        var target = Path.Combine(dir.FullName, "missing", "x.pcap");
        var r = CliRunner.Run("capture", "--interface", Loopback.Interface, "--write", target, "--duration", "1");
        r.ExitCode.Should().Be(5);
        r.Error.Should().StartWith($"skypedissect: {target}: cannot write: ");
        r.Error.Count(c => c == '\n').Should().Be(1);
    }

    /// <summary>
    /// Runs a capture, injects the frames once it is open, waits until <paramref name="done"/> holds for the
    /// output (or, without it, a moment for the kernel to deliver), then stops it as Ctrl+C would.
    /// </summary>
    private static async Task<(ExitCode Code, string Output, string Error)> Capture(
        CaptureCommand.Settings settings, IReadOnlyList<byte[]> frames, Func<string, bool>? done)
    {
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        using var started = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => CaptureCommand.Run(Signatures.Default, settings, output, error, stop.Token, started.Set));
        var opened = await Task.Run(() => started.Wait(Patience) || run.IsCompleted);
        opened.Should().BeTrue("the capture opens within {0}", Patience);
        if (!run.IsCompleted)
        {
            Loopback.Inject(frames);
            if (done is null)
            {
                await Task.Delay(300);
            }
            else
            {
                output.WaitFor(done, Patience);
            }
        }

        await stop.CancelAsync();
        var code = await run.WaitAsync(Patience);
        return (code, output.ToString(), error.ToString());
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveCollection
{
    public const string Name = "live capture on lo";
}
