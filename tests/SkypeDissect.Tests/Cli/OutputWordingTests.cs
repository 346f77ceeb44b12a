using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>
/// What people read: counts agree with their nouns, an unknown country is not printed as "-", a step seen
/// only in DNS says what was looked up, formats follow the modes, the help names its placeholders and states
/// each default once.
/// </summary>
public sealed class OutputWordingTests
{
    private static string Real => Path.Combine(RepoPaths.Data, "real", "skype-7.7.3-login-macos-2015.pcap");

    [Fact]
    public void Summary_OfTheRealCapture_ReadsRight()
    {
        var r = CliRunner.Run("analyze", Real);

        r.ExitCode.Should().Be(0, r.Error);
        var lines = r.Output.Split('\n');
        lines.Should().Contain(l => l.Contains("step 5 version-update 8 frames    DNS only: ui.skype.com", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("step 6 feedback       88 frames   91.190.218.125:12350/tcp (Skype (Microsoft)), ", StringComparison.Ordinal));
        lines.Should().Contain("  version: 7.7.3 (client says 335.0.7.7.3); frame 17: 335.0.7.7.3.rst11.r.skype.net; signatures of 6.3.0.197 matched 31 frames; signatures of 7.7.3 matched 1679 frames");
        r.Output.Should().NotContain(", -)").And.NotContain("(s)");
    }

    [Fact]
    public void SessionsJson_HasNoPlaceholderCountry_AndNamesTheDnsOnlyStep()
    {
        using var json = System.Text.Json.JsonDocument.Parse(CliRunner.Run("analyze", Real, "--sessions", "--format", "json").Output);
        var steps = json.RootElement[0].GetProperty("steps").EnumerateArray().ToList();

        var update = steps.Single(s => s.GetProperty("group").GetString() == "version-update");
        update.GetProperty("servers").GetArrayLength().Should().Be(0);
        update.GetProperty("names").EnumerateArray().Select(n => n.GetString()).Should().Equal("ui.skype.com");
        steps.SelectMany(s => s.GetProperty("servers").EnumerateArray()).Select(s => s.GetProperty("country"))
            .Should().NotContain(c => c.ValueKind == System.Text.Json.JsonValueKind.String && c.GetString() == "-");
    }

    [Fact]
    public void Learn_CountsWithTheirNouns()
    {
        var r = CliRunner.Run("learn", Real, "--as", "7.7.3", "--base", "6.3.0.197");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().MatchRegex(@"\n +apps\.skypeassets\.com +1 query +no answer\n").And.Contain("1 sample: too few").And.Contain("1 flow frame ");
        r.Output.Should().NotMatchRegex(@"\b1 (queries|flows|samples|frames)\b").And.NotContain("(s)");
    }

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(RepoPaths.Cases).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Learn_OfEachCase_CountsWithTheirNouns(string name)
    {
        var r = CliRunner.Run("learn", Path.Combine(RepoPaths.Cases, name, "capture.pcap"), "--as", "9.9.9");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().NotMatchRegex(@"\b1 (queries|flows|samples|frames|hosts|rounds|DNS messages)\b").And.NotContain("(s)");
        r.Output.Should().NotMatchRegex(@"\b(\d+)-\1 ", "a range of one value is that value");
    }

    [Fact]
    public void Sessions_WithoutFormat_IsTsv_LikeFrames()
    {
        var capture = Path.Combine(RepoPaths.Cases, "login-normal", "capture.pcap");

        CliRunner.Run("analyze", capture, "--sessions").Should().Be(CliRunner.Run("analyze", capture, "--sessions", "--format", "tsv"));
        CliRunner.Run("analyze", capture, "--sessions").Output.Should().StartWith("client\tstart\toutcome\t");
    }

    public static TheoryData<string> Commands() => ["", "signatures", "generate", "plugin", "plugin path", "plugin install", "analyze", "capture", "learn", "report", "export"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_NamesItsPlaceholders_AndStatesEachDefaultOnce(string command)
    {
        var r = CliRunner.Run([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        r.ExitCode.Should().Be(0, r.Error);
        // Placeholders in capitals (CAPTURE, VERSION, N, ...) or the list of values; never the option's own name.
        r.Output.Should().NotMatchRegex(@"(?m)^\s+(-\w, )?--[\w-]+ <[a-z][\w-]*>", "an option's value is named in capitals or by its values");
        r.Output.Should().NotMatchRegex(@"(?m)^\s+<[a-z][\w-]*>", "an argument is named in capitals");
        r.Output.Should().NotMatchRegex(@"(?m)^  skypedissect .*<[a-z]", "the usage line names arguments in capitals");
        r.Output.Should().NotMatchRegex(@"\(default: ([^)]*)\)\.? \[default: \1\]");
        r.Output.Should().NotContain("System.");
    }
}
