using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests.Matrix;

/// <summary>
/// The neighbourhood's homeserver: Synapse and PostgreSQL as containers the test platform runs itself, started from
/// empty folders, reached only through the gateway's client API, and kept running when they go down.
/// </summary>
[Collection(PlatformCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HomeserverTests(PlatformFixture platform)
{
    private static readonly TimeSpan StartTime = TimeSpan.FromMinutes(3);

    private Uri Homeserver(string path) => new($"http://matrix.lab.localhost:{platform.Platform.Port}{path}");
    private Uri Platform(string path) => new($"http://lab.localhost:{platform.Platform.Port}{path}");

    [Fact]
    public async Task Homeserver_StartsFromEmptyFolders_AndAnswersThroughTheGateway_WithRegistrationOnlyByToken()
    {
        var report = await WaitUntilReadyAsync();

        using var versions = await platform.Sites.GetAsync(Homeserver("/_matrix/client/versions"));
        var body = await PlatformFixture.ReadJson(versions);
        Assert.Contains(body.GetProperty("versions").EnumerateArray(), v => v.GetString() == "v1.11");
        Assert.Equal("lab.localhost", report.GetProperty("serverName").GetString());
        Assert.StartsWith("1.", report.GetProperty("facts").GetProperty("version").GetString());
        Assert.True(report.GetProperty("facts").GetProperty("accounts").GetInt64() >= 1, "the platform's own account is on the homeserver");

        // Nobody signs up without a registration token from a mentor.
        using var register = await platform.Sites.PostAsJsonAsync(Homeserver("/_matrix/client/v3/register"), new { username = "gast", password = "ein-langes-passwort" });
        Assert.Equal(HttpStatusCode.Unauthorized, register.StatusCode);
        var flows = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flows");
        Assert.All(flows.EnumerateArray(), f => Assert.Contains(f.GetProperty("stages").EnumerateArray(), s => s.GetString() == "m.login.registration_token"));

        // The platform's account is there, under the base domain (delegation: user IDs do not carry "matrix.").
        using var profile = await platform.Sites.GetAsync(Homeserver("/_matrix/client/v3/profile/@jugendlab:lab.localhost"));
        Assert.Equal("JugendLab", (await PlatformFixture.ReadJson(profile)).GetProperty("displayname").GetString());

        // Its secrets and configuration are the platform's and the homeserver's alone.
        var folder = Path.Combine(platform.DataDirectory, "matrix");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "secrets.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "synapse", "homeserver.yaml")));
        var config = await File.ReadAllTextAsync(Path.Combine(folder, "synapse", "homeserver.yaml"));
        Assert.Contains("registration_requires_token: true", config);
        Assert.Contains("trusted_key_servers: []", config);
        Assert.Contains("federation_domain_whitelist: []", config);
    }

    [Fact]
    public async Task AdminApi_IsNotReachableThroughTheGateway_AndNeitherIsAnythingButTheClientApi()
    {
        await WaitUntilReadyAsync();

        foreach (var path in new[] { "/_synapse/admin/v1/server_version", "/_synapse/admin/v1/register", "/_synapse/ADMIN/v1/server_version",
                     "/_matrix/../_synapse/admin/v1/server_version", "//_synapse/admin/v1/server_version", "/health", "/_synapse/metrics" })
        {
            using var answer = await platform.Sites.GetAsync(Homeserver(path));
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            Assert.DoesNotContain("server_version", await answer.Content.ReadAsStringAsync());
        }

        // A youth cannot read the homeserver's state from the platform's API either.
        var team = await platform.CreateTeamAsync();
        using var youth = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        youth.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(team.User, team.Token);
        using var asYouth = await youth.GetAsync("matrix");
        Assert.Equal(HttpStatusCode.Forbidden, asYouth.StatusCode);
    }

    [Fact]
    public async Task WellKnown_OnTheBaseDomain_TellsMatrixAppsWhereTheHomeserverIs()
    {
        using var client = await platform.Sites.GetAsync(Platform("/.well-known/matrix/client"));
        var json = await PlatformFixture.ReadJson(client);
        Assert.Equal($"http://matrix.lab.localhost:{platform.Platform.Port}", json.GetProperty("m.homeserver").GetProperty("base_url").GetString());
        Assert.Equal("application/json", client.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", client.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var server = await platform.Sites.GetAsync(Platform("/.well-known/matrix/server"));
        Assert.Equal("matrix.lab.localhost:443", (await PlatformFixture.ReadJson(server)).GetProperty("m.server").GetString());

        using var preflight = await platform.Sites.SendAsync(new HttpRequestMessage(HttpMethod.Options, Platform("/.well-known/matrix/client")));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Homeserver_ThatGoesDown_IsStartedAgain_WithItsData()
    {
        var before = await WaitUntilReadyAsync();
        var accounts = before.GetProperty("facts").GetProperty("accounts").GetInt64();
        var services = await platform.ServiceContainersAsync();
        Assert.Equal(2, services.Count); // Synapse and its database, nothing else

        // Both die at once (as after an out-of-memory kill, or an admin's mistake): the platform notices and starts them again.
        foreach (var service in services)
            await platform.Docker.Containers.KillContainerAsync(service.ID, new ContainerKillParameters { Signal = "SIGKILL" });
        await platform.WaitForPlatformAsync(async () =>
        {
            using var answer = await platform.Sites.GetAsync(Homeserver("/_matrix/client/versions"));
            // 503 while the platform knows it is down; 502 in the moment before it noticed (either way JSON for Matrix apps).
            return answer.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
                   && answer.Content.Headers.ContentType?.MediaType == "application/json";
        }, TimeSpan.FromSeconds(30), "the gateway to notice the homeserver is down");
        var after = await WaitUntilReadyAsync();

        Assert.Equal(accounts, after.GetProperty("facts").GetProperty("accounts").GetInt64());
        using var profile = await platform.Sites.GetAsync(Homeserver("/_matrix/client/v3/profile/@jugendlab:lab.localhost"));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.True(DateTimeOffset.Parse(after.GetProperty("readySince").GetString()!) > DateTimeOffset.Parse(before.GetProperty("readySince").GetString()!));
        Assert.Equal(services.Select(s => s.ID).Order(), (await platform.ServiceContainersAsync()).Select(s => s.ID).Order()); // started again, not made anew
    }

    [Fact]
    public async Task Backup_AsDocumented_IsRestored_AfterTheHomeserversDataIsLost()
    {
        await WaitUntilReadyAsync();
        var before = platform.UniqueName("vor-der-sicherung");
        await CreateRoomAsync(before);
        var backup = Path.Combine(Directory.CreateTempSubdirectory("jl-it-matrix-backup-").FullName, "matrix.tgz");
        var matrix = Path.Combine(platform.DataDirectory, "matrix");
        try
        {
            // The backup, as docs/matrix.md says: platform stopped, both containers stopped, the data directory copied.
            await platform.Platform.KillAsync();
            await StopServicesAsync();
            Run("tar", "-czSf", backup, "-C", platform.DataDirectory, "matrix");
            await platform.Platform.StartAsync();
            await WaitUntilReadyAsync();
            var after = platform.UniqueName("nach-der-sicherung");
            await CreateRoomAsync(after);
            Assert.Contains(after, await platform.RoomNamesAsync(await PlatformTokenAsync()));

            // Everything of the homeserver is lost: its containers and its folder.
            await platform.Platform.KillAsync();
            foreach (var service in await platform.ServiceContainersAsync())
                await platform.Docker.Containers.RemoveContainerAsync(service.ID, new ContainerRemoveParameters { Force = true });
            Directory.Delete(matrix, recursive: true);

            // The restore: the folder back, the platform started.
            Run("tar", "-xzSf", backup, "-C", platform.DataDirectory);
            await platform.Platform.StartAsync();
            await WaitUntilReadyAsync();
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(backup)!, recursive: true);
        }

        var rooms = await platform.RoomNamesAsync(await PlatformTokenAsync());
        Assert.Contains(before, rooms);
        Assert.DoesNotContain(rooms, r => r.StartsWith("nach-der-sicherung", StringComparison.Ordinal));
    }

    private async Task StopServicesAsync()
    {
        foreach (var service in await platform.ServiceContainersAsync())
            await platform.Docker.Containers.StopContainerAsync(service.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 20 });
    }

    /// <summary>The platform's own account (its token from the data directory) makes a room, through the gateway.</summary>
    private async Task CreateRoomAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Homeserver("/_matrix/client/v3/createRoom"))
        {
            Content = JsonContent.Create(new { name, preset = "private_chat" }),
        };
        request.Headers.Authorization = new("Bearer", await PlatformTokenAsync());
        await PlatformFixture.EnsureSuccess(await platform.Sites.SendAsync(request));
    }

    private async Task<string> PlatformTokenAsync() =>
        JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(platform.DataDirectory, "matrix", "platform-account.json")))
            .RootElement.GetProperty("access_token").GetString()!;

    private static void Run(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
    }

    private Task<JsonElement> WaitUntilReadyAsync() => platform.WaitForHomeserverAsync(StartTime);
}
