using System.Text;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Analyzer;

public class DomainMatcherTests
{
    private static bool Matches(string pattern, string name) =>
        new DomainMatcher(new DomainPattern(pattern, Provenance.Decision("test"))).Matches(Encoding.ASCII.GetBytes(name));

    [Theory]
    [InlineData("dsn0.d.skype.net", true)]
    [InlineData("dsn17.d.skype.net", true)]
    [InlineData("dsn18.d.skype.net", false)]
    [InlineData("dsn01.d.skype.net", false)]
    [InlineData("dsn.d.skype.net", false)]
    [InlineData("dsn1.d.skype.net.evil.com", false)]
    [InlineData("xdsn1.d.skype.net", false)]
    public void NumberRange(string name, bool expected) => Matches("dsn{0-17}.d.skype.net", name).Should().Be(expected);

    [Theory]
    [InlineData("166.0.10.5.rst0.r.skype.net", true)]
    [InlineData("6.3.rst13.r.skype.net", true)]
    [InlineData("6.3.0.197.rst13.r.skype.net", true)]
    [InlineData("007.3.rst1.r.skype.net", true)]
    [InlineData("6.rst1.r.skype.net", false)]
    [InlineData("1.2.3.4.5.rst1.r.skype.net", false)]
    [InlineData("123456.3.rst1.r.skype.net", false)]
    [InlineData("6.3.rst14.r.skype.net", false)]
    public void Build(string name, bool expected) => Matches("{build}.rst{0-13}.r.skype.net", name).Should().Be(expected);

    [Theory]
    [InlineData("s.gateway.messenger.live.com", true)]
    [InlineData("db3msgr5011709.gateway.messenger.live.com", true)]
    [InlineData("*.gateway.messenger.live.com", true)]
    [InlineData("_a-b.gateway.messenger.live.com", true)]
    [InlineData("a.b.gateway.messenger.live.com", false)]
    [InlineData(".gateway.messenger.live.com", false)]
    [InlineData("gateway.messenger.live.com", false)]
    [InlineData("a*.gateway.messenger.live.com", false)]
    [InlineData("**.gateway.messenger.live.com", false)]
    [InlineData("a b.gateway.messenger.live.com", false)]
    [InlineData("s.gateway.messenger.live.com.evil", false)]
    public void Label(string name, bool expected) => Matches("{label}.gateway.messenger.live.com", name).Should().Be(expected);

    [Fact]
    public void Label_63CharactersAtMost()
    {
        Matches("{label}.x.net", new string('a', 63) + ".x.net").Should().BeTrue();
        Matches("{label}.x.net", new string('a', 64) + ".x.net").Should().BeFalse();
        Matches("x.{label}", "x." + new string('7', 63)).Should().BeTrue("a label at the end of the name");
        Matches("x.{label}", "x.a.b").Should().BeFalse();
    }

    [Fact]
    public void Literal_IsCaseInsensitiveThroughLowercasedInput()
    {
        Matches("UI.Skype.com", "ui.skype.com").Should().BeTrue();
    }

    [Fact]
    public void NumberFollowedByDigits_TriesEverySplit()
    {
        Matches("a{0-9}9.net", "a59.net").Should().BeTrue();
        Matches("a{0-9}9.net", "a5.net").Should().BeFalse();
    }
}
