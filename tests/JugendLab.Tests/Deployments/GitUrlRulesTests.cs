using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Tests.Deployments;

public sealed class GitUrlRulesTests
{
    [Theory]
    [InlineData("https://codeberg.org/kiez/radio.git")]
    [InlineData("http://git.example.org/radio")]
    public void Validate_PublicHttpUrl_IsAccepted(string url) => GitUrlRules.Validate(url);

    [Theory]
    [InlineData("file:///etc")]
    [InlineData("/var/lib/jugendlab/data")]
    [InlineData("ssh://git@example.org/x.git")]
    [InlineData("ext::sh -c touch% /tmp/pwned")]
    [InlineData("https://user:secret@example.org/x.git")]
    [InlineData("")]
    public void Validate_AnythingElse_IsRefused(string url) =>
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => GitUrlRules.Validate(url)).Kind);
}
