using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;

namespace JugendLab.Tests.Naming;

public sealed class SlugTests
{
    [Theory]
    [InlineData("kiez-radio")]
    [InlineData("ab")]
    [InlineData("team2026")]
    [InlineData("a234567890123456789012345678901b")]
    public void Validate_GoodName_IsAccepted(string name) => Assert.Equal(name, Slug.Validate(name, NameKind.Project));

    [Theory]
    [InlineData("a")]
    [InlineData("2fast")]
    [InlineData("Kiez")]
    [InlineData("kiez_radio")]
    [InlineData("kiez-")]
    [InlineData("ki--ez")]
    [InlineData("a2345678901234567890123456789012x")]
    [InlineData("")]
    public void Validate_BadName_IsRefusedWithTheRules(string name)
    {
        var error = Assert.Throws<DomainException>(() => Slug.Validate(name, NameKind.Project));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("2-32", error.English);
        Assert.Contains("2–32", error.German);
    }

    [Theory]
    [InlineData("lab")]
    [InlineData("www")]
    [InlineData("admin")]
    [InlineData("api")]
    [InlineData("git")]
    [InlineData("matrix")]
    [InlineData("chat")]
    [InlineData("mail")]
    [InlineData("static")]
    [InlineData("status")]
    public void Validate_ReservedSubdomain_IsRefused(string name)
    {
        var error = Assert.Throws<DomainException>(() => Slug.Validate(name, NameKind.Team));
        Assert.Contains("reserved", error.English);
    }

    [Fact]
    public void Validate_TheNewTeamPage_IsNoTeamName_ButAProjectName()
    {
        Assert.Contains("reserved", Assert.Throws<DomainException>(() => Slug.Validate("neu", NameKind.Team)).English);
        Assert.Equal("neu", Slug.Validate("neu", NameKind.Project));
    }
}
