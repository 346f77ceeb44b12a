using SkypeDissect.Cli.Commands;

namespace SkypeDissect.Tests.Cli;

public sealed class PluginCommandTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-plugin-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void ParseFolders_ReadsPersonalLuaPlugins()
    {
        const string text = "Temp:                \t/tmp\nPersonal Plugins:    \t/home/u/.local/lib/wireshark/plugins/4.0\n" +
                            "Personal Lua Plugins:\t/home/u/.local/lib/wireshark/plugins\nGlobal Lua Plugins:  \t/usr/lib/wireshark/plugins\n";
        PluginCommand.ParseFolders(text).Should().Be("/home/u/.local/lib/wireshark/plugins");
    }

    [Fact]
    public void ParseFolders_NoSuchLine_IsNull()
    {
        PluginCommand.ParseFolders("Temp: /tmp\n").Should().BeNull();
    }

    [SkippableFact]
    public void PluginPathAndInstall_WithoutTsharkOnPath_UseWiresharksDefault_AndSaySo()
    {
        Skip.If(OperatingSystem.IsWindows(), "the default folder checked is the Unix one");
        var home = Path.Combine(dir.FullName, "home");
        var empty = Directory.CreateDirectory(Path.Combine(dir.FullName, "empty-path")).FullName;
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["PATH"] = empty };
        var target = Path.Combine(home, ".local", "lib", "wireshark", "plugins", "skype_login.lua");

        var path = Support.ToolProcess.Run(["plugin", "path"], environment: environment);
        path.ExitCode.Should().Be(0, path.Error);
        path.Output.Should().Be(target + "\n");
        path.Error.Should().Be("skypedissect: folder from Wireshark's default (tshark: not found)\n");

        var install = Support.ToolProcess.Run(["plugin", "install"], environment: environment);
        install.ExitCode.Should().Be(0, install.Error);
        install.Error.Should().Be("skypedissect: folder from Wireshark's default (tshark: not found)\n");
        install.Output.Should().StartWith($"installed {target}\n");
        File.Exists(target).Should().BeTrue();
    }

    [Fact]
    public void PluginInstall_NamedTsharkMissing_WritesNothing()
    {
        var home = Path.Combine(dir.FullName, "home");
        var r = Support.ToolProcess.Run(["plugin", "install", "--tshark", Path.Combine(dir.FullName, "no-such-tshark")], environment: new Dictionary<string, string> { ["HOME"] = home });

        r.ExitCode.Should().Be(5);
        r.Output.Should().BeEmpty();
        r.Error.Should().Be($"skypedissect: --tshark {Path.Combine(dir.FullName, "no-such-tshark")}: not found\n");
        Directory.Exists(home).Should().BeFalse("nothing was written to the default folder");
    }

    [SkippableFact]
    public void PluginInstall_WritesWhereTsharkSays_AndNothingElse()
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in tshark is a shell script");
        // A stand-in tshark that answers -G folders the way Wireshark 4.0 does.
        var target = Path.Combine(dir.FullName, "lua plugins");
        var fake = Path.Combine(dir.FullName, "tshark");
        File.WriteAllText(fake, $"#!/bin/sh\nprintf 'Temp:\\t/tmp\\nPersonal Lua Plugins:\\t{target}\\n'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        CliRunner.Run("plugin", "path", "--tshark", fake).Output.Trim().Should().Be(Path.Combine(target, "skype_login.lua"));
        var r = CliRunner.Run("plugin", "install", "--tshark", fake);
        r.ExitCode.Should().Be(0, r.Error);
        Directory.GetFiles(target).Select(Path.GetFileName).Should().Equal("skype_login.lua");
        File.ReadAllBytes(Path.Combine(target, "skype_login.lua"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(Support.RepoPaths.Generated, "skype_login.lua")));
    }
}
