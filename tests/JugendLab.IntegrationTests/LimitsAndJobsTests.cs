using System.Text.Json.Nodes;
using System.Net.Http.Json;
using System.Net;
using System.Text;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>Builds stay within their limits, and the scheduled jobs (pruning, sampling) do their work.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LimitsAndJobsTests(PlatformFixture platform)
{
    [Fact]
    public async Task BuildOverItsMemoryLimit_FailsNamingTheLimit_AndTheOldVersionKeepsServing()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("survives the build"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Commit(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM jugendlab/python:latest\nRUN python3 -c \"x = bytearray(900 * 1024 * 1024); print(len(x))\"\n",
        }, "greedy build");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("256 MB", push.Output);
        Assert.Contains("Speicherlimit", push.Output);
        Assert.Contains("survives the build", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task BuildOverItsTimeLimit_IsStoppedNamingTheLimit()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.SlowDockerfile(600));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("40 Sekunden", push.Output);
        await platform.WaitForPlatformAsync(async () => !(await SleepingBuildContainersAsync()).Any(),
            TimeSpan.FromSeconds(30), "the engine to stop the runaway build step");
    }

    [Fact]
    public async Task DataOverTheDiskQuota_RefusesTheNextDeploy_NamingTheLimit()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        await PlatformFixture.EnsureSuccess(await platform.Api.PutAsJsonAsync($"teams/{team.Name}/quota",
            new { maxProjects = 3, memoryMb = 256, cpus = 0.5, diskMb = 1 }));
        using var repo = GitRepo.Create(SampleApps.NodeApp("filling",
            "if (process.env.PORT) require('fs').writeFileSync('/data/big.bin', Buffer.alloc(3 * 1024 * 1024, 7));"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Commit(SampleApps.NodeApp("second"), "second version");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("/data", push.Output);
        Assert.Contains("1 MB", push.Output);
        Assert.Contains("filling", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task ImagePrune_KeepsTheLiveImageAndThreeToGoBackTo()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        // Sites in containers: a static website has no image (its kept folders are pruned by the deploy, see StaticSiteTests).
        using var repo = GitRepo.Create(SampleApps.ContainerSite("v0"));
        for (var i = 1; i <= 5; i++)
        {
            repo.Commit(SampleApps.ContainerSite($"v{i}"), $"v{i}");
            (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        }

        await platform.WaitForPlatformAsync(async () => (await ImagesAsync(project)).Count == 4,
            TimeSpan.FromSeconds(30), "pruning down to four images");

        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();
        Assert.Contains(await ImagesAsync(project), tag => tag.EndsWith($":{live}"));
        Assert.Contains("v5", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task ResourceSampling_RecordsTheLiveContainersMemoryAndLimit()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("measured"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        System.Text.Json.JsonElement samples = default;
        await platform.WaitForPlatformAsync(async () =>
        {
            samples = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/usage"));
            return samples.GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(30), "a usage sample");

        var sample = samples[0];
        Assert.True(sample.GetProperty("memoryBytes").GetInt64() > 1024 * 1024);
        Assert.Equal(256L * 1024 * 1024, sample.GetProperty("memoryLimitBytes").GetInt64());
        var chart = await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/usage.svg");
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<polyline", await chart.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MalformedApiInput_Gets400ProblemDetails()
    {
        var team = await platform.CreateTeamAsync();

        var response = await platform.Api.PostAsync($"teams/{team.Name}/projects",
            new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_AndMatchesTheCopyInDocs()
    {
        var served = JsonNode.Parse(await platform.Api.GetStringAsync($"http://127.0.0.1:{platform.Platform.Port}/api/openapi.json"))!.AsObject();
        served.Remove("servers"); // names the test's own port
        var documented = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "openapi.json")));

        Assert.Contains("/api/teams/{team}/projects/{project}/deployments", served["paths"]!.AsObject().Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(served, documented),
            "docs/openapi.json is out of date. Start the platform and save /api/openapi.json there (without \"servers\"); see docs/api.md.");
    }

    private static string RepositoryRoot() => typeof(LimitsAndJobsTests).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private async Task<List<string>> ImagesAsync(string project)
    {
        var images = await platform.Docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [$"jugendlab-{platform.Instance}/{project}"] = true },
            },
        });
        return images.SelectMany(i => i.RepoTags ?? []).ToList();
    }

    private async Task<IEnumerable<ContainerListResponse>> SleepingBuildContainersAsync() =>
        (await platform.Docker.Containers.ListContainersAsync(new ContainersListParameters()))
        .Where(c => c.Command.Contains("sleep 600"));
}
