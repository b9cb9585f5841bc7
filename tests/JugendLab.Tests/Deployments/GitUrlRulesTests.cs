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

public sealed class GitUrlHostTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/git/a/b.git")]
    [InlineData("http://10.0.0.5/repo.git")]
    [InlineData("http://192.168.1.1/repo.git")]
    [InlineData("http://172.17.0.1/repo.git")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://[::1]/repo.git")]
    [InlineData("http://localhost/repo.git")]
    public async Task EnsurePublicHost_LocalAddresses_AreRefused(string url) =>
        await Assert.ThrowsAsync<DomainException>(() => GitUrlRules.EnsurePublicHostAsync(url, default));

    [Fact]
    public async Task EnsurePublicHost_PublicAddress_IsAccepted() =>
        await GitUrlRules.EnsurePublicHostAsync("https://185.199.108.153/repo.git", default);
}
