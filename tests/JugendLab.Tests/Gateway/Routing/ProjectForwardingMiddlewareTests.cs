using System.Net;
using System.Net.Http.Json;
using JugendLab.Orchestrator.Routing;
using Microsoft.Extensions.Logging;

namespace JugendLab.Tests.Gateway.Routing;

public sealed class ProjectForwardingMiddlewareTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task LiveRoute_ForwardsRequestWithOriginalHostAndPath()
    {
        gateway.Routes.Set(new ProjectRoute("garden", RouteState.Live, gateway.Blue.Address));

        using var response = await gateway.GetAsync("garden.lab.localhost:8080", "/beds/3?water=yes&time=%2010");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await ReadEchoAsync(response);
        Assert.Equal("blue", echo["backend"]);
        Assert.Equal("garden.lab.localhost:8080", echo["host"]);
        Assert.Equal("/beds/3", echo["path"]);
        Assert.Equal("?water=yes&time=%2010", echo["query"]);
    }

    [Fact]
    public async Task LiveRoute_ForwardsRequestBody()
    {
        gateway.Routes.Set(new ProjectRoute("guestbook", RouteState.Live, gateway.Blue.Address));
        var request = new HttpRequestMessage(HttpMethod.Post, "/entries") { Content = new StringContent("Hallo aus Haus 4!") };
        request.Headers.Host = "guestbook.lab.localhost";

        using var response = await gateway.Client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.Equal("POST", echo["method"]);
        Assert.Equal("Hallo aus Haus 4!", echo["body"]);
    }

    [Fact]
    public async Task ForwardedRequest_WritesNoInformationLogs()
    {
        gateway.Routes.Set(new ProjectRoute("quiet", RouteState.Live, gateway.Blue.Address));

        using var response = await gateway.GetAsync("quiet.lab.localhost");

        // FACTS: Information logging on the proxy path costs a fifth of the throughput; YARP would write two lines.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(gateway.Logs.Entries, e =>
            e.Level >= LogLevel.Information && e.Level < LogLevel.Warning
            && (e.Category.StartsWith("Yarp", StringComparison.Ordinal) || e.Category.StartsWith("JugendLab", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ForwardedRequest_StartsNoLogScope()
    {
        gateway.Routes.Set(new ProjectRoute("scopeless", RouteState.Live, gateway.Blue.Address));
        var before = gateway.Logs.Scopes.Count(c => c.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));

        using var response = await gateway.GetAsync("scopeless.lab.localhost");

        // ASP.NET Core's hosting layer would begin a scope (and an Activity) per request while its category logs at all.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, gateway.Logs.Scopes.Count(c => c.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HostName_IsMatchedWhateverItsCase()
    {
        gateway.Routes.Set(new ProjectRoute("bakery", RouteState.Live, gateway.Blue.Address));

        using var response = await gateway.GetAsync("Bakery.LAB.localhost:8080");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LiveRoute_TellsTheProjectWhoAskedThroughForwardedHeaders()
    {
        gateway.Routes.Set(new ProjectRoute("library", RouteState.Live, gateway.Blue.Address));

        using var response = await gateway.GetAsync("library.lab.localhost:8080");

        var echo = await ReadEchoAsync(response);
        Assert.Equal("127.0.0.1", echo["x-forwarded-for"]);
        Assert.Equal("http", echo["x-forwarded-proto"]);
        Assert.Equal("library.lab.localhost:8080", echo["x-forwarded-host"]);
    }

    [Fact]
    public async Task ForwardedHeadersSentByTheResident_AreReplaced()
    {
        gateway.Routes.Set(new ProjectRoute("market", RouteState.Live, gateway.Blue.Address));
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "market.lab.localhost";
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Host", "bank.example");

        using var response = await gateway.Client.SendAsync(request);

        var echo = await ReadEchoAsync(response);
        Assert.Equal("127.0.0.1", echo["x-forwarded-for"]);
        Assert.Equal("market.lab.localhost", echo["x-forwarded-host"]);
    }

    [Fact]
    public async Task RouteSwitch_TakesEffectWithoutRestart()
    {
        gateway.Routes.Set(new ProjectRoute("radio", RouteState.Live, gateway.Blue.Address));
        using var before = await gateway.GetAsync("radio.lab.localhost");

        gateway.Routes.Set(new ProjectRoute("radio", RouteState.Live, gateway.Green.Address));
        using var after = await gateway.GetAsync("radio.lab.localhost");

        Assert.Equal("blue", (await ReadEchoAsync(before))["backend"]);
        Assert.Equal("green", (await ReadEchoAsync(after))["backend"]);
    }

    [Fact]
    public async Task PlatformCookies_AreNotForwarded()
    {
        gateway.Routes.Set(new ProjectRoute("cafe", RouteState.Live, gateway.Blue.Address));

        using var response = await gateway.GetAsync("cafe.lab.localhost", cookie:
            "jugendlab.auth=secret; theme=dark; __Host-jugendlab-session=s3cr3t; __Secure-JugendLab.csrf=x; cart=2");

        Assert.Equal("theme=dark; cart=2", (await ReadEchoAsync(response))["cookie"]);
    }

    [Fact]
    public async Task AuthorizationHeader_IsForwardedForTheProjectsOwnLogin()
    {
        gateway.Routes.Set(new ProjectRoute("club", RouteState.Live, gateway.Blue.Address));
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "club.lab.localhost";
        request.Headers.Add("Authorization", "Basic bWVtYmVyOnB3");

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal("Basic bWVtYmVyOnB3", (await ReadEchoAsync(response))["authorization"]);
    }

    [Fact]
    public async Task SetCookieForParentDomain_IsStripped()
    {
        gateway.Routes.Set(new ProjectRoute("shop", RouteState.Live, gateway.Blue.Address));

        using var response = await gateway.GetAsync("shop.lab.localhost", "/set-cookies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookies = response.Headers.GetValues("Set-Cookie").ToArray();
        Assert.Equal(["own=1; path=/; httponly", "self=1; domain=shop.lab.localhost; path=/"],
            setCookies.Select(c => c.ToLowerInvariant()));
    }

    [Fact]
    public async Task UnknownSlug_Returns404FriendlyPage()
    {
        using var response = await gateway.GetAsync("nobody-here.lab.localhost:8080");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Projekt nicht gefunden", page);
        Assert.Contains("nobody-here", page);
    }

    [Fact]
    public async Task NameTwoLevelsBelowTheBaseDomain_Returns404FriendlyPage()
    {
        using var response = await gateway.GetAsync("a.b.lab.localhost:8080");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Projekt nicht gefunden", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HeadRequestForUnknownProject_Returns404WithoutBody()
    {
        var request = new HttpRequestMessage(HttpMethod.Head, "/");
        request.Headers.Host = "nobody-here.lab.localhost";

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task NotDeployedProject_Returns503()
    {
        gateway.Routes.Set(new ProjectRoute("workshop", RouteState.NotDeployed));

        using var response = await gateway.GetAsync("workshop.lab.localhost");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("noch nicht veröffentlicht", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoppedProject_Returns503()
    {
        gateway.Routes.Set(new ProjectRoute("choir", RouteState.Stopped, gateway.Blue.Address));

        using var response = await gateway.GetAsync("choir.lab.localhost");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("angehalten", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CrashedProject_Returns503CrashedPage()
    {
        gateway.Routes.Set(new ProjectRoute("arcade", RouteState.Crashed));

        using var response = await gateway.GetAsync("arcade.lab.localhost");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Das Projekt ist abgestürzt", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeadBackend_Returns502FriendlyPage()
    {
        gateway.Routes.Set(new ProjectRoute("ghost", RouteState.Live, gateway.DeadAddress));

        using var response = await gateway.GetAsync("ghost.lab.localhost");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("antwortet gerade nicht", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FriendlyPage_IsSentWithHeadersThatKeepItSafe()
    {
        using var response = await gateway.GetAsync("unknown.lab.localhost");

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'",
            response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("lab.localhost:8080")]
    [InlineData("LAB.localhost")]
    [InlineData("example.org")]
    [InlineData("127.0.0.1")]
    public async Task PlatformHost_ReachesThePlatform(string host)
    {
        using var response = await gateway.GetAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatewayFixture.PlatformAnswer, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Dictionary<string, string?>> ReadEchoAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<Dictionary<string, string?>>()
        ?? throw new InvalidOperationException("The backend sent no echo.");
}
