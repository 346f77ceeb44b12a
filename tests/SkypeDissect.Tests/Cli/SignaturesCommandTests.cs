using System.Text.Json;

namespace SkypeDissect.Tests.Cli;

public class SignaturesCommandTests
{
    [Fact]
    public void Signatures_Table_ShowsTable1AndLadder()
    {
        var r = CliRunner.Run("signatures", "--version", "6.3.0.197");
        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Contain("Client 6.3.0.197");
        r.Output.Should().MatchRegex(@"\n\s+111\.221\.74\s+12-34,37-38\s+25\s+Microsoft Hosting\s+Singapore\n");
        r.Output.Should().Contain("model uses: 111.221.74.12-34 and 111.221.74.37-38");
        r.Output.Should().Contain("udp-33033");
        r.Output.Should().Contain("tcp-443");
        r.Output.Should().Contain("login-dns");
        r.Output.Should().Contain("dsn{0-17}.d.skype.net (8 answered)");
        r.Output.Should().NotContain("Client 5.6.0.106");
    }

    [Fact]
    public void Signatures_Json_IsParseableWithPaperNumbers()
    {
        var r = CliRunner.Run("signatures", "--format", "json");
        r.ExitCode.Should().Be(0, r.Error);
        using var doc = JsonDocument.Parse(r.Output);
        var versions = doc.RootElement.GetProperty("versions");
        versions.GetArrayLength().Should().Be(3);
        var v = versions[0];
        v.GetProperty("id").GetString().Should().Be("6.3.0.197");
        var login = v.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "login-server");
        login.GetProperty("servers").GetInt32().Should().Be(225);
        login.GetProperty("domains")[0].GetProperty("names").GetInt32().Should().Be(18);
        var rule = v.GetProperty("rules").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "login-dns");
        rule.GetProperty("kind").GetString().Should().Be("dns-name");
        rule.GetProperty("provenance").GetProperty("source").GetString().Should().Be("paper");
        v.GetProperty("procedure").GetProperty("channelPorts").GetString().Should().Be("40001-40047");
    }

    [Fact]
    public void Signatures_UnknownVersion_IsUsageError()
    {
        var r = CliRunner.Run("signatures", "--version", "9.9");
        r.ExitCode.Should().Be(2);
        r.Error.Should().Be("skypedissect: unknown version '9.9'; known: 6.3.0.197, 5.6.0.106, 7.7.3\n");
        r.Output.Should().BeEmpty();
    }

    [Fact]
    public void Signatures_BadFormat_IsUsageError()
    {
        var r = CliRunner.Run("signatures", "--format", "xml");
        r.ExitCode.Should().Be(2);
    }
}
