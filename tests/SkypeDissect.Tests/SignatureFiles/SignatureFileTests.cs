using SkypeDissect.Analyzer;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Generator;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.SignatureFiles;

/// <summary>
/// Signature files: the JSON of <c>signatures --format json</c> read back. Every built-in version written and read
/// gives the same JSON, the same plugin byte for byte and the same tags on every case; a bad file is refused
/// with the path of each problem inside it (exit 4).
/// </summary>
public sealed class SignatureFileTests
{
    public static TheoryData<string> Versions()
    {
        var data = new TheoryData<string>();
        foreach (var v in Signatures.Default.Versions)
        {
            data.Add(v.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void RoundTrip_OfABuiltInVersion_WritesTheSameJsonAgain(string id)
    {
        var json = ModelJson.Render([Signatures.Default.Version(id)!]);

        var read = ModelJsonReader.Read(json);

        read.Problems.Should().BeEmpty();
        read.Versions.Should().ContainSingle().Which.Id.Should().Be(id);
        ModelJson.Render(read.Versions).Should().Be(json);
    }

    [Fact]
    public void RoundTrip_OfTheWholeModel_GeneratesTheCommittedPluginByteForByte()
    {
        var read = ModelJsonReader.Read(ModelJson.Render(Signatures.Default.Versions));
        var model = new SignatureModel(read.Versions);

        ModelValidator.Validate(model).Should().BeEmpty();
        LuaPluginGenerator.Generate(model)[LuaPluginGenerator.PluginFileName]
            .Should().Be(File.ReadAllText(RepoPaths.Plugin), "a plugin generated from the file is the committed one, so tshark tags as it does");
    }

    [Theory]
    [MemberData(nameof(CaseFolder.Names), MemberType = typeof(CaseFolder))]
    public void RoundTrip_OfTheWholeModel_TagsEveryCaseAsTheBuiltInModel(string name)
    {
        var folder = new CaseFolder(name);
        var model = new SignatureModel(ModelJsonReader.Read(ModelJson.Render(Signatures.Default.Versions)).Versions);
        var options = new TagOptions { EnabledVersions = folder.Versions };

        TagRows.Difference(Tags(folder.Capture, Signatures.Default, options), Tags(folder.Capture, model, options)).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_WithAFileRepeatingABuiltInVersion_IsRefusedWithExitFour()
    {
        using var folder = new TempFolder();
        var file = folder.Write("dup.json", ModelJson.Render([Signatures.Default.Version("7.7.3")!]));

        var run = CliRunner.Run("analyze", CaseCapture("login-normal"), "--signatures", file);

        run.ExitCode.Should().Be(4);
        run.Output.Should().BeEmpty();
        run.Error.Should().Be(
            $"skypedissect: invalid signature file: {file}: versions[7.7.3]: version id is not unique (a built-in version has this id: give the file's version another)\n"
            + "skypedissect: 1 problem in the signature files; nothing was done\n");
    }

    [Fact]
    public void Analyze_WithAnInvalidRule_NamesItsPathInTheFile()
    {
        using var folder = new TempFolder();
        var json = ModelJson.Render([Renamed(Signatures.Default.Version("7.7.3")!, "7.7.4")]).Replace("\"step\": 1,", "\"step\": 9,", StringComparison.Ordinal);
        var file = folder.Write("bad.json", json);

        var run = CliRunner.Run("analyze", CaseCapture("login-normal"), "--signatures", file);

        run.ExitCode.Should().Be(4);
        run.Error.Should().Contain($"skypedissect: invalid signature file: {file}: versions[7.7.4].rules[login-dns].step: 9 is not a step of Fig. 1 (1-8)\n");
    }

    [Theory]
    [InlineData("\"gate\": \"none\"", "\"gate\": \"sometimes\"", "versions[0].rules[0].gate: unknown gate 'sometimes'; known: none, login-seen, login-complete, channel-seen")]
    [InlineData("\"kind\": \"dns-name\"", "\"kind\": \"dns-answer\"", "versions[0].rules[0].kind: unknown kind 'dns-answer'")]
    [InlineData("\"ports\": \"33033\"", "\"ports\": \"33033+\"", ".ports: '33033+' is not a port or a port range like 40001-40047")]
    [InlineData("\"learnedFrom\": \"login-dns\",", "", ".learnedFrom: is missing")]
    [InlineData("{\n  \"versions\"", "{\n  \"versions\" 1", "line 2, byte 14: not valid JSON")]
    public void Analyze_WithAFileOfTheWrongShape_NamesThePathOfTheProblem(string from, string to, string message)
    {
        using var folder = new TempFolder();
        var json = ModelJson.Render([Renamed(Signatures.Default.Version("7.7.3")!, "7.7.4")]);
        json.Should().Contain(from);
        var file = folder.Write("shape.json", ReplaceFirst(json, from, to));

        var run = CliRunner.Run("analyze", CaseCapture("login-normal"), "--signatures", file);

        run.ExitCode.Should().Be(4);
        run.Error.Should().StartWith($"skypedissect: invalid signature file: {file}: ").And.Contain(message);
    }

    [Fact]
    public void Analyze_WithAMissingFileOrAFolderWithoutJson_ExitsWithThree()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.json");

        CliRunner.Run("analyze", CaseCapture("login-normal"), "--signatures", missing).Should().Be(
            new CliRunner.Result(3, "", $"skypedissect: {missing}: cannot read: no such file or directory\n"));
        CliRunner.Run("analyze", CaseCapture("login-normal"), "--signatures", folder.Path).Should().Be(
            new CliRunner.Result(3, "", $"skypedissect: {folder.Path}: is a directory without signature files (*.json)\n"));
    }

    [Fact]
    public void Generate_WithSignatures_NeedsAnOutputFolder()
    {
        using var folder = new TempFolder();
        var file = folder.Write("v.json", ModelJson.Render([Renamed(Signatures.Default.Version("7.7.3")!, "7.7.4")]));

        var run = CliRunner.Run("generate", "--signatures", file);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Be("skypedissect: generate --signatures needs --output DIR (generated/ holds the built-in versions' plugin)\n");
    }

    internal static ClientVersion Renamed(ClientVersion v, string id) => v with { Id = id };

    internal static string CaseCapture(string name) => new CaseFolder(name).Capture;

    internal static IReadOnlyList<TagRow> Tags(string capture, SignatureModel model, TagOptions options)
    {
        using var stream = File.OpenRead(capture);
        return [.. CaptureTagger.Tag(stream, model, options).Select(t => new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version))];
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var i = text.IndexOf(from, StringComparison.Ordinal);
        return text[..i] + to + text[(i + from.Length)..];
    }
}

/// <summary>A temporary folder removed at the end of a test.</summary>
public sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("skypedissect-signatures-");

    public string Path => folder.FullName;

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => folder.Delete(recursive: true);
}
