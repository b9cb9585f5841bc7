using System.Net;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>The platform heals itself: limits hold, crashes are contained, and restarts end where the database says.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResilienceTests(PlatformFixture platform)
{
    [Fact]
    public async Task MemoryHog_IsKilledByItsLimit_WithoutDisturbingOthers()
    {
        var neighbourTeam = await platform.CreateTeamAsync();
        var neighbour = await platform.CreateProjectAsync(neighbourTeam);
        // The neighbour runs in a container too (a static website would be served by the platform, in no container).
        using var neighbourRepo = GitRepo.Create(SampleApps.NodeApp("still here"));
        (await neighbourRepo.PushAsync(platform.RemoteUrl(neighbourTeam, neighbour))).AssertSucceeded();
        var team = await platform.CreateTeamAsync();
        var hog = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("hungry"));
        (await repo.PushAsync(platform.RemoteUrl(team, hog))).AssertSucceeded();
        var container = await LiveContainerAsync(team, hog);
        var oomKilled = new TaskCompletionSource();
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var events = platform.Docker.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["event"] = new Dictionary<string, bool> { ["oom"] = true },
                ["container"] = new Dictionary<string, bool> { [container.ID] = true },
            },
        }, new Progress<Message>(_ => oomKilled.TrySetResult()), watching.Token);

        await platform.VisitAsync(hog, "/hog");
        var neighbourAnswers = new List<HttpStatusCode>();
        while (!oomKilled.Task.IsCompleted && !watching.IsCancellationRequested)
        {
            neighbourAnswers.Add((await platform.VisitAsync(neighbour)).Status);
            await Task.Delay(100);
        }

        Assert.True(oomKilled.Task.IsCompleted, "the engine never reported an OOM kill for the hog");
        Assert.All(neighbourAnswers, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.OK, (await platform.VisitAsync(neighbour)).Status);
        await watching.CancelAsync();
        try { await events; } catch (OperationCanceledException) { }
    }

    [Fact]
    public async Task CrashLoop_EndsInStatusCrashed_WithLastLogLinesAndAFriendlyPage()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("short-lived",
            "setTimeout(() => { console.error('kaputt: the database file is missing'); process.exit(3); }, 2500);"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        await platform.WaitForPlatformAsync(async () =>
            (await platform.ProjectAsync(team, project)).GetProperty("status").GetString() == "Crashed",
            TimeSpan.FromSeconds(90), "status Crashed after repeated crashes");

        var state = await platform.ProjectAsync(team, project);
        Assert.Contains("kaputt: the database file is missing", state.GetProperty("statusDetail").GetString());
        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("abgestürzt", body);
    }

    [Fact]
    public async Task AppThatKeepsEndingWithExitCodeZero_EndsInStatusCrashed()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("quits politely", "setTimeout(() => process.exit(0), 2500);"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        await platform.WaitForPlatformAsync(async () =>
            (await platform.ProjectAsync(team, project)).GetProperty("status").GetString() == "Crashed",
            TimeSpan.FromSeconds(90), "status Crashed after the app ended again and again");

        Assert.Contains("Exit code 0", (await platform.ProjectAsync(team, project)).GetProperty("statusDetail").GetString());
    }

    [Fact]
    public async Task PlatformRestart_RestoresEveryRoute()
    {
        var sites = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var team = await platform.CreateTeamAsync();
            var project = await platform.CreateProjectAsync(team);
            // One static website (its files) and one app (its container): both kinds of route come back.
            using var repo = GitRepo.Create(i == 0 ? SampleApps.StaticSite($"site {i}") : SampleApps.NodeApp($"site {i}"));
            (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
            sites.Add(project);
        }

        await platform.RestartPlatformAsync();

        for (var i = 0; i < sites.Count; i++)
        {
            var (status, body) = await platform.VisitAsync(sites[i]);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"site {i}", body);
        }
    }

    [Fact]
    public async Task KillingThePlatformMidDeploy_EndsConsistent_WithNoLostDeploymentAndNoOrphan()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        // An app in a container, so "no orphan" means exactly one container: the live one.
        using var repo = GitRepo.Create(SampleApps.NodeApp("stable version"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Remove("package.json");
        repo.Commit(SampleApps.SlowDockerfile(60), "slow build");
        var push = repo.PushAsync(platform.RemoteUrl(team, project));
        await platform.WaitForPlatformAsync(async () =>
            (await DeploymentsAsync(team, project)).Any(d => d.GetProperty("status").GetString() == "Building"
                                                            && d.GetProperty("image").ValueKind == System.Text.Json.JsonValueKind.String),
            TimeSpan.FromSeconds(60), "the second deployment to be building");
        await Task.Delay(1000);

        await platform.RestartPlatformAsync();
        var pushResult = await push;

        Assert.False(pushResult.Succeeded, pushResult.ToString());
        var deployments = await DeploymentsAsync(team, project);
        Assert.Equal(2, deployments.Count);
        Assert.Equal("Failed", deployments[0].GetProperty("status").GetString());
        Assert.Equal("Live", deployments[1].GetProperty("status").GetString());
        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("stable version", body);
        var live = deployments[1].GetProperty("id").GetInt32().ToString();
        var projectId = (await platform.ContainersAsync()).First(c => c.Labels["jugendlab.deployment"] == live).Labels["jugendlab.project"];
        var own = (await platform.ContainersAsync()).Where(c => c.Labels["jugendlab.project"] == projectId).ToList();
        Assert.Single(own);
    }

    [Fact]
    public async Task ContainerRemovedByHand_IsRecreatedByTheReconciler()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("comes back"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var container = await LiveContainerAsync(team, project);

        await platform.Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });

        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Body.Contains("comes back"),
            TimeSpan.FromSeconds(30), "the site to answer again");
    }

    private async Task<List<System.Text.Json.JsonElement>> DeploymentsAsync(TestTeam team, string project) =>
        (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments"))).EnumerateArray().ToList();

    private async Task<ContainerListResponse> LiveContainerAsync(TestTeam team, string project)
    {
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32().ToString();
        return (await platform.ContainersAsync()).Single(c => c.Labels["jugendlab.deployment"] == live);
    }
}
