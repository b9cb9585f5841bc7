using JugendLab.Gateway.Routing;

namespace JugendLab.Tests.Gateway.Routing;

public sealed class PlatformCookiesTests
{
    private const string Base = "lab.localhost";

    [Theory]
    [InlineData("a=1; Domain=lab.localhost")]
    [InlineData("a=1; Domain=.lab.localhost; Path=/")]
    [InlineData("a=1; path=/; DOMAIN = LAB.LOCALHOST ")]
    [InlineData("a=1; Domain=localhost")]
    [InlineData("a=1; Domain=lab.localhost.")]
    public void SetCookieForTheBaseDomainOrAParent_ReachesPlatform(string setCookie) =>
        Assert.True(PlatformCookies.ReachesPlatform(setCookie, Base));

    [Theory]
    [InlineData("a=1; Path=/")]
    [InlineData("a=1; Domain=demo.lab.localhost")]
    [InlineData("a=1; Domain=")]
    [InlineData("a=1; Domain=ab.localhost")]
    [InlineData("domain=lab.localhost; Path=/")]
    public void SetCookieForTheProjectItself_StaysWithTheProject(string setCookie) =>
        Assert.False(PlatformCookies.ReachesPlatform(setCookie, Base));

    [Fact]
    public void CookieHeaderWithoutPlatformCookies_IsReturnedUnchanged()
    {
        const string header = "theme=dark; cart=2";

        Assert.Same(header, PlatformCookies.WithoutPlatformCookies(header));
    }

    [Fact]
    public void CookieHeader_LosesOnlyThePlatformsCookies()
    {
        var filtered = PlatformCookies.WithoutPlatformCookies("jugendlab=1;a=jugendlab; __Host-jugendlab.s=2 ;b=3");

        Assert.Equal("a=jugendlab; b=3", filtered);
    }

    [Fact]
    public void CookieHeaderWithOnlyPlatformCookies_BecomesEmpty() =>
        Assert.Equal("", PlatformCookies.WithoutPlatformCookies("__Host-jugendlab.auth=x"));
}
