using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using JugendLab.Orchestrator.Routing;
using Microsoft.Extensions.Logging;

namespace JugendLab.Tests.Gateway.Routing;

/// <summary>A static website served by the real gateway (Kestrel) from a folder of files, as the orchestrator unpacks it.</summary>
public sealed class SiteFileServerTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("site-").FullName + "/";
    private readonly string _slug = "site" + Guid.NewGuid().ToString("n")[..8];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Host => $"{_slug}.lab.localhost:8080";

    private void Publish() => gateway.Routes.Set(new ProjectRoute(_slug, RouteState.Live, SiteRoot: _root));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage>? headers = null)
    {
        // No canonicalization: the path goes out exactly as written, like a hand-made request.
        var uri = new Uri(gateway.Client.BaseAddress!.ToString().TrimEnd('/') + path,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Host", Host);
        headers?.Invoke(request);
        return gateway.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? headers = null) => SendAsync(HttpMethod.Get, path, headers);

    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("style.css", "text/css; charset=utf-8")]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("logo.svg", "image/svg+xml; charset=utf-8")]
    [InlineData("cat.png", "image/png")]
    [InlineData("notes.weird-extension", "application/octet-stream")]
    [InlineData("Makefile", "application/octet-stream")]
    public async Task File_IsServedWithTheContentTypeOfItsExtension(string name, string type)
    {
        Write(name, "content of " + name);
        Publish();

        using var response = await GetAsync("/" + name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.ToString());
        Assert.Equal("content of " + name, await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task FolderAddress_ServesItsIndexHtml()
    {
        Write("index.html", "start");
        Write("blog/index.html", "blog start");
        Publish();

        using var root = await GetAsync("/");
        using var blog = await GetAsync("/blog/");

        Assert.Equal("start", await root.Content.ReadAsStringAsync());
        Assert.Equal("blog start", await blog.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FolderWithoutSlash_RedirectsToTheFolder_KeepingTheQuery()
    {
        Write("blog/index.html", "blog start");
        Publish();

        using var response = await GetAsync("/blog?seite=2");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/blog/?seite=2", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task MissingPage_WithOwn404Html_ServesItWithStatus404()
    {
        Write("index.html", "start");
        Write("404.html", "<h1>Hier ist nichts</h1>");
        Publish();

        using var response = await GetAsync("/gibt-es-nicht.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<h1>Hier ist nichts</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MissingPage_Without404Html_ShowsThePlatformsFriendlyPage()
    {
        Write("index.html", "start");
        Publish();

        using var response = await GetAsync("/gibt-es-nicht.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Seite nicht gefunden", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FolderWithoutIndex_IsNotFound_NotAListing()
    {
        Write("bilder/cat.png", "png");
        Publish();

        using var response = await GetAsync("/bilder/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("cat.png", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/.env")]
    [InlineData("/css/.secret")]
    [InlineData("/.well-known")]
    [InlineData("/.well-known/.hidden")]
    public async Task HiddenFile_IsNotFound(string path)
    {
        Write(".env", "SECRET=1");
        Write("css/.secret", "x");
        Write(".well-known/.hidden", "x");
        Publish();

        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("SECRET", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WellKnownFile_IsServed()
    {
        Write(".well-known/security.txt", "Contact: mailto:kiez@example.org");
        Publish();

        using var response = await GetAsync("/.well-known/security.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/..%2f..%2fetc/passwd")]
    [InlineData("/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/%2e%2e/")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/..\\..\\etc\\passwd")]
    [InlineData("/a/%2E%2E/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("/index.html%00.png")]
    public async Task TraversalAttempt_IsRefused(string path)
    {
        Write("index.html", "start");
        Publish();

        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PlainDotDot_IsResolvedByTheServer_AndNeverLeavesTheFolder()
    {
        Write("index.html", "start");
        Publish();

        // Sent raw, not through HttpClient, so the dots reach Kestrel as typed.
        var answer = await RawGetAsync("/../../../../etc/passwd");

        Assert.DoesNotContain("root:", answer);
        Assert.StartsWith("HTTP/1.1 400", answer);
    }

    [Fact]
    public async Task SymlinkInTheFolder_IsNotFollowed()
    {
        Write("index.html", "start");
        File.CreateSymbolicLink(Path.Combine(_root, "passwd.html"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_root, "up"), "/etc");
        Publish();

        using var file = await GetAsync("/passwd.html");
        using var folder = await GetAsync("/up/passwd");

        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.DoesNotContain("root:", await file.Content.ReadAsStringAsync());
        Assert.DoesNotContain("root:", await folder.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SameETag_Is304_WithoutABody()
    {
        Write("index.html", "start");
        Publish();
        using var first = await GetAsync("/");
        var etag = first.Headers.ETag!.Tag;

        using var again = await GetAsync("/", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task IfModifiedSince_NotOlderThanTheFile_Is304()
    {
        Write("index.html", "start");
        Publish();
        using var first = await GetAsync("/");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var again = await GetAsync("/", r => r.Headers.IfModifiedSince = lastModified);
        using var older = await GetAsync("/", r => r.Headers.IfModifiedSince = lastModified.AddHours(-1));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    [Fact]
    public async Task ChangedFile_GetsANewETag()
    {
        Write("index.html", "start");
        Publish();
        using var first = await GetAsync("/");
        Write("index.html", "new start, longer");

        using var again = await GetAsync("/", r => r.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("new start, longer", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PrecompressedGz_IsServedToABrowserThatAcceptsGzip()
    {
        Write("app.css", "body { color: red; }");
        WriteGzip("app.css.gz", "body { color: red; }");
        Publish();

        using var response = await GetAsync("/app.css", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("body { color: red; }", Gunzip(await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip;q=0")]
    public async Task PrecompressedGz_IsNotServedToABrowserThatRefusesGzip(string acceptEncoding)
    {
        Write("app.css", "plain css");
        WriteGzip("app.css.gz", "plain css");
        Publish();

        using var response = await GetAsync("/app.css", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding));

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("plain css", await response.Content.ReadAsStringAsync());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task PrecompressedBr_IsPreferredOverGz()
    {
        Write("app.js", "plain");
        Write("app.js.br", "pretend-brotli");
        WriteGzip("app.js.gz", "plain");
        Publish();

        using var response = await GetAsync("/app.js", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br"));

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal("pretend-brotli", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethodsThanGetAndHead_Are405(string method)
    {
        Write("index.html", "start");
        Publish();

        using var response = await SendAsync(new HttpMethod(method), "/");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Head_HasTheLengthButNoBody()
    {
        Write("index.html", "start");
        Publish();

        using var response = await SendAsync(HttpMethod.Head, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_ServesThosesBytesWith206()
    {
        Write("video.txt", "0123456789");
        Publish();

        using var middle = await GetAsync("/video.txt", r => r.Headers.TryAddWithoutValidation("Range", "bytes=2-5"));
        using var tail = await GetAsync("/video.txt", r => r.Headers.TryAddWithoutValidation("Range", "bytes=-3"));
        using var beyond = await GetAsync("/video.txt", r => r.Headers.TryAddWithoutValidation("Range", "bytes=20-"));

        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal("2345", await middle.Content.ReadAsStringAsync());
        Assert.Equal("bytes 2-5/10", middle.Content.Headers.ContentRange!.ToString());
        Assert.Equal("789", await tail.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
    }

    [Fact]
    public async Task StaticSite_SetsNoCookies_AndLogsNothingPerRequest()
    {
        Write("index.html", "start");
        Publish();

        using var response = await GetAsync("/", r => r.Headers.Add("Cookie", "jugendlab.session=abc"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain(gateway.Logs.Entries, e => e.Level >= LogLevel.Information && e.Message.Contains(_slug));
    }

    private void WriteGzip(string relative, string text)
    {
        using var file = File.Create(Path.Combine(_root, relative));
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return new StreamReader(gzip).ReadToEnd();
    }

    private async Task<string> RawGetAsync(string target)
    {
        var address = gateway.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n"));
        return await new StreamReader(stream).ReadToEndAsync();
    }
}
