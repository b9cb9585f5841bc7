using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the platform once for all integration tests, against the real Docker engine, and cleans up everything it made.
/// When no engine answers, every test fails with a message that says how to start one; nothing is skipped.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private static readonly string[] SandboxImages =
        ["jugendlab/debian:bookworm", "jugendlab/static:latest", "jugendlab/node:latest", "jugendlab/python:latest", "jugendlab/synapse:latest", "jugendlab/postgres:latest"];
    private int _counter;

    public PlatformFixture() : this(null) { }

    /// <param name="settings">Settings for this fixture's platform on top of the tests' own.</param>
    protected PlatformFixture(IReadOnlyDictionary<string, string>? settings)
    {
        // Testcontainers asks for a newer engine API than Debian's 20.10 engine speaks, and its reaper image cannot be
        // pulled here (no registry): FACTS.md.
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", "1.41");
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
        Environment.SetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        Instance = "t" + Guid.NewGuid().ToString("n")[..5];
        DataDirectory = Directory.CreateTempSubdirectory("jl-it-data-").FullName;
        Platform = new PlatformProcess(DataDirectory, Instance, settings);
        Docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).WithApiVersion(new System.Version(1, 41)).Build();
        Sites = new HttpClient(new SocketsHttpHandler
        {
            // .NET cannot resolve *.localhost (FACTS.md): every name goes to the platform's loopback port.
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, Platform.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            AllowAutoRedirect = false,
            UseProxy = false,
        }) { Timeout = TimeSpan.FromSeconds(30) };
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Platform.Port}/api/"), Timeout = TimeSpan.FromMinutes(5) };
        Api.DefaultRequestHeaders.Authorization = Basic("admin", PlatformProcess.AdminPassword);
        Api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    public string Instance { get; }
    public string DataDirectory { get; }
    public PlatformProcess Platform { get; private set; }
    public DockerClient Docker { get; }

    /// <summary>Visits sites as a resident would: http://&lt;project&gt;.lab.localhost:&lt;port&gt;/.</summary>
    public HttpClient Sites { get; }

    /// <summary>The JSON API, signed in as the admin.</summary>
    public HttpClient Api { get; }

    public async Task InitializeAsync()
    {
        try
        {
            await Docker.System.PingAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "The integration tests need a running Docker engine, and none answers at /var/run/docker.sock " +
                $"({e.GetType().Name}: {e.Message}). Start one with: sudo apt-get install -y docker.io && sudo dockerd > /var/log/dockerd.log 2>&1 & " +
                "— or simply run ./jugendlab test, which does both.", e);
        }
        foreach (var image in SandboxImages)
        {
            try { await Docker.Images.InspectImageAsync(image); }
            catch (DockerImageNotFoundException)
            {
                throw new InvalidOperationException($"The sandbox image {image} is missing. Build the images with: bash sandbox-images/build.sh (./jugendlab test does it for you).");
            }
        }
        await Platform.StartAsync();
    }

    /// <summary>Kills the platform (no clean shutdown) and starts it again on the same port and data.</summary>
    public async Task RestartPlatformAsync()
    {
        await Platform.KillAsync();
        await Platform.StartAsync();
    }

    public string UniqueName(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}{Guid.NewGuid().ToString("n")[..4]}";

    public async Task<TestTeam> CreateTeamAsync()
    {
        var team = UniqueName("team");
        await EnsureSuccess(await Api.PostAsJsonAsync("teams", new { name = team }));
        var user = UniqueName("youth");
        var created = await ReadJson(await Api.PostAsJsonAsync("users", new { name = user }));
        var password = created.GetProperty("password").GetString()!;
        await EnsureSuccess(await Api.PostAsJsonAsync($"teams/{team}/members", new { user }));
        using var asUser = new HttpClient { BaseAddress = Api.BaseAddress };
        asUser.DefaultRequestHeaders.Authorization = Basic(user, password);
        var token = (await ReadJson(await asUser.PostAsJsonAsync("tokens", new { name = "laptop" }))).GetProperty("token").GetString()!;
        return new TestTeam(team, user, token);
    }

    public async Task<string> CreateProjectAsync(TestTeam team, object? settings = null)
    {
        var project = UniqueName("site");
        var body = settings is null ? new Dictionary<string, object?> { ["name"] = project }
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(settings))!;
        body["name"] = project;
        await EnsureSuccess(await Api.PostAsJsonAsync($"teams/{team.Name}/projects", body));
        return project;
    }

    public string RemoteUrl(TestTeam team, string project, string? user = null, string? token = null) =>
        $"http://{user ?? team.User}:{token ?? team.Token}@lab.localhost:{Platform.Port}/git/{team.Name}/{project}.git";

    public Uri SiteUrl(string project, string path = "/") => new($"http://{project}.lab.localhost:{Platform.Port}{path}");

    public async Task<(HttpStatusCode Status, string Body)> VisitAsync(string project, string path = "/")
    {
        using var response = await Sites.GetAsync(SiteUrl(project, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> ProjectAsync(TestTeam team, string project) =>
        await ReadJson(await Api.GetAsync($"teams/{team.Name}/projects/{project}"));

    /// <summary>Waits for a condition the platform reaches on its own; on timeout the message carries the platform's last output.</summary>
    public async Task WaitForPlatformAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        try
        {
            await WaitUntilAsync(condition, timeout, what);
        }
        catch (TimeoutException e)
        {
            var tail = string.Join('\n', Platform.Output.Split('\n').TakeLast(40));
            throw new TimeoutException($"{e.Message}\n--- platform output (last 40 lines) ---\n{tail}", e);
        }
    }

    /// <summary>Waits for a condition (polled every 250 ms).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for: {what}");
    }

    /// <summary>The containers of this test platform, running or not.</summary>
    public async Task<IList<ContainerListResponse>> ContainersAsync() =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"jugendlab.managed={Instance}"] = true } },
        });

    /// <summary>The containers this test platform runs for the whole box (the homeserver and its database).</summary>
    public async Task<IList<ContainerListResponse>> ServiceContainersAsync() =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"jugendlab.service={Instance}"] = true } },
        });

    public static AuthenticationHeaderValue Basic(string user, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        await EnsureSuccess(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        var left = new List<string>();
        // A few passes: a kept image can be the parent of a newer build (409 until the child is gone),
        // and an image or network may already be gone when we reach it (404). Neither is a leak.
        for (var pass = 0; pass < 8; pass++)
        {
            left.Clear();
            var networks = (await Docker.Networks.ListNetworksAsync()).Where(n => n.Name.StartsWith($"jl-{Instance}-")).ToList();
            // Whatever is attached to this platform's networks goes too, labelled or not (a network with one left cannot go).
            var attached = new List<ContainerListResponse>();
            foreach (var n in networks)
                attached.AddRange(await Docker.Containers.ListContainersAsync(new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["network"] = new Dictionary<string, bool> { [n.Name] = true } },
                }));
            foreach (var c in (await ContainersAsync()).Concat(await ServiceContainersAsync()).Concat(attached).DistinctBy(c => c.ID))
                await TryRemoveAsync($"container {c.Names.FirstOrDefault()}", left,
                    () => Docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }));
            foreach (var n in networks)
                await TryRemoveAsync($"network {n.Name}", left, () => Docker.Networks.DeleteNetworkAsync(n.ID));
            var volumes = await Docker.Volumes.ListAsync(new VolumesListParameters());
            foreach (var v in volumes.Volumes?.Where(v => v.Name.StartsWith($"jl-{Instance}-")) ?? [])
                await TryRemoveAsync($"volume {v.Name}", left, () => Docker.Volumes.RemoveAsync(v.Name, force: true));
            var images = await Docker.Images.ListImagesAsync(new ImagesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [$"jugendlab-{Instance}/*"] = true } },
            });
            // A build the platform started before it was stopped can still run a step in an unlabelled container on one
            // of these images (a cached layer of an earlier version): it goes first, or the image cannot.
            foreach (var i in images)
                foreach (var c in await Docker.Containers.ListContainersAsync(new ContainersListParameters
                         {
                             All = true,
                             Filters = new Dictionary<string, IDictionary<string, bool>> { ["ancestor"] = new Dictionary<string, bool> { [i.ID] = true } },
                         }))
                    await TryRemoveAsync($"build container {c.ID[..12]}", left,
                        () => Docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }));
            foreach (var i in images.OrderByDescending(i => i.Created)) // children before the images they were built on
                await TryRemoveAsync($"image {i.RepoTags?.FirstOrDefault() ?? i.ID}", left,
                    () => Docker.Images.DeleteImageAsync(i.ID, new ImageDeleteParameters { Force = true }));
            if (left.Count == 0) break;
            await Task.Delay(1000);
        }
        DetachLoopDevicesUnder(DataDirectory); // the projects' size-limited /data images
        Sites.Dispose();
        Api.Dispose();
        Docker.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        if (left.Count > 0)
        {
            // The test runner shows a fixture's failure by its type only: the list goes to a file as well.
            var message = $"The test platform {Instance} left Docker objects behind that could not be removed: " + string.Join("; ", left);
            await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "jugendlab-test-cleanup.log"), $"{DateTimeOffset.Now:O} {message}\n");
            throw new InvalidOperationException(message);
        }
    }

    private static async Task TryRemoveAsync(string what, List<string> left, Func<Task> remove)
    {
        try { await remove(); }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
        catch (DockerApiException e) { left.Add($"{what}: {(int)e.StatusCode} {e.ResponseBody}"); }
    }

    /// <summary>Loop devices whose image file lies in <paramref name="directory"/> (read from sysfs), detached.</summary>
    public static void DetachLoopDevicesUnder(string directory)
    {
        if (!Directory.Exists("/sys/block")) return;
        foreach (var dir in Directory.EnumerateDirectories("/sys/block", "loop*"))
        {
            var backing = Path.Combine(dir, "loop", "backing_file");
            if (!File.Exists(backing) || !File.ReadAllText(backing).StartsWith(directory.TrimEnd('/') + "/")) continue;
            using var losetup = System.Diagnostics.Process.Start("losetup", ["--detach", "/dev/" + Path.GetFileName(dir)]);
            losetup.WaitForExit();
        }
    }
}

/// <summary>A team with one youth member and that youth's token.</summary>
public sealed record TestTeam(string Name, string User, string Token);

/// <summary>The platform for the tests of the engine, the deploy path and the homeserver.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>
/// A second platform, for the web app's browser tests (WebApp/, Mentoring/). The two collections run side by side:
/// browser tests mostly wait (for Chromium, for a build, for a page), so the suite takes far less time on two cores
/// than one after the other. Its teams' networks come from another pool, so the two platforms never race for a
/// subnet; it runs no homeserver (its tests do not need one).
/// </summary>
public sealed class WebPlatformFixture() : PlatformFixture(new Dictionary<string, string>
{
    ["JugendLab__Network__Pool"] = "10.201.0.0/16",
    ["JugendLab__Matrix__Enabled"] = "false",
});

[CollectionDefinition(Name)]
public sealed class WebPlatformCollection : ICollectionFixture<WebPlatformFixture>
{
    public const string Name = "web platform";
}
