using System.Diagnostics;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Fuzz;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 10: a FIFO named like a capture inside an analysed directory is not opened (it would block
/// the run for ever), and is reported as an input not read; a FIFO named on the command line is read as a
/// stream, and the rows of the files before it are out while it waits (each file's output is flushed).
/// </summary>
public sealed class FifoTests : IDisposable
{
    private static readonly byte[] Capture = Pcap.Write(1, [new TestFrame(LoginFrames.Start, Packets.Ethernet(Packets.Ipv4(
        LoginFrames.Client, LoginFrames.Resolver, Packets.Udp, Packets.UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net")))))]);

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-fifo-");

    public void Dispose() => dir.Delete(recursive: true);

    [SkippableFact]
    public void FifoInAnalysedDirectory_NotOpened_OtherFilesAnalysed()
    {
        File.WriteAllBytes(Path.Combine(dir.FullName, "a.pcap"), Capture);
        CliProcess.MakeFifo(Path.Combine(dir.FullName, "b.pcap"));
        File.WriteAllBytes(Path.Combine(dir.FullName, "c.pcap"), Capture);

        var psi = CliProcess.StartInfo("analyze", dir.FullName, "--frames");
        var r = FuzzProcess.Run(psi.FileName, psi.ArgumentList, TimeSpan.FromSeconds(60));

        r.TimedOut.Should().BeFalse("the FIFO has no writer: opening it would wait for ever");
        r.ExitCode.Should().Be(3);
        r.Output.Split('\n').Count(l => l.EndsWith("\tlogin-dns\t6.3.0.197", StringComparison.Ordinal)).Should().Be(2, r.Output);
        var fifo = Path.Combine(dir.FullName, "b.pcap");
        r.Error.Should().Be($"skypedissect: {fifo}: is a FIFO, not a regular file: not read\nskypedissect: 1 of 3 inputs could not be read completely (see above)\n");
    }

    [SkippableFact]
    public void FifoOnCommandLine_Read_EarlierRowsOutWhileItWaits()
    {
        var first = Path.Combine(dir.FullName, "a.pcap");
        File.WriteAllBytes(first, Capture);
        var fifo = Path.Combine(dir.FullName, "live.pcap");
        CliProcess.MakeFifo(fifo);

        using var p = Process.Start(CliProcess.StartInfo("analyze", first, fifo, "--frames"))!;
        var error = p.StandardError.ReadToEndAsync();
        var rows = new List<string>();
        try
        {
            // The header and a.pcap's row must arrive while the FIFO still has no writer.
            var header = p.StandardOutput.ReadLineAsync();
            header.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the first file's output is flushed before the FIFO is read");
            var row = p.StandardOutput.ReadLineAsync();
            row.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("a.pcap's row is out before the FIFO is read");
            rows.Add(row.Result!);
            p.HasExited.Should().BeFalse("the FIFO has not been written yet");

            File.WriteAllBytes(fifo, Capture); // opens the FIFO for writing, writes, closes
            rows.AddRange(p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            p.WaitForExit(30_000).Should().BeTrue();
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
        }

        p.ExitCode.Should().Be(0, error.Result);
        rows.Should().Equal([$"{first}\t1\t1\tlogin-server\tlogin-dns\t6.3.0.197", $"{fifo}\t1\t1\tlogin-server\tlogin-dns\t6.3.0.197"]);
    }
}
