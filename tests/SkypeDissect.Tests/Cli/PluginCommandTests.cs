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

    [Fact]
    public void PluginPath_WithoutTshark_UsesWiresharksDefault()
    {
        var r = CliRunner.Run("plugin", "path", "--tshark", Path.Combine(dir.FullName, "no-such-tshark"));
        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Trim().Should().Be(Path.Combine(PluginCommand.DefaultFolder(), "skype_login.lua"));
        r.Error.Should().Contain("Wireshark's default");
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
