using SkypeDissect.Model;

namespace SkypeDissect.Tests.Model;

public class DomainPatternTests
{
    [Fact]
    public void Parse_NumberAndLiterals()
    {
        DomainToken.Parse("dsn{0-17}.d.skype.net").Should().Equal(
            new DomainToken.Literal("dsn"), new DomainToken.Number(0, 17), new DomainToken.Literal(".d.skype.net"));
    }

    [Fact]
    public void Parse_BuildPrefix()
    {
        DomainToken.Parse("{build}.rst{0-13}.r.skype.net").Should().Equal(
            new DomainToken.Build(), new DomainToken.Literal(".rst"), new DomainToken.Number(0, 13), new DomainToken.Literal(".r.skype.net"));
    }

    [Fact]
    public void Parse_Label_WholeLabelAtStartMiddleOrEnd()
    {
        DomainToken.Parse("{label}.gateway.messenger.live.com").Should().Equal(
            new DomainToken.Label(), new DomainToken.Literal(".gateway.messenger.live.com"));
        DomainToken.Parse("a.{label}.b").Should().Equal(new DomainToken.Literal("a."), new DomainToken.Label(), new DomainToken.Literal(".b"));
        DomainToken.Parse("{label}").Should().Equal(new DomainToken.Label());
        DomainToken.Parse("{build}.{label}").Should().Equal(new DomainToken.Build(), new DomainToken.Literal("."), new DomainToken.Label());
        new DomainPattern("{label}.x{0-9}.net", Provenance.FromPaper("t")).NameCount.Should().Be(10);
    }

    [Theory]
    [InlineData("db{label}.net")]
    [InlineData("{label}db.net")]
    public void Parse_LabelNotWhole_Throws(string pattern)
    {
        var act = () => DomainToken.Parse(pattern);
        act.Should().Throw<FormatException>().WithMessage("{label} must be a whole label: between dots or at an end of the name");
    }

    [Fact]
    public void Parse_Lowercases()
    {
        DomainToken.Parse("UI.Skype.COM").Should().Equal(new DomainToken.Literal("ui.skype.com"));
    }

    [Theory]
    [InlineData("dsn{0-17", "unclosed '{' at 3")]
    [InlineData("dsn}.net", "unmatched '}' at 3")]
    [InlineData("{x}.net", "placeholder {x} at 0 is none of {build}, {label}, {min-max}")]
    [InlineData("{0-9}{0-9}.net", "placeholder at 5 must be separated from the previous one by literal text")]
    [InlineData("a b.net", "character ' ' at 1 is not allowed in a domain pattern")]
    [InlineData("", "empty pattern")]
    public void Parse_Malformed_SaysWhere(string pattern, string message)
    {
        var act = () => DomainToken.Parse(pattern);
        act.Should().Throw<FormatException>().WithMessage(message);
    }
}
