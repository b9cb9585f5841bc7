using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Tests.Notices;

public sealed class MatrixUserIdsTests
{
    [Theory]
    [InlineData("@mia:lab.example.org", "@mia:lab.example.org")]
    [InlineData("mia:lab.example.org", "@mia:lab.example.org")]
    [InlineData("  @Mia:Lab.Example.org ", "@mia:lab.example.org")]
    [InlineData("@kiez_radio-2:matrix.org", "@kiez_radio-2:matrix.org")]
    [InlineData("@mia:localhost:8448", "@mia:localhost:8448")]
    public void MatrixIds_AreAccepted_AndLowerCased(string input, string stored) => Assert.Equal(stored, MatrixUserIds.Validate(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_Unlinks(string? input) => Assert.Null(MatrixUserIds.Validate(input));

    [Theory]
    [InlineData("mia")]
    [InlineData("@mia")]
    [InlineData("@mia:")]
    [InlineData("@mi a:lab.example.org")]
    [InlineData("@mia:lab.example.org/evil")]
    [InlineData("#raum:lab.example.org")]
    [InlineData("mia@lab.example.org")]
    public void AnythingElse_IsRefused_InWords(string input)
    {
        var refused = Assert.Throws<DomainException>(() => MatrixUserIds.Validate(input));
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Contains("@name:server", refused.German);
    }

    [Fact]
    public void ATooLongId_IsRefused() => Assert.Throws<DomainException>(() => MatrixUserIds.Validate("@" + new string('a', 300) + ":x.org"));
}
