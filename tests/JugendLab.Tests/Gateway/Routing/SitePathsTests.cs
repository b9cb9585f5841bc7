using JugendLab.Gateway.Routing;

namespace JugendLab.Tests.Gateway.Routing;

public sealed class SitePathsTests
{
    [Theory]
    [InlineData("/.env")]
    [InlineData("/.git/config")]
    [InlineData("/css/.hidden.css")]
    [InlineData("/.well-known")]
    [InlineData("/.well-known/.secret")]
    [InlineData("/a/.htpasswd")]
    public void IsHidden_DotSegments_AsNginxHidThem(string path) => Assert.True(SitePaths.IsHidden(path));

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/.well-known/security.txt")]
    [InlineData("/blog/.well-known/x")]
    [InlineData("/file.with.dots.css")]
    public void IsHidden_OrdinaryPaths_AreNot(string path) => Assert.False(SitePaths.IsHidden(path));

    [Theory]
    [InlineData("/..%2f..%2fetc/passwd", "/..%2F..%2Fetc/passwd")]
    [InlineData("/%2e%2e/", "/")]
    [InlineData("/%2E%2E/etc/passwd", "/etc/passwd")]
    [InlineData("/a%5c..%5cb", "/a%5c..%5cb")]
    [InlineData("/../etc/passwd", "/etc/passwd")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("", "/a\\..\\b")]
    [InlineData("", "/a/../b")]
    [InlineData("", "/a\0b")]
    [InlineData("", "no-leading-slash")]
    public void IsMalformed_TraversalAndEncodedSeparators(string raw, string path) => Assert.True(SitePaths.IsMalformed(raw, path));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/blog/?seite=..%2F", "/blog/")]
    [InlineData("/caf%C3%A9.html", "/café.html")]
    [InlineData("/50%25.html", "/50%.html")]
    [InlineData("", "/a..b/c...d")]
    public void IsMalformed_OrdinaryAddresses_AreNot(string raw, string path) => Assert.False(SitePaths.IsMalformed(raw, path));
}
