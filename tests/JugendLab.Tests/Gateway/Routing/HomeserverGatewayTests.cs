using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JugendLab.Tests.Gateway.Routing;

/// <summary>matrix.&lt;base domain&gt; goes to the homeserver's client API only; the base domain answers /.well-known/matrix/*.</summary>
public sealed class HomeserverGatewayTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ClientApi_IsForwardedToTheHomeserver_WithTheHostTheAppUsed()
    {
        gateway.Homeserver.Set(gateway.Blue.Address);

        using var response = await gateway.GetAsync("matrix.lab.localhost:8080", "/_matrix/client/versions");

        var echo = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal("blue", echo!["backend"]);
        Assert.Equal("/_matrix/client/versions", echo["path"]);
        Assert.Equal("matrix.lab.localhost:8080", echo["host"]);
    }

    [Theory]
    [InlineData("/_synapse/admin/v1/server_version")]
    [InlineData("/_synapse/Admin/v1/users")]
    [InlineData("/_synapse/metrics")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task EverythingButTheClientApi_IsNotFound_AndNeverReachesTheHomeserver(string path)
    {
        gateway.Homeserver.Set(gateway.Blue.Address);

        using var response = await gateway.GetAsync("matrix.lab.localhost", path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("M_UNRECOGNIZED", body.GetProperty("errcode").GetString());
    }

    [Fact]
    public async Task HomeserverNotUp_GetsAMatrixError_NotAnHtmlPage()
    {
        gateway.Homeserver.Set(null);

        using var response = await gateway.GetAsync("matrix.lab.localhost", "/_matrix/client/versions");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("M_UNKNOWN", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errcode").GetString());
    }

    [Fact]
    public async Task HomeserverNotAnswering_GetsAMatrixError()
    {
        gateway.Homeserver.Set(gateway.DeadAddress);

        using var response = await gateway.GetAsync("matrix.lab.localhost", "/_matrix/client/versions");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("M_UNKNOWN", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errcode").GetString());
    }

    [Fact]
    public async Task WellKnown_OnTheBaseDomain_PointsAppsAndServersToTheHomeserver()
    {
        using var client = await gateway.GetAsync("lab.localhost:8080", "/.well-known/matrix/client");
        using var server = await gateway.GetAsync("lab.localhost:8080", "/.well-known/matrix/server");
        using var other = await gateway.GetAsync("lab.localhost:8080", "/.well-known/matrix/support-page");

        Assert.Equal("http://matrix.lab.localhost:8080",
            (await client.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("m.homeserver").GetProperty("base_url").GetString());
        Assert.Equal("*", client.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("matrix.lab.localhost:443", (await server.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("m.server").GetString());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task OtherPathsOnTheBaseDomain_StillGoToThePlatform()
    {
        using var response = await gateway.GetAsync("lab.localhost", "/.well-known/security.txt");

        Assert.Equal(GatewayFixture.PlatformAnswer, await response.Content.ReadAsStringAsync());
    }
}
