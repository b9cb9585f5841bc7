using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>Deploying from a git URL, stopping and starting, and the pages residents see.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ProjectLifecycleTests(PlatformFixture platform)
{
    [Fact]
    public async Task DeployFromGitUrl_StreamsTheLogAndGoesLive()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var source = GitRepo.Create(SampleApps.StaticSite("cloned from a url"));
        await using var server = await DumbGitServer.StartAsync(source);

        var response = await platform.Api.PostAsJsonAsync($"teams/{team.Name}/projects/{project}/deployments", new { gitUrl = server.Url });
        var log = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("-----> Cloning", log);
        Assert.True(log.Contains("live http://"), log);
        Assert.Contains("cloned from a url", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task DeployFromLocalPath_IsRefusedAsNotAPublicGitUrl()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);

        var response = await platform.Api.PostAsJsonAsync($"teams/{team.Name}/projects/{project}/deployments", new { gitUrl = "file:///etc" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("https", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoppedProject_ShowsAFriendly503_AndStartBringsItBack()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("back again"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/stop", null));
        var stopped = await platform.VisitAsync(project);
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/start", null));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.Status);
        Assert.Contains("Pause", stopped.Body);
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Body.Contains("back again"),
            TimeSpan.FromSeconds(30), "the site to answer after start");
    }

    /// <summary>
    /// An app that takes a while to boot: once the start call has returned, visitors get the app at once, never the
    /// "not answering" page of a route published before the app listened.
    /// </summary>
    [Fact]
    public async Task StartedApp_AnswersAsSoonAsTheStartCallReturns()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("slow but here",
            extra: "const started = Date.now(); while (Date.now() - started < 1500) {} // boots for 1.5 s"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/stop", null));

        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/start", null));
        var first = await platform.VisitAsync(project);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("slow but here", first.Body);
    }

    [Fact]
    public async Task UnknownProjectHost_ShowsAFriendly404()
    {
        var (status, body) = await platform.VisitAsync("nobody-lives-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("nobody-lives-here", body);
        Assert.Contains("<html", body);
    }

    [Fact]
    public async Task Data_InTheDataFolder_SurvivesARedeploy()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var counter = """
            const fs = require('fs');
            const file = '/data/visits.txt';
            require('http').createServer((req, res) => {
              const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + (req.url === '/visit' ? 1 : 0);
              fs.writeFileSync(file, String(n));
              res.end(`VERSION visits=${n}`);
            }).listen(process.env.PORT, '0.0.0.0');
            """;
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            ["package.json"] = """{ "name": "counter", "scripts": { "start": "node server.js" } }""",
            ["server.js"] = counter.Replace("VERSION", "v1"),
        });
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await platform.VisitAsync(project, "/visit");
        await platform.VisitAsync(project, "/visit");

        repo.Commit(new Dictionary<string, string> { ["server.js"] = counter.Replace("VERSION", "v2") }, "v2");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        Assert.Equal("v2 visits=2", (await platform.VisitAsync(project)).Body);
    }
}
