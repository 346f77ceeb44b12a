using SkypeDissect.Tests.Cli;

namespace SkypeDissect.Tests.Export;

public sealed class ExportCommandTests
{
    [Theory]
    [InlineData("ndpi", "@SkypeLogin")]
    [InlineData("bpf", "udp port 53")]
    [InlineData("colors", "@skypelogin.step == 1@")]
    public void Export_PrintsTheFile_WhenNoOutputIsGiven(string format, string part)
    {
        var run = CliRunner.Run("export", format);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain(part);
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public void Export_OfOneVersion_NamesOnlyThatVersion()
    {
        var run = CliRunner.Run("export", "ndpi", "--versions", "7.7.3");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("(versions 7.7.3)").And.NotContain("#   6.3.0.197 ");
    }

    [Theory]
    [InlineData(new[] { "export", "snort" }, "")]
    [InlineData(new[] { "export", "ndpi", "--versions", "9.9" }, "skypedissect: unknown version '9.9'; known: 6.3.0.197, 5.6.0.106, 7.7.3\n")]
    [InlineData(new[] { "export", "colors", "--no-vlan" }, "skypedissect: --no-vlan applies to export bpf only\n")]
    public void Export_WithABadCommandLine_IsAUsageError(string[] args, string message)
    {
        var run = CliRunner.Run(args);

        run.ExitCode.Should().Be(2);
        if (message.Length > 0)
        {
            run.Error.Should().Be(message);
        }
    }

    [Fact]
    public void Export_IntoAMissingFolder_ExitsWithFive()
    {
        var run = CliRunner.Run("export", "bpf", "--output", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.bpf"));

        run.ExitCode.Should().Be(5);
        run.Error.Should().StartWith("skypedissect: cannot write ");
    }
}
