using System.Diagnostics;
using SkypeDissect.Generator;
using SkypeDissect.Generator.Emitters;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>The Lua rows of the payload-prefix and timed-fallback kinds and of {label}, and the plugin that uses them.</summary>
public sealed class NewKindEmitterTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-kinds-lua-");

    public void Dispose() => temp.Delete(recursive: true);

    private static Rule RuleOf(string id) => KindsTestModel.NewRules.Single(r => r.Id == id);

    [Fact]
    public void PayloadPrefix_BytesLengthAndAnyPort()
    {
        var row = LuaRuleEmitters.Emit(RuleOf("supernode-opener"));
        row.Settings.Select(s => $"{s.Name} = {s.Value}").Should().Equal("prefix_raw = \"\\022\\003\\001\\000\\000\"", "exact_length = 5", "any_port = true");
        row.HasEndpoints.Should().BeFalse();

        var withPort = LuaRuleEmitters.Emit(RuleOf("opener-443"));
        withPort.Settings.Select(s => $"{s.Name} = {s.Value}").Should().Equal("prefix_raw = \"\\128F\\001\\003\\001\"", "exact_length = nil", "any_port = false");
        withPort.Endpoints.Select(e => $"{e.Transport} {e.First}-{e.Last}").Should().Equal("tcp 443-443");
        withPort.PortsLua.Should().Be("{ udp = {}, tcp = { [443] = true } }");
    }

    [Fact]
    public void TimedFallback_AfterAndDelay()
    {
        var row = LuaRuleEmitters.Emit(RuleOf("feedback-fallback"));
        row.Settings.Select(s => $"{s.Name} = {s.Value}").Should().Equal("after = \"feedback-range\"", "max_delay = 3");
        LuaRuleEmitters.For(TimedFallbackRule.Descriptor).Marks(RuleOf("feedback-fallback")).Select(m => $"{m.RuleId}: {m.Setting.Name} = {m.Setting.Value}")
            .Should().Equal("feedback-range: opens_fallback = true");
        row.Endpoints.Select(e => e.First).Should().Equal(443);
    }

    [Fact]
    public void Label_IsAToken()
    {
        LuaRuleEmitters.Emit(RuleOf("gateway-dns")).Tokens.Select(t => t.TagLua + t.ArgumentsLua)
            .Should().Equal("\"label\"", "\"lit\", \".gateway.messenger.live.com\"");
        LuaRuleEmitters.Emit(RuleOf("gateway-dns")).Settings.Select(s => $"{s.Name} = {s.Value}")
            .Should().Equal("suffix = \".gateway.messenger.live.com\"");
    }

    [SkippableTheory]
    [InlineData("luac5.2")]
    [InlineData("luac5.4")]
    public void PluginWithTheNewKinds_Parses(string compiler)
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, compiler)).FirstOrDefault(File.Exists);
        Skip.If(exe is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), $"{compiler} is not installed");
        exe.Should().NotBeNull($"CI installs {compiler}");
        var plugin = Path.Combine(temp.FullName, LuaPluginGenerator.PluginFileName);
        File.WriteAllText(plugin, LuaPluginGenerator.Generate(KindsTestModel.Model)[LuaPluginGenerator.PluginFileName]);

        var psi = new ProcessStartInfo(exe!) { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-p");
        psi.ArgumentList.Add(plugin);
        using var p = Process.Start(psi)!;
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, errors);
    }
}
