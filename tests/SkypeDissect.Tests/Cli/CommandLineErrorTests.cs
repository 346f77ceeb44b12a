using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>
/// Every error a user can provoke from the command line (README, exit codes): exactly one line on standard
/// error, the documented exit code, and nothing on standard output that a script could take for a result.
/// {capture}, {dir}, {missing}, {text}, {empty} and {gz} stand for files made per test.
/// </summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-errors-");

    public CommandLineErrorTests()
    {
        File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not a capture\n");
        File.WriteAllBytes(Path.Combine(dir.FullName, "empty.pcap"), []);
        File.WriteAllBytes(Path.Combine(dir.FullName, "damaged.pcap.gz"), [0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x03, 0x01, 0x02, 0x03, 0x04, 0x05]);
        // A stand-in tshark whose personal plugin folder lies under a file, so it cannot be created.
        var fake = Path.Combine(dir.FullName, "fake-tshark");
        File.WriteAllText(fake, $"#!/bin/sh\nprintf 'Personal Lua Plugins:\\t{Path.Combine(dir.FullName, "notes.txt", "plugins")}\\n'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => dir.Delete(recursive: true);

    public static TheoryData<string, int, string> Errors() => new()
    {
        // Usage errors of the command-line layer (exit 2), each one line with where the help is.
        { "", 2, "skypedissect: no command given: signatures, generate, plugin, analyze, capture, learn, report or export (see skypedissect --help)" },
        { "analyz {capture}", 2, "skypedissect: unknown command 'analyz'; did you mean 'analyze'? (see skypedissect --help)" },
        { "frobnicate", 2, "skypedissect: unknown command 'frobnicate' (see skypedissect --help)" },
        { "--bogus", 2, "skypedissect: unknown option '--bogus' (see skypedissect --help)" },
        { "plugin", 2, "skypedissect: plugin needs a command: path or install (see skypedissect plugin --help)" },
        { "plugin remove", 2, "skypedissect: unknown command 'remove' (see skypedissect plugin --help)" },
        { "analyze", 2, "skypedissect: analyze needs CAPTURE|DIR|- (see skypedissect analyze --help)" },
        { "analyze {capture} --format xml", 2, "skypedissect: --format must be table, tsv, csv or json, not 'xml' (see skypedissect analyze --help)" },
        { "analyze {capture} --format", 2, "skypedissect: --format needs a value (table|tsv|csv|json) (see skypedissect analyze --help)" },
        { "analyze {capture} --jobs abc", 2, "skypedissect: --jobs must be a whole number of at least 1, not 'abc' (see skypedissect analyze --help)" },
        { "analyze {capture} --jobs 0", 2, "skypedissect: --jobs must be a whole number of at least 1, not '0' (see skypedissect analyze --help)" },
        { "analyze {capture} --fromat json", 2, "skypedissect: unknown option '--fromat'; did you mean '--format'? (see skypedissect analyze --help)" },
        { "analyze --bogus {capture}", 2, "skypedissect: unknown option '--bogus' (see skypedissect analyze --help)" },
        { "analyze {capture} --frames --sessions", 2, "skypedissect: --frames and --sessions exclude each other" },
        { "analyze {capture} --frames --format table", 2, "skypedissect: --format table is the summary for people (without --frames and --sessions); --frames writes tsv, csv or json" },
        { "analyze {capture} --sessions --format table", 2, "skypedissect: --format table is the summary for people (without --frames and --sessions); --sessions writes tsv, csv or json" },
        { "analyze {capture} --versions 1.2.3", 2, "skypedissect: unknown version '1.2.3'; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "analyze {capture} --versions ,", 2, "skypedissect: unknown version ''; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "report {capture} --output {dir}/r.html --versions ,", 2, "skypedissect: unknown version ''; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "export bpf --versions ,", 2, "skypedissect: unknown version ''; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "capture -i lo --duration 1 --versions ,", 2, "skypedissect: unknown version ''; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "analyze - -", 2, "skypedissect: standard input (-) can be read only once" },
        { "signatures extra", 2, "skypedissect: unexpected argument 'extra' (see skypedissect signatures --help)" },
        { "signatures --format xml", 2, "skypedissect: --format must be table or json, not 'xml' (see skypedissect signatures --help)" },
        { "signatures --version 9.9", 2, "skypedissect: unknown version '9.9'; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "generate --output", 2, "skypedissect: --output needs a value (DIR) (see skypedissect generate --help)" },
        { "learn", 2, "skypedissect: learn needs CAPTURE (see skypedissect learn --help)" },
        { "learn {capture}", 2, "skypedissect: learn needs --as VERSION (see skypedissect learn --help)" },
        { "learn {capture} {capture} --as 7.7.3", 2, "skypedissect: {capture} is given twice; each capture counts once" },
        { "learn {capture} --as seven", 2, "skypedissect: --as 'seven' is not a version: two to four dot-separated numbers, like 7.7.3" },
        { "learn {capture} --as 7.7.3 --base 9.9", 2, "skypedissect: unknown version '9.9'; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "learn {capture} --as 7.7.3 --format xml", 2, "skypedissect: --format must be table or json, not 'xml' (see skypedissect learn --help)" },
        { "analyze {capture} --signatures", 2, "skypedissect: --signatures needs a value (FILE|DIR) (see skypedissect analyze --help)" },
        { "report", 2, "skypedissect: report needs CAPTURE|DIR|- (see skypedissect report --help)" },
        { "report {capture}", 2, "skypedissect: report needs --output FILE.html (see skypedissect report --help)" },
        { "report {capture} --output {dir}/r.html --versions 9.9", 2, "skypedissect: unknown version '9.9'; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "report - - --output {dir}/r.html", 2, "skypedissect: standard input (-) can be read only once" },
        { "export", 2, "skypedissect: export needs ndpi|bpf|colors (see skypedissect export --help)" },
        { "export xml", 2, "skypedissect: FORMAT must be ndpi, bpf or colors, not 'xml' (see skypedissect export --help)" },
        { "export ndpi --no-vlan", 2, "skypedissect: --no-vlan applies to export bpf only" },
        { "export ndpi --versions 9.9", 2, "skypedissect: unknown version '9.9'; known: 6.3.0.197, 5.6.0.106, 7.7.3" },
        { "capture", 2, "skypedissect: capture needs --interface NAME (see skypedissect capture --help)" },
        { "capture -i lo --duration abc", 2, "skypedissect: --duration must be a number of seconds above 0 and at most 2000000 (without it, capture runs until Ctrl+C), not 'abc' (see skypedissect capture --help)" },
        { "capture -i lo --duration 0", 2, "skypedissect: --duration must be a number of seconds above 0 and at most 2000000 (without it, capture runs until Ctrl+C), not 0" },
        { "capture -i lo --frames --sessions", 2, "skypedissect: --frames and --sessions exclude each other" },
        { "capture -i lo --frames --format table", 2, "skypedissect: --format table is the summary for people (without --frames and --sessions); --frames writes tsv, csv or json" },

        // Inputs that cannot be read (exit 3): nothing on standard output, not even "0 login sessions".
        { "analyze {missing}", 3, "skypedissect: {missing}: cannot read: no such file" },
        { "analyze {missing} --frames", 3, "skypedissect: {missing}: cannot read: no such file" },
        { "analyze {missing} --sessions --format json", 3, "skypedissect: {missing}: cannot read: no such file" },
        { "analyze {dir}/none", 3, "skypedissect: {dir}/none: cannot read: no such file" },
        { "analyze {text}", 3, "skypedissect: {text}: at byte offset 0: not a pcap or pcapng file (magic 0x20746f6e)" },
        { "analyze {empty}", 3, "skypedissect: {empty}: at byte offset 0: the file is empty" },
        { "analyze {gz} --frames", 3, "skypedissect: {gz}: the gzip data is damaged (The archive entry was compressed using an unsupported compression method)" },
        { "report {missing} --output {dir}/r.html", 3, "skypedissect: {missing}: cannot read: no such file" },
        { "report {text} --output {dir}/r.html", 3, "skypedissect: {text}: at byte offset 0: not a pcap or pcapng file (magic 0x20746f6e)" },
        { "learn {missing} --as 7.7.3", 3, "skypedissect: {missing}: cannot read: no such file" },
        { "analyze {capture} --signatures {missing}", 3, "skypedissect: {missing}: cannot read: no such file or directory" },
        { "learn {dir} --as 7.7.3", 3, "skypedissect: {dir}: is a directory, not a capture file" },
        { "learn {empty} --as 7.7.3", 3, "skypedissect: {empty}: at byte offset 0: the file is empty" },

        // The environment (exit 5): a program named on the command line that cannot be run.
        { "plugin install --tshark {missing}", 5, "skypedissect: --tshark {missing}: not found" },
        { "plugin path --tshark {dir}", 5, "skypedissect: --tshark {dir}: is a directory, not a program" },
        { "plugin path --tshark {text}", 5, "skypedissect: --tshark {text}: cannot be run: permission denied" },
        { "plugin install --tshark {fake}", 5, "skypedissect: cannot write {text}/plugins/skype_login.lua: no such folder" },
        { "generate --output {text}/sub", 5, "skypedissect: cannot write into {text}/sub: no such folder" },
        { "export ndpi --output {text}/sub/x.protos", 5, "skypedissect: cannot write {text}/sub/x.protos: no such folder" },
        { "report {capture} --output {text}/sub/r.html", 5, "skypedissect: cannot write {text}/sub/r.html: no such folder" },
        { "report {capture} --output {dir}", 5, "skypedissect: cannot write {dir}: is a directory" },
        { "export ndpi --output {dir}", 5, "skypedissect: cannot write {dir}: is a directory" },
        { "learn {capture} --as 9.9.9 --emit {dir}", 5, "skypedissect: cannot emit to {dir}: is a directory" },
        { "learn {capture} --as 9.9.9 --emit {text}/sub/x.json", 5, "skypedissect: cannot emit to {text}/sub/x.json: folder {text}/sub does not exist (run from the repository root or give a path)" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Error_IsOneLineOnStandardError_WithItsExitCode_AndNothingOnStandardOutput(string args, int code, string message)
    {
        var r = CliRunner.Run(Words(args));

        r.ExitCode.Should().Be(code, r.Error);
        r.Error.Should().Be(Fill(message) + "\n");
        r.Output.Should().BeEmpty();
    }

    [Fact]
    public void Report_OfInputsNoneOfWhichCouldBeRead_WritesNoFile()
    {
        var html = Path.Combine(dir.FullName, "r.html");
        var r = CliRunner.Run("report", Fill("{missing}"), Fill("{empty}"), "--output", html);

        r.ExitCode.Should().Be(3);
        r.Output.Should().BeEmpty();
        File.Exists(html).Should().BeFalse("a report of nothing read would read as captures without logins");
    }

    [Fact]
    public void Report_LeavesOutTheInputsOfWhichNothingWasRead()
    {
        var capture = Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap");
        var alone = Path.Combine(dir.FullName, "alone.html");
        var mixed = Path.Combine(dir.FullName, "mixed.html");
        CliRunner.Run("report", capture, "--output", alone).ExitCode.Should().Be(0);

        var r = CliRunner.Run("report", Fill("{missing}"), capture, Fill("{text}"), "--output", mixed);

        r.ExitCode.Should().Be(3);
        r.Output.Should().Be($"wrote {mixed}\n");
        r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            Fill("skypedissect: {missing}: cannot read: no such file"),
            Fill("skypedissect: {text}: at byte offset 0: not a pcap or pcapng file (magic 0x20746f6e)"));
        File.ReadAllText(mixed).Should().Be(File.ReadAllText(alone));
    }

    [Fact]
    public void SeveralInputs_TheUnreadOnesAddNothingToStandardOutput()
    {
        var capture = Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap");
        var alone = CliRunner.Run("analyze", capture, "--frames", "--format", "json");
        var r = CliRunner.Run("analyze", Fill("{missing}"), capture, Fill("{text}"), "--frames", "--format", "json");

        r.ExitCode.Should().Be(3);
        r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            Fill("skypedissect: {missing}: cannot read: no such file"),
            Fill("skypedissect: {text}: at byte offset 0: not a pcap or pcapng file (magic 0x20746f6e)"),
            "skypedissect: 2 of 3 inputs could not be read completely (see above)");
        using var json = System.Text.Json.JsonDocument.Parse(r.Output);
        json.RootElement.EnumerateArray().Select(e => e.GetProperty("file").GetString()).Distinct().Should().Equal(capture);
        json.RootElement.GetArrayLength().Should().Be(System.Text.Json.JsonDocument.Parse(alone.Output).RootElement.GetArrayLength());
    }

    private string[] Words(string args) => args.Length == 0 ? [] : [.. args.Split(' ').Select(Fill)];

    private string Fill(string text) => text
        .Replace("{capture}", Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap"), StringComparison.Ordinal)
        .Replace("{missing}", Path.Combine(dir.FullName, "none.pcap"), StringComparison.Ordinal)
        .Replace("{text}", Path.Combine(dir.FullName, "notes.txt"), StringComparison.Ordinal)
        .Replace("{empty}", Path.Combine(dir.FullName, "empty.pcap"), StringComparison.Ordinal)
        .Replace("{gz}", Path.Combine(dir.FullName, "damaged.pcap.gz"), StringComparison.Ordinal)
        .Replace("{fake}", Path.Combine(dir.FullName, "fake-tshark"), StringComparison.Ordinal)
        .Replace("{dir}", dir.FullName, StringComparison.Ordinal);
}
