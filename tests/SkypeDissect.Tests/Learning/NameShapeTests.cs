using System.Text;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Learning;
using SkypeDissect.Model;

namespace SkypeDissect.Tests.Learning;

public sealed class NameShapeTests
{
    [Fact]
    public void Of_FivePartBuild_IsOneBuildThenTheRest()
    {
        var shape = NameShape.Of("335.0.7.7.3.rst11.r.skype.net");

        shape.Key.Should().Be("{build}.rst{n}.r.skype.net");
        shape.BuildPart!.Parts.Should().Equal("335", "0", "7", "7", "3");
        shape.Numbers.Select(n => n.Value).Should().Equal(11);
    }

    [Fact]
    public void Of_SameShapeAsTheBasePattern_HasTheSameKey()
    {
        NameShape.Of("dsn13.d.skype.net").Key.Should().Be(NameShape.KeyOf(new DomainPattern("dsn{0-17}.d.skype.net", Provenance.Decision("test"))));
        NameShape.Of("6.3.0.197.rst5.r.skype.net").Key.Should().Be(NameShape.KeyOf(new DomainPattern("{build}.rst{0-13}.r.skype.net", Provenance.Decision("test"))));
    }

    [Theory]
    [InlineData("db3msgr5011709.gateway.messenger.live.com", "db{n}msgr5011709.gateway.messenger.live.com")] // 7 digits: beyond the grammar
    [InlineData("dsn03.d.skype.net", "dsn03.d.skype.net")] // a leading zero is no number of the grammar
    [InlineData("e4593.g.akamaiedge.net", "e{n}.g.akamaiedge.net")]
    [InlineData("ui.skype.com", "ui.skype.com")]
    public void Of_KeepsWhatTheGrammarCannotHoldLiteral(string name, string key) => NameShape.Of(name).Key.Should().Be(key);

    [Fact]
    public void Propose_FivePartBuild_StaysInTheGrammar_AndMatchesOtherNamesOfTheFamily()
    {
        var pattern = DnsFamilies.Propose(
            [NameShape.Of("335.0.7.7.3.rst0.r.skype.net"), NameShape.Of("335.0.7.7.3.rst11.r.skype.net")],
            new DomainPattern("{build}.rst{0-13}.r.skype.net", Provenance.Decision("base")));

        pattern.Should().Be("{0-99999}.{build}.rst{0-13}.r.skype.net");
        var matcher = new DomainMatcher(new DomainPattern(pattern, Provenance.Decision("proposal")));
        foreach (var name in new[] { "335.0.7.7.3.rst0.r.skype.net", "335.0.7.7.3.rst13.r.skype.net", "336.0.7.8.104.rst5.r.skype.net" })
        {
            matcher.Matches(Encoding.ASCII.GetBytes(name)).Should().BeTrue(name);
        }

        matcher.Matches(Encoding.ASCII.GetBytes("335.0.7.7.3.rst14.r.skype.net")).Should().BeFalse("the index range stays the base's 0-13");
    }

    [Fact]
    public void Propose_WithoutBase_WidensANumberToItsDigitCount()
    {
        DnsFamilies.Propose([NameShape.Of("db3msgr5011709.gateway.messenger.live.com")], null)
            .Should().Be("db{0-9}msgr5011709.gateway.messenger.live.com");
    }
}
