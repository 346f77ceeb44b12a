using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Generator;

public class LuaTextTests
{
    [Theory]
    [InlineData("login-dns", "\"login-dns\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nbreak1", "\"line\\010break1\"")]
    [InlineData("é", "\"\\195\\169\"")]
    public void Quote_Text_GivesLuaLiteral(string text, string expected) => LuaText.Quote(text).Should().Be(expected);

    [Fact]
    public void Comment_MultiLineText_BecomesOneLine() => LuaText.Comment(" a\r\nb\tc ").Should().Be("a  b c");

    [Theory]
    [InlineData(120.0, "120")]
    [InlineData(0.5, "0.5")]
    [InlineData(10.25, "10.25")]
    public void Number_Double_IsInvariant(double value, string expected) => LuaText.Number(value).Should().Be(expected);

    [Fact]
    public void Snake_KindsAndGates_AreLowercaseWithUnderscores()
    {
        DnsNameRule.Descriptor.LuaName.Should().Be("dns_name");
        AfterLoginRule.Descriptor.LuaName.Should().Be("after_login");
        LuaText.Snake(Gate.LoginComplete).Should().Be("login_complete");
    }

    [Fact]
    public void PreferenceName_VersionId_IsAValidPreferenceName() =>
        LuaText.PreferenceName("6.3.0.197-Beta").Should().Be("enable_6_3_0_197_beta");
}
