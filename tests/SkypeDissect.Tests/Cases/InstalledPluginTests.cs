using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>
/// The plugin as a Wireshark user has it: installed with <c>skypedissect plugin install</c> into a fresh home
/// (where <c>tshark -G folders</c> says), then tshark run without <c>-X lua_script:</c>. What tshark shows is
/// checked as it shows it: the rows of <c>-T fields</c>, the tree of <c>-V</c>, <c>-G fields</c>, and the
/// summary of <c>-z skypelogin,summary</c>.
/// </summary>
public sealed class InstalledPluginTests : IDisposable
{
    private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("skypedissect-home-");

    public void Dispose() => home.Delete(recursive: true);

    [SkippableFact]
    public void PluginInstall_PutsThePluginWhereTsharkLooks_AndTsharkTagsTheExpectedFrames()
    {
        Install();
        foreach (var name in new[] { "login-normal", "all-blocked-retry-15s", "real-skype-7.7.3" })
        {
            var folder = new CaseFolder(name);
            var r = Tshark(["-n", "-r", folder.Capture, "-Y", "skypelogin", "-T", "fields", "-E", "separator=/t",
                .. PluginRun.TagFields.SelectMany(f => new[] { "-e", f }), .. PluginRun.Preferences(folder.Versions)]);

            r.ExitCode.Should().Be(0, r.Error);
            PluginRun.LuaComplaints(r.Error).Should().BeEmpty();
            var rows = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => TagRow.Parse(l.Split('\t'), name)).ToList();
            TagRows.Difference(TagRows.Read(folder.Expected), rows, folder.Describe()).Should().BeEmpty($"the installed plugin tags {name} as expected.tsv says");
        }
    }

    [SkippableFact]
    public void SummaryStatistic_WorksWithTheInstalledPlugin()
    {
        Install();

        var r = Tshark(["-n", "-r", new CaseFolder("login-normal").Capture, "-q", "-z", "skypelogin,summary"]);

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Split('\n').Should().StartWith(
        [
            "Skype login summary (skypelogin)",
            "Client 192.168.1.23: 104 frames, first 2013-06-05 10:00:00, last 2013-06-05 10:00:09 (8.241 s), versions 6.3.0.197",
            "  step 1: 20 frames  Check user name and password with the login server",
        ]);
        r.Output.Should().Contain("  step 8: 3 frames  Reach another client through a super node\n  events: Login complete\n");

        var one = Tshark(["-n", "-r", StraightToTheChannel(), "-q", "-z", "skypelogin,summary"]);
        one.Output.Should().Contain("\n  step 5: 1 frame  Get the latest Skype version\n", "one frame is '1 frame'");
    }

    [SkippableFact]
    public void SecondCopyOnTheCommandLine_StandsAside_WithOneLine_AndTheInstalledOneTags()
    {
        Install();
        var capture = new CaseFolder("login-normal").Capture;
        string[] fields = ["-n", "-r", capture, "-Y", "skypelogin", "-T", "fields", "-e", "frame.number", "-e", "skypelogin.rule"];

        var installed = Tshark(fields);
        var both = Tshark(["-X", "lua_script:" + RepoPaths.Plugin, .. fields]);

        both.ExitCode.Should().Be(0, both.Error);
        both.Output.Should().Be(installed.Output).And.NotBeEmpty();
        PluginRun.LuaComplaints(both.Error).Should().BeEmpty("a second load is no Lua error");
        both.Error.Split('\n').Where(l => l.StartsWith("skypelogin:", StringComparison.Ordinal)).Should().Equal(
            "skypelogin: this copy of the plugin is not loaded: a plugin named skypelogin already is (the installed one, see 'skypedissect plugin path'), and that one tags the frames");
    }

    [SkippableFact]
    public void SecondCopyOnTheCommandLine_AskedForTheSummary_HandsTheRequestToTheInstalledOne()
    {
        Install();
        var capture = new CaseFolder("login-normal").Capture;

        var statistic = Tshark(["-n", "-r", capture, "-q", "-z", "skypelogin,summary"]);
        var both = Tshark(["-n", "-r", capture, "-q", "-X", "lua_script:" + RepoPaths.Plugin, "-X", "lua_script1:summary"]);

        both.ExitCode.Should().Be(0, both.Error);
        both.Output.Should().Be(statistic.Output, "the README's -X lua_script1:summary still prints the summary once the plugin is installed");
        both.Output.Should().StartWith("Skype login summary (skypelogin)\n");
        PluginRun.LuaComplaints(both.Error).Should().BeEmpty();
    }

    [SkippableFact]
    public void SecondCopyOnTheCommandLine_AskedForTheSummary_OfAnInstalledCopyThatCannotTakeIt_SaysHowToGetIt()
    {
        Install();
        var installed = Path.Combine(home.FullName, ".local", "lib", "wireshark", "plugins", "skype_login.lua");
        // An older installed copy: one that offers nothing in package.loaded.
        File.WriteAllText(installed, File.ReadAllText(installed).Replace("package.loaded[\"skypelogin\"] =", "local older =", StringComparison.Ordinal));

        var both = Tshark(["-n", "-r", new CaseFolder("login-normal").Capture, "-q", "-X", "lua_script:" + RepoPaths.Plugin, "-X", "lua_script1:summary"]);

        both.ExitCode.Should().Be(0, both.Error);
        both.Output.Should().BeEmpty();
        both.Error.Split('\n').Where(l => l.StartsWith("skypelogin:", StringComparison.Ordinal)).Should().Equal(
            "skypelogin: this copy of the plugin is not loaded: a plugin named skypelogin already is (the installed one, see 'skypedissect plugin path'), and that one tags the frames; for its summary use -z skypelogin,summary");
    }

    [SkippableFact]
    public void Tree_ShowsEveryDerivedFieldAsGenerated_WithTheStepNameAndTheServersOwner()
    {
        Install();

        var r = Tshark(["-n", "-r", new CaseFolder("login-normal").Capture, "-V", "-Y", "frame.number == 36"]);

        r.ExitCode.Should().Be(0, r.Error);
        Tree(r.Output).Should().Equal(
            "Skype login, step 1 (login-server), rule login-learned, Skype 6.3.0.197",
            "    [Step: 1]",
            "    [Step name: Check user name and password with the login server]",
            "    [Server group: login-server]",
            "    [Rule: login-learned]",
            "    [Client version: 6.3.0.197]",
            "    [Client: 192.168.1.23]",
            "    [Server: 111.221.74.38]",
            "    [Server organisation: Microsoft Hosting]",
            "    [Server country: Singapore]",
            "    [Login round: 1]",
            "    [Fall-back stage: udp-33033]",
            "    [Expert Info (Chat/Sequence): Login complete]",
            "        [Login complete]",
            "        [Severity level: Chat]",
            "        [Group: Sequence]");
        File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Should().Contain(
            "```\n" + string.Join("\n", Tree(r.Output).Take(13)) + "\n```\n", "the README shows this tree");
    }

    [SkippableFact]
    public void Tree_OfALoginWithoutLadderAttempt_HasNoRoundZero_AndNoUnknownCountry()
    {
        Install();
        var capture = new CaseFolder("real-skype-7.7.3").Capture;

        // Frame 3 completes a login that went straight to the channel: no ladder round was started.
        var complete = Tree(Tshark(["-n", "-r", StraightToTheChannel(), "-V", "-Y", "frame.number == 3"]).Output);
        complete.Should().Contain("    [Expert Info (Chat/Sequence): Login complete]");
        complete.Should().NotContain(l => l.Contains("Login round", StringComparison.Ordinal));

        // The feedback servers' /21 is Skype's; the model knows no country for it ("-").
        var feedback = Tshark(["-n", "-r", capture, "-Y", "skypelogin.server.organisation == \"Skype (Microsoft)\"",
            "-T", "fields", "-e", "skypelogin.server.organisation", "-e", "skypelogin.server.country"]);
        var rows = feedback.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Should().NotBeEmpty().And.OnlyContain(l => l == "Skype (Microsoft)\t");
    }

    [SkippableFact]
    public void OneLineOutput_FiltersColumnsAndTaps_SeeTheTag_WhereTheTreeIsInvisible()
    {
        // Without -V or -T the tree is invisible: the plugin adds its protocol item on every tagged frame, but the
        // tag's fields only where something references skypelogin (TreeItem:referenced): a display filter, a custom
        // column, a tap's filter. Each must see what the -T fields rows (a visible tree) show, the protocol hierarchy
        // must count every tagged frame, and experts must reach the expert tap.
        Install();
        var folder = new CaseFolder("real-skype-7.7.3");
        var expected = TagRows.Read(folder.Expected);
        string[] prefs = [.. PluginRun.Preferences(folder.Versions)];
        var step1 = expected.Where(r => r.Step == 1).Select(r => r.Frame.ToString(CultureInfo.InvariantCulture)).ToList();
        step1.Should().NotBeEmpty();

        var filtered = Tshark(["-n", "-r", folder.Capture, "-Y", "skypelogin.step == 1", "-o", "gui.column.format:\"No.\",\"%m\"", .. prefs]);
        filtered.ExitCode.Should().Be(0, filtered.Error);
        filtered.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Should().Equal(step1,
            "a display filter on a field sees it in the one-line output");

        var columns = Tshark(["-n", "-r", folder.Capture, "-o", "gui.column.format:\"No.\",\"%m\",\"Rule\",\"%Cus:skypelogin.rule\"", .. prefs]);
        columns.ExitCode.Should().Be(0, columns.Error);
        columns.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length == 2).Select(c => $"{c[0]} {c[1]}")
            .Should().Equal(expected.Select(r => $"{r.Frame} {r.Rule}"), "a custom column shows the rule of every tagged frame");

        var io = Tshark(["-n", "-r", folder.Capture, "-q", "-z", "io,stat,0,skypelogin.step == 1", .. prefs]);
        io.ExitCode.Should().Be(0, io.Error);
        io.Output.Should().MatchRegex($@"\|\s*0\.0 <> [0-9.]+ \|\s*{step1.Count} \|", "a tap's filter counts the step 1 frames");

        // The protocol hierarchy counts the protocol's item, which Wireshark keeps at the top of an invisible tree.
        var phs = Tshark(["-n", "-r", folder.Capture, "-q", "-z", "io,phs", .. prefs]);
        phs.ExitCode.Should().Be(0, phs.Error);
        Regex.Matches(phs.Output, @"^\s*skypelogin\s+frames:(\d+) ", RegexOptions.Multiline)
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Should().Be(expected.Count, "the protocol hierarchy statistics count every tagged frame");

        var experts = Tshark(["-n", "-r", folder.Capture, "-q", "-z", "expert,chat", .. prefs]);
        experts.ExitCode.Should().Be(0, experts.Error);
        experts.Output.Should().MatchRegex(@"Sequence\s+SKYPELOGIN\s+Retry round 2\n",
            "an expert event reaches the expert tap though nothing references skypelogin");
    }

    [SkippableFact]
    public void FieldList_HasADescriptionForEveryField_ButTheExpertInfos()
    {
        Install();

        var r = Tshark(["-G", "fields"]);

        r.ExitCode.Should().Be(0, r.Error);
        var fields = r.Output.Split('\n').Select(l => l.Split('\t')).Where(c => c.Length >= 8 && c[0] == "F" && c[4] == "skypelogin").ToList();
        fields.Select(c => c[2]).Should().Equal(
            "skypelogin.step", "skypelogin.step_name", "skypelogin.group", "skypelogin.rule", "skypelogin.version", "skypelogin.client",
            "skypelogin.server", "skypelogin.server.organisation", "skypelogin.server.country", "skypelogin.round", "skypelogin.stage",
            "skypelogin.expert.fallback", "skypelogin.expert.retry", "skypelogin.expert.complete");
        fields.Where(c => !c[2].StartsWith("skypelogin.expert.", StringComparison.Ordinal)).Should().OnlyContain(c => c[7].Length > 10, "-G fields shows a description");
        // Expert infos are registered through Wireshark's expert API, which gives no field a description (Wireshark's
        // own, ip.bogus_ip_length for one, have none either); their name is the sentence the tree shows.
        fields.Where(c => c[2].StartsWith("skypelogin.expert.", StringComparison.Ordinal)).Should().OnlyContain(c => c[1].StartsWith("Login ", StringComparison.Ordinal));
    }

    /// <summary>The lines of the skypelogin tree in tshark -V output.</summary>
    /// <summary>
    /// A client that looks up the update server (frame 1, step 5's one frame) and connects to a login server's
    /// channel at once (2), which answers (3): no version is named, so the paper's first version reads it and its
    /// login completes on the answer, without a ladder round.
    /// </summary>
    private string StraightToTheChannel()
    {
        var path = Path.Combine(home.FullName, "straight-to-the-channel.pcap");
        File.WriteAllBytes(path, Analyzer.Pcap.Ethernet(
            Analyzer.Scenario.DnsQuery(0, "ui.skype.com"),
            Analyzer.Scenario.Tcp(1, Analyzer.Scenario.Client, 51229, Analyzer.Scenario.LoginServer, 40009, Analyzer.Packets.Syn),
            Analyzer.Scenario.Tcp(1.1, Analyzer.Scenario.LoginServer, 40009, Analyzer.Scenario.Client, 51229, Analyzer.Packets.SynAck, seq: 5000, ack: 1001)));
        return path;
    }

    private static List<string> Tree(string text) =>
        [.. text.Split('\n').SkipWhile(l => !l.StartsWith("Skype login", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0)];

    /// <summary>skypedissect plugin install with HOME pointing at the fresh home, as a user in a new account would run it.</summary>
    private void Install()
    {
        Support.Tshark.Require();
        var r = ToolProcess.Run(["plugin", "install"], environment: Environment());
        r.ExitCode.Should().Be(0, r.Error);
        var target = Path.Combine(home.FullName, ".local", "lib", "wireshark", "plugins", "skype_login.lua");
        r.Output.Should().StartWith($"installed {target}\n");
        File.ReadAllBytes(target).Should().Equal(File.ReadAllBytes(RepoPaths.Plugin));
    }

    private Dictionary<string, string> Environment() => new() { ["HOME"] = home.FullName, ["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, ".config") };

    private ToolProcess.Result Tshark(string[] args)
    {
        var psi = new ProcessStartInfo(Support.Tshark.Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (name, value) in Environment())
        {
            psi.Environment[name] = value;
        }

        psi.Environment.Remove("WIRESHARK_CONFIG_DIR");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        ToolProcess.Finish(p);
        return new ToolProcess.Result(p.ExitCode, output.Result, error.Result);
    }
}
