using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.SignatureFiles;

/// <summary>
/// The path of a user without the source tree: learn a version from a capture into a signature file, analyze
/// with it and generate a plugin holding it. Learned from the shared capture as 7.7.4 against the built-in 7.7.3
/// (the reviewed version made from that capture, which the draft keeps), it tags that capture as the built-in 7.7.3
/// does, in the analyzer and in tshark with the generated plugin. (A draft against 6.3.0.197 is judged by what it
/// tags in LearnEmitTests.)
/// </summary>
public sealed class LearnedFileTests
{
    private static string Real => SharedCaptures.RealLogin;

    [Fact]
    public void LearnedFile_InTheAnalyzer_TagsTheRealCaptureAsTheBuiltIn773()
    {
        using var folder = new TempFolder();
        var file = Learn(folder);

        var fromFile = CliRunner.Run("analyze", Real, "--frames", "--versions", "7.7.4", "--signatures", file);
        var builtIn = CliRunner.Run("analyze", Real, "--frames", "--versions", "7.7.3");

        fromFile.ExitCode.Should().Be(0, fromFile.Error);
        builtIn.Output.Split('\n').Should().HaveCount(1710 + 2, "header, 1710 tagged frames and the final newline");
        fromFile.Output.Replace("\t7.7.4\n", "\t7.7.3\n", StringComparison.Ordinal).Should().Be(builtIn.Output);
    }

    [SkippableFact]
    public void LearnedFile_InAGeneratedPlugin_TagsTheRealCaptureAsTheBuiltIn773()
    {
        Tshark.Require();
        using var folder = new TempFolder();
        var file = Learn(folder);
        var output = Path.Combine(folder.Path, "plugin");

        var generate = CliRunner.Run("generate", "--signatures", file, "--output", output);
        generate.ExitCode.Should().Be(0, generate.Error);
        var plugin = Path.Combine(output, LuaPluginGeneratorFileName);
        var builtInOff = Signatures.Default.Versions.SelectMany(v => new[] { "-o", $"skypelogin.{LuaText.PreferenceName(v.Id)}:FALSE" }).ToList();
        var result = Tshark.Run(Real, plugin, PluginRun.TagFields, "skypelogin", builtInOff);

        result.ExitCode.Should().Be(0, result.StandardError);
        PluginRun.LuaComplaints(result.StandardError).Should().BeEmpty();
        var rows = result.Rows.Select(r => TagRow.Parse(r, "tshark")).Select(r => r with { Version = r.Version == "7.7.4" ? "7.7.3" : r.Version }).ToList();
        TagRows.Difference(TagRows.Read(new CaseFolder("real-skype-7.7.3").Expected), rows).Should().BeEmpty();
    }

    private const string LuaPluginGeneratorFileName = "skype_login.lua";

    private static string Learn(TempFolder folder)
    {
        var file = Path.Combine(folder.Path, "7.7.4.json");
        var learn = CliRunner.Run("learn", Real, "--as", "7.7.4", "--base", "7.7.3", "--emit", file);
        learn.ExitCode.Should().Be(0, learn.Error);
        learn.Error.Should().Contain($"wrote {file}");
        return file;
    }
}
