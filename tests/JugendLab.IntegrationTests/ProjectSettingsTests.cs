using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;

namespace JugendLab.IntegrationTests;

/// <summary>A team sets environment variables and secrets for its app, and deletes a project for good.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ProjectSettingsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Secret_ReachesTheApp_ButNeverTheApiAnswerTheBuildLogOrTheDatabaseInPlainText()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        var secret = "kiez-" + Guid.NewGuid().ToString("n");

        var set = await youth.PutAsJsonAsync($"teams/{team.Name}/projects/{project}/variables/WEATHER_KEY", new { value = secret, secret = true });
        await PlatformFixture.EnsureSuccess(set);
        using var repo = GitRepo.Create(SampleApps.AppThatShows("WEATHER_KEY"));
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(push.Succeeded, push.ToString());
        Assert.Equal($"value={secret}", (await platform.VisitAsync(project)).Body);
        var listed = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/variables"));
        Assert.Equal("WEATHER_KEY", listed[0].GetProperty("name").GetString());
        Assert.True(listed[0].GetProperty("secret").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed[0].GetProperty("value").ValueKind);
        Assert.DoesNotContain(secret, push.Output);
        foreach (var file in Directory.GetFiles(platform.DataDirectory, "jugendlab.db*")) // the database and its write-ahead log
            Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        Assert.DoesNotContain(secret, platform.Platform.Output);
    }

    [Fact]
    public async Task ChangingASecret_OfALiveApp_RestartsItWithTheNewValue_WithoutRebuilding()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.AppThatShows("GREETING"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        Assert.Equal("value=unset", (await platform.VisitAsync(project)).Body);

        var changed = await PlatformFixture.ReadJson(await youth.PutAsJsonAsync(
            $"teams/{team.Name}/projects/{project}/variables/GREETING", new { value = "grüezi", secret = true }));

        var restart = changed.GetProperty("restartDeploymentId").GetInt32();
        await PlatformFixture.WaitUntilAsync(async () => (await platform.VisitAsync(project)).Body == "value=grüezi",
            TimeSpan.FromSeconds(60), "the app reading the new secret");
        var deployment = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments/{restart}"));
        Assert.Equal("settings", deployment.GetProperty("deployment").GetProperty("source").GetString());
        Assert.Contains("nichts wird neu gebaut", deployment.GetProperty("log").GetString());
        Assert.DoesNotContain("grüezi", deployment.GetProperty("log").GetString());
    }

    [Fact]
    public async Task Rollback_ServesTheEarlierVersionAgain_AsANewVersion_AndTheRunningOneCannotBeChosen()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("erste Version"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Commit(SampleApps.StaticSite("kaputte Version"), "Neues Design");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var versions = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments"));
        var (second, first) = (versions[0].GetProperty("id").GetInt32(), versions[1].GetProperty("id").GetInt32());
        Assert.Equal("Neues Design", versions[0].GetProperty("commitMessage").GetString());

        var running = await youth.PostAsync($"teams/{team.Name}/projects/{project}/deployments/{second}/rollback", null);
        var back = await youth.PostAsync($"teams/{team.Name}/projects/{project}/deployments/{first}/rollback", null);

        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, back.StatusCode);
        var started = (await PlatformFixture.ReadJson(back)).GetProperty("deploymentId").GetInt32();
        await PlatformFixture.WaitUntilAsync(async () => (await platform.VisitAsync(project)).Body.Contains("erste Version"),
            TimeSpan.FromSeconds(60), "the first version serving again");
        var now = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments/{started}"));
        Assert.Equal("rollback", now.GetProperty("deployment").GetProperty("source").GetString());
        Assert.Equal(first, now.GetProperty("deployment").GetProperty("basedOn").GetInt32());
        Assert.Equal(started, (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32());
        using var stranger = platform.ApiAs(await platform.CreateTeamAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"teams/{team.Name}/projects/{project}/deployments/{second}/rollback", null)).StatusCode);
    }

    [Fact]
    public async Task PlainVariable_IsShownAsSet_AndAReservedName_IsRefusedWithTheRule()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);

        await PlatformFixture.EnsureSuccess(await youth.PutAsJsonAsync($"teams/{team.Name}/projects/{project}/variables/CITY", new { value = "Zürich", secret = false }));
        var port = await youth.PutAsJsonAsync($"teams/{team.Name}/projects/{project}/variables/PORT", new { value = "80", secret = false });
        var listed = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/variables"));

        Assert.Equal("Zürich", listed[0].GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, port.StatusCode);
        Assert.Contains("PORT", await port.Content.ReadAsStringAsync());
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task AnotherTeam_CannotReadOrSetVariables_OrDeleteTheProject()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var owner = platform.ApiAs(team);
        await PlatformFixture.EnsureSuccess(await owner.PutAsJsonAsync($"teams/{team.Name}/projects/{project}/variables/TOKEN", new { value = "x", secret = true }));
        using var stranger = platform.ApiAs(await platform.CreateTeamAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"teams/{team.Name}/projects/{project}/variables")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"teams/{team.Name}/projects/{project}/variables/TOKEN", new { value = "y", secret = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"teams/{team.Name}/projects/{project}?confirm={project}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"teams/{team.Name}/projects/{project}")).StatusCode);
    }

    [Fact]
    public async Task Delete_WithTheWrongName_KeepsEverything_AndWithTheRightName_RemovesSiteRepositoryContainersAndData()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.ContainerSite("soon gone")); // with a container, an image and /data to remove (StaticSiteTests deletes a website's folders)
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var projectId = (await platform.ContainersAsync()).Single(c => c.Names.Any(n => n.Contains(project))).Labels["jugendlab.project"];

        var wrong = await youth.DeleteAsync($"teams/{team.Name}/projects/{project}?confirm=something-else");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(project, await wrong.Content.ReadAsStringAsync());
        Assert.Contains("soon gone", (await platform.VisitAsync(project)).Body);

        var deleted = await youth.DeleteAsync($"teams/{team.Name}/projects/{project}?confirm={project}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await youth.GetAsync($"teams/{team.Name}/projects/{project}")).StatusCode);
        Assert.DoesNotContain("soon gone", (await platform.VisitAsync(project)).Body);
        Assert.DoesNotContain(await platform.ContainersAsync(), c => c.Names.Any(n => n.Contains(project)));
        Assert.False(Directory.Exists(Path.Combine(platform.DataDirectory, "repos", team.Name, project + ".git")));
        Assert.False(File.Exists(Path.Combine(platform.DataDirectory, "volumes", projectId + ".ext4")));
        var images = await platform.Docker.Images.ListImagesAsync(new Docker.DotNet.Models.ImagesListParameters { All = true });
        Assert.DoesNotContain(images, i => (i.RepoTags ?? []).Any(t => t.Contains($"/{project}:")));
        repo.Commit(SampleApps.StaticSite("back again?"), "again");
        Assert.False((await repo.PushAsync(platform.RemoteUrl(team, project))).Succeeded);
    }
}
