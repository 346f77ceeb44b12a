using SkypeDissect.Cli.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>
/// Options take one value each, wherever they stand: <c>analyze --versions 7.7.3 CAPTURE</c> reads CAPTURE
/// as <c>analyze CAPTURE --versions 7.7.3</c> does (several versions or files: comma-separated or the option
/// repeated), instead of taking the capture for a second version.
/// </summary>
public sealed class OptionOrderTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-order-");

    public void Dispose() => dir.Delete(recursive: true);

    private static string Capture => Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap");

    [Theory]
    [InlineData("--versions", "7.7.3")]
    [InlineData("--versions", "6.3.0.197,7.7.3")]
    public void Analyze_VersionsBeforeTheCapture_IsTheSameRun(string option, string value)
    {
        var after = CliRunner.Run("analyze", Capture, "--frames", option, value);
        var before = CliRunner.Run("analyze", option, value, Capture, "--frames");

        after.ExitCode.Should().Be(0, after.Error);
        before.ExitCode.Should().Be(0, before.Error);
        before.Output.Should().Be(after.Output);
    }

    [Fact]
    public void Analyze_SignaturesBeforeTheCapture_IsTheSameRun()
    {
        var file = Path.Combine(dir.FullName, "v.json");
        File.WriteAllText(file, ModelJson.Render([Signatures.Default.Version("7.7.3")! with { Id = "7.7.9" }]));

        var after = CliRunner.Run("analyze", Capture, "--sessions", "--signatures", file);
        var before = CliRunner.Run("analyze", "--signatures", file, Capture, "--sessions");

        after.ExitCode.Should().Be(0, after.Error);
        before.ExitCode.Should().Be(0, before.Error);
        before.Output.Should().Be(after.Output);
    }

    [Fact]
    public void Report_VersionsBeforeTheCapture_IsTheSameRun()
    {
        var r = CliRunner.Run("report", "--versions", "6.3.0.197", Capture, "--output", Path.Combine(dir.FullName, "r.html"));

        r.ExitCode.Should().Be(0, r.Error);
        File.Exists(Path.Combine(dir.FullName, "r.html")).Should().BeTrue();
    }

    [Fact]
    public void Export_VersionsBeforeTheFormat_IsTheSameRun()
    {
        var after = CliRunner.Run("export", "bpf", "--versions", "7.7.3");
        var before = CliRunner.Run("export", "--versions", "7.7.3", "bpf");

        before.ExitCode.Should().Be(0, before.Error);
        before.Output.Should().Be(after.Output);
    }

    [Fact]
    public void Analyze_VersionsRepeated_AreAllUsed()
    {
        var repeated = CliRunner.Run("analyze", Capture, "--frames", "--versions", "6.3.0.197", "--versions", "7.7.3");
        var commas = CliRunner.Run("analyze", Capture, "--frames", "--versions", "6.3.0.197,7.7.3");

        repeated.ExitCode.Should().Be(0, repeated.Error);
        repeated.Output.Should().Be(commas.Output);
    }
}
