using System.Globalization;
using SkypeDissect.Tests.Cli;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// <c>skypedissect analyze --frames</c> on each broken file: the rows before the damage are printed, stderr
/// holds exactly one line <c>skypedissect: FILE: at byte offset N: reason</c>, and the exit code is 3 for
/// damage, 0 for a file Wireshark reads whole (README, exit codes).
/// </summary>
public sealed class BrokenFileCliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-broken-cli-");

    public static TheoryData<string> Files() => BrokenFiles.Names();

    public void Dispose() => dir.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(Files))]
    public void Analyze_PrintsRowsBeforeDamage_OneErrorLine_AndExitCode(string name)
    {
        var file = BrokenFiles.Find(name);
        var path = Path.Combine(dir.FullName, name + ".cap");
        File.WriteAllBytes(path, file.Bytes);

        var r = CliRunner.Run("analyze", path, "--frames");

        if (file.Offset == 0)
        {
            r.Output.Should().BeEmpty("nothing was read, so there is no header of an empty result either");
        }
        else
        {
            r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
                [Cases.TagRow.Header, .. file.Tags.Select(t => t.ToTsv())], "the rows before the damage are kept");
        }

        if (file.Offset is null)
        {
            r.ExitCode.Should().Be(0, r.Error);
            r.Error.Should().BeEmpty();
        }
        else
        {
            r.ExitCode.Should().Be(3);
            r.Error.Should().Be(string.Create(CultureInfo.InvariantCulture, $"skypedissect: {path}: at byte offset {file.Offset}: {file.Reason}\n"));
        }
    }

    [Fact]
    public void Analyze_DamagedFile_SessionSummaryStillShowsTheLoginBeforeTheDamage()
    {
        var path = Path.Combine(dir.FullName, "cut.pcap");
        File.WriteAllBytes(path, BrokenFiles.Find("record-longer-than-file").Bytes);

        var r = CliRunner.Run("analyze", path);

        r.ExitCode.Should().Be(3);
        r.Output.Should().StartWith($"{path}\n192.168.1.23, from ").And.Contain($"\n{path}: 1 login session\n");
        r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Theory]
    [InlineData("/dev/null", "at byte offset 0: the file is empty")]
    [InlineData("/dev/zero", "at byte offset 0: not a pcap or pcapng file (magic 0x00000000)")]
    public void Analyze_Device_IsInputErrorWithOneLine(string device, string reason)
    {
        var r = CliRunner.Run("analyze", device, "--frames");

        r.ExitCode.Should().Be(3);
        r.Output.Should().BeEmpty("no frame was read");
        r.Error.Should().Be($"skypedissect: {device}: {reason}\n");
    }

    [Fact]
    public void Analyze_DirectoryWithoutCaptures_IsInputErrorWithOneLine()
    {
        var r = CliRunner.Run("analyze", dir.FullName, "--frames");

        r.ExitCode.Should().Be(3);
        r.Output.Should().BeEmpty();
        r.Error.Should().Be($"skypedissect: {dir.FullName}: is a directory without capture files (*.pcap, *.pcapng, *.cap, also .gz)\n");
    }
}
