using System.Diagnostics;
using System.IO.Compression;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>
/// The tool as a process among other Unix tools: a capture on standard input (<c>analyze -</c>, as
/// <c>tshark -r -</c>), gzip-compressed input, a reader that closes the pipe early (<c>| head</c>), output
/// redirected to a file shared with other commands, and a terminal on standard input or error.
/// </summary>
public sealed class StandardStreamsTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-streams-");

    public void Dispose() => dir.Delete(recursive: true);

    private static string Capture(string name) => Directory.GetFiles(Path.Combine(RepoPaths.Cases, name), "capture.pcap*").Single();

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new[] { "login-normal", "fallback-tcp-443", "ip-fragments" })
        {
            foreach (var mode in new[] { "--frames", "--sessions" })
            {
                data.Add(name, mode);
            }
        }

        data.Add("real-skype-7.7.3", "--frames");
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void StandardInput_AndGzip_GiveTheRowsOfThePlainFile(string name, string mode)
    {
        var plain = Capture(name);
        var gz = Path.Combine(dir.FullName, Path.GetFileName(plain) + ".gz");
        Compress(plain, gz);

        var expected = CliRunner.Run("analyze", plain, mode);
        expected.ExitCode.Should().Be(0, expected.Error);
        expected.Output.Split('\n').Length.Should().BeGreaterThan(2, "the case has tagged frames");

        var fromGz = CliRunner.Run("analyze", gz, mode);
        fromGz.Should().Be(expected, "a .gz file is read as Wireshark reads it");

        var fromStdin = ToolProcess.Run(["analyze", "-", mode], File.ReadAllBytes(plain));
        fromStdin.Should().Be(new ToolProcess.Result(0, expected.Output, ""), "- is standard input");

        var gzFromStdin = ToolProcess.Run(["analyze", "-", mode], File.ReadAllBytes(gz));
        gzFromStdin.Should().Be(new ToolProcess.Result(0, expected.Output, ""), "compressed standard input is recognised by its first bytes");
    }

    [Fact]
    public void Summary_OfStandardInput_IsTitledStandardInput()
    {
        var r = ToolProcess.Run(["analyze", "-"], File.ReadAllBytes(Capture("login-normal")));

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith("standard input\n192.168.1.23, from ").And.Contain("\nstandard input: 1 login session\n");
    }

    [Fact]
    public void Learn_OfStandardInput_NamesItStandardInput()
    {
        var r = ToolProcess.Run(["learn", "-", "--as", "9.9.9"], File.ReadAllBytes(Capture("login-normal")));
        var json = ToolProcess.Run(["learn", "-", "--as", "9.9.9", "--format", "json"], File.ReadAllBytes(Capture("login-normal")));

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().StartWith("Learning 9.9.9 from standard input, compared with 6.3.0.197\n");
        json.Output.Should().Contain("\"name\": \"standard input\"");
    }

    [Fact]
    public void Report_OfStandardInput_IsTitledStandardInput()
    {
        var html = Path.Combine(dir.FullName, "r.html");
        var r = ToolProcess.Run(["report", "-", "--output", html], File.ReadAllBytes(Capture("login-normal")));

        r.ExitCode.Should().Be(0, r.Error);
        File.ReadAllText(html).Should().Contain("<title>Skype logins in standard input</title>").And.NotContain("<h2>-</h2>");
    }

    [Fact]
    public void Report_OfEmptyStandardInput_WritesNothing()
    {
        var html = Path.Combine(dir.FullName, "r.html");
        var r = ToolProcess.Run(["report", "-", "--output", html], []);

        r.Should().Be(new ToolProcess.Result(3, "", "skypedissect: standard input: at byte offset 0: the file is empty\n"));
        File.Exists(html).Should().BeFalse();
    }

    [Fact]
    public void Directory_ListsGzipCaptures_AsItListsPlainOnes()
    {
        Compress(Capture("login-normal"), Path.Combine(dir.FullName, "a.pcap.gz"));
        File.Copy(Capture("fallback-tcp-443"), Path.Combine(dir.FullName, "b.pcap"));
        Compress(Capture("ip-fragments"), Path.Combine(dir.FullName, "c.pcapng.gz"));
        File.WriteAllText(Path.Combine(dir.FullName, "notes.txt.gz"), "not listed");

        var r = CliRunner.Run("analyze", dir.FullName, "--frames", "--jobs", "1");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => Path.GetFileName(l.Split('\t')[0])).Distinct()
            .Should().Equal("a.pcap.gz", "b.pcap", "c.pcapng.gz");
    }

    [Fact]
    public void TruncatedGzip_KeepsTheRowsBeforeTheCut_AndCountsOffsetsInTheUncompressedData()
    {
        var gz = Path.Combine(dir.FullName, "cut.pcap.gz");
        Compress(Capture("login-normal"), gz);
        var bytes = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, bytes[..(bytes.Length / 2)]);

        var whole = CliRunner.Run("analyze", Capture("login-normal"), "--frames").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var r = CliRunner.Run("analyze", gz, "--frames");

        r.ExitCode.Should().Be(3);
        r.Error.Should().MatchRegex($@"^skypedissect: {System.Text.RegularExpressions.Regex.Escape(gz)}: at byte offset \d+ of the uncompressed data: truncated .*\n$");
        var rows = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Length.Should().BeGreaterThan(1).And.BeLessThan(whole.Length);
        whole.Should().StartWith(rows);
    }

    [SkippableFact]
    public void ClosedOutput_EndsTheRun_Quietly_WithTheStatusOfSigpipe()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGPIPE and EPIPE are Unix");
        using var p = ToolProcess.Start(["analyze", "-", "--frames"]);
        var error = p.StandardError.ReadToEndAsync();
        // An endless capture: the header, then the records of a login over and over. Only a closed output can
        // end this run; a tool that read on regardless would be killed by the two-minute guard.
        var capture = File.ReadAllBytes(Capture("login-normal"));
        var feeder = Task.Run(() =>
        {
            var stdin = p.StandardInput.BaseStream;
            try
            {
                stdin.Write(capture);
                for (var i = 0; i < 1_000_000; i++)
                {
                    stdin.Write(capture, 24, capture.Length - 24);
                }
            }
            catch (IOException)
            {
                // The tool has ended: the pipe is broken.
            }
        });

        p.StandardOutput.ReadLine().Should().Be("frame\tstep\tgroup\trule\tversion");
        p.StandardOutput.ReadLine().Should().StartWith("24\t1\t");
        p.StandardOutput.Close(); // as head -2 does

        ToolProcess.Finish(p);
        p.ExitCode.Should().Be(141, "128 + SIGPIPE, what a shell reports for a tool a closed pipe stops");
        error.Result.Should().BeEmpty("a reader that stops early is no error");
        feeder.Wait(TimeSpan.FromMinutes(1)).Should().BeTrue();
    }

    [SkippableFact]
    public void OutputToAFile_SharedWithOtherCommands_KeepsTheirOrder()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs sh");
        var file = Path.Combine(dir.FullName, "out.txt");
        var script = $"(echo before; '{ToolProcess.Dotnet}' '{ToolProcess.Dll}' analyze '{Capture("login-normal")}' --frames; echo after) > '{file}'";
        using (var sh = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { UseShellExecute = false })!)
        {
            ToolProcess.Finish(sh);
            sh.ExitCode.Should().Be(0);
        }

        var lines = File.ReadAllLines(file);
        lines[0].Should().Be("before");
        lines[1].Should().Be("frame\tstep\tgroup\trule\tversion");
        lines[^1].Should().Be("after");
        lines.Length.Should().Be(CliRunner.Run("analyze", Capture("login-normal"), "--frames").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length + 2);
    }

    [SkippableFact]
    public void StandardInputOnATerminal_IsRefusedAtOnce()
    {
        var script = TerminalRunner();
        var r = Run(script, ["-qec", $"'{ToolProcess.Dotnet}' '{ToolProcess.Dll}' analyze -", "/dev/null"]);

        r.ExitCode.Should().Be(2);
        // .NET sets the terminal's keypad mode when it opens a console on a terminal; the message is the rest.
        System.Text.RegularExpressions.Regex.Replace(r.Output, "\u001b(\\[[0-9;?]*[A-Za-z]|[=>])", "").Trim().Should().Be("skypedissect: - reads a capture from standard input, which is a terminal here; pipe one in (for example: tcpdump -w - | skypedissect analyze -)");
    }

    [SkippableFact]
    public void Progress_OnATerminal_ShowsFramesRateAndElapsedTime_ThenClearsItsLine()
    {
        var script = TerminalRunner();
        var capture = Capture("login-normal");
        // Standard error is the terminal; the input arrives, then stays open a moment: the read that ends
        // the input comes after the 0.1 s a redraw waits for.
        var command = $"(cat '{capture}'; sleep 1) | '{ToolProcess.Dotnet}' '{ToolProcess.Dll}' analyze - --frames > /dev/null";
        var r = Run(script, ["-qec", command, "/dev/null"]);

        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().MatchRegex(@"\rstandard input  153 frames  \d+ frames/s  0\.0 MB  0:0[0-9]\u001b\[K");
        r.Output.Should().EndWith("\r\u001b[K", "the line is cleared when the input is done");
    }

    [Fact]
    public void Progress_RendersPercentBarFramesRateAndTimeLeft()
    {
        Render("big.pcap", 512_000_000, 2_048_000_000, 3_000_000, 2).Should()
            .Be("big.pcap  25% [######..................]  3,000,000 frames  1.50M frames/s  0:06 left");
        Render("a-very-long-capture-file-name.pcapng", 0, 1000, 0, 0).Should()
            .Be("a-very-long-capture-f...   0% [........................]  0 frames  0 frames/s  --:-- left");
        Render("x.pcap", 1000, 1000, 20_000, 4000).Should()
            .Be("x.pcap 100% [########################]  20,000 frames  5 frames/s  0:00 left");
        Render("x.pcap", 500, 1000, 8_459, 1).Should()
            .Be("x.pcap  50% [############............]  8,459 frames  8,459 frames/s  0:01 left", "counts below 10k are written as the frames are");
        Render("standard input", 5_300_000, null, 45_000, 3725).Should()
            .Be("standard input  45,000 frames  12 frames/s  5.3 MB  1:02:05");
        Render("standard input", 0, null, 123_456, 10).Should()
            .Be("standard input  123,456 frames  12k frames/s  0.0 MB  0:10");
    }

    private static string Render(string name, long position, long? length, long frames, double seconds) =>
        SkypeDissect.Cli.Commands.ProgressLine.Render(name, position, length, frames, TimeSpan.FromSeconds(seconds));

    private static void Compress(string from, string to)
    {
        using var input = File.OpenRead(from);
        using var output = new GZipStream(File.Create(to), CompressionLevel.Optimal);
        input.CopyTo(output);
    }

    /// <summary>util-linux script(1), which runs a command on a pseudo-terminal, as a person's shell does.</summary>
    private static string TerminalRunner()
    {
        Skip.If(OperatingSystem.IsWindows(), "needs a Unix pseudo-terminal");
        const string script = "/usr/bin/script";
        if (!File.Exists(script))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("script(1) is missing (Debian: bsdutils)");
            }

            Skip.If(true, "script(1) is not installed (Debian: bsdutils)");
        }

        return script;
    }

    private static ToolProcess.Result Run(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        ToolProcess.Finish(p);
        return new ToolProcess.Result(p.ExitCode, output.Result, error.Result);
    }
}
