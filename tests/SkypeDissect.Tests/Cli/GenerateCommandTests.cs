using SkypeDissect.Cli;
using SkypeDissect.Cli.Commands;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-generate-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void Generate_WritesOnlyThePlugin_ThenCheckPasses()
    {
        var r = CliRunner.Run("generate", "--output", dir.FullName);
        r.ExitCode.Should().Be(0, r.Error);
        dir.GetFiles().Select(f => f.Name).Should().Equal("skype_login.lua");
        r.Output.Should().Be($"wrote {Path.Combine(dir.FullName, "skype_login.lua")}\n");

        var check = CliRunner.Run("generate", "--output", dir.FullName, "--check");
        check.ExitCode.Should().Be(0, check.Error);
    }

    [Fact]
    public void GenerateCheck_CommittedPlugin_IsUpToDate()
    {
        var r = CliRunner.Run("generate", "--check", "--output", RepoPaths.Generated);
        r.ExitCode.Should().Be(0, "generated/ must equal a fresh render; run: skypedissect generate --output generated\n" + r.Error);
    }

    [Fact]
    public void GenerateCheck_EditedFile_FailsAndNamesIt()
    {
        CliRunner.Run("generate", "--output", dir.FullName).ExitCode.Should().Be(0);
        var file = Path.Combine(dir.FullName, "skype_login.lua");
        File.AppendAllText(file, "-- hand edit\n");
        var r = CliRunner.Run("generate", "--output", dir.FullName, "--check");
        r.ExitCode.Should().Be(1);
        r.Error.Should().Contain($"{file} differs from a fresh render of the model");
    }

    [Fact]
    public void GenerateCheck_MissingFile_Fails()
    {
        var r = CliRunner.Run("generate", "--output", Path.Combine(dir.FullName, "nothing"), "--check");
        r.ExitCode.Should().Be(1);
        r.Error.Should().Contain("is missing");
    }

    [Fact]
    public void Generate_InvalidModel_RefusesAndNamesEveryProblem()
    {
        var bad = PaperVersions.Skype6_3 with { Rules = [PaperVersions.Rules[0], PaperVersions.Rules[0]] };
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = GenerateCommand.Run(new SignatureModel([bad]), PluginRenderer.Render, dir.FullName, check: false, output, error);
        code.Should().Be(ExitCode.InvalidModel);
        error.ToString().Should().Be(
            "skypedissect: invalid model: versions[6.3.0.197].rules[login-dns]: rule id is not unique\n" +
            "skypedissect: 1 problem in the model; nothing was generated\n");
        dir.GetFiles().Should().BeEmpty();
    }
}
