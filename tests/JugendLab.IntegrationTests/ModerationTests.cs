using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>A mentor's stop sticks, and every staff action is in the audit log.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ModerationTests(PlatformFixture platform)
{
    [Fact]
    public async Task MentorsStop_SurvivesAMembersStartAndPush_UntilStaffResume()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("first version"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        using var mentor = await MentorAsync();
        using var youth = Client(team);

        await PlatformFixture.EnsureSuccess(await mentor.PostAsJsonAsync($"teams/{team.Name}/projects/{project}/stop",
            new { reason = "Die Seite zeigt Fotos ohne Erlaubnis" }));
        var start = await youth.PostAsync($"teams/{team.Name}/projects/{project}/start", null);
        repo.Commit(SampleApps.StaticSite("pushed anyway"), "second version");
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        var site = await platform.VisitAsync(project);

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Contains("Fotos ohne Erlaubnis", await start.Content.ReadAsStringAsync());
        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("Fotos ohne Erlaubnis", push.Output);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, site.Status);
        Assert.Equal("Stopped", (await platform.ProjectAsync(team, project)).GetProperty("status").GetString());

        await PlatformFixture.EnsureSuccess(await mentor.PostAsJsonAsync($"teams/{team.Name}/projects/{project}/start", new { reason = "geklärt" }));
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Body.Contains("first version"),
            TimeSpan.FromSeconds(30), "the site to serve again after the mentor resumed it");
    }

    [Fact]
    public async Task MembersOwnStop_CanBeUndoneByTheMember()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("ours to pause"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        using var youth = Client(team);

        await PlatformFixture.EnsureSuccess(await youth.PostAsync($"teams/{team.Name}/projects/{project}/stop", null));
        var start = await youth.PostAsync($"teams/{team.Name}/projects/{project}/start", null);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
    }

    [Fact]
    public async Task StaffActions_AreInTheAuditLog_WithWhoWhatAndWhy_AndOnlyStaffCanReadIt()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var mentor = await MentorAsync();
        using var youth = Client(team);

        await PlatformFixture.EnsureSuccess(await mentor.PutAsJsonAsync($"teams/{team.Name}/quota",
            new { maxProjects = 4, memoryMb = 256, cpus = 0.5, diskMb = 1024, reason = "Schulprojekt braucht eine Testseite" }));
        await PlatformFixture.EnsureSuccess(await mentor.PostAsJsonAsync($"teams/{team.Name}/projects/{project}/stop", new { reason = "Pause über Nacht" }));
        var entries = await PlatformFixture.ReadJson(await mentor.GetAsync($"audit?team={team.Name}"));
        var asYouth = await youth.GetAsync("audit");

        var actions = entries.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("TeamCreated", actions);
        Assert.Contains("MemberAdded", actions);
        var quota = entries.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "QuotaChanged");
        Assert.Equal("Schulprojekt braucht eine Testseite", quota.GetProperty("reason").GetString());
        Assert.Contains("4 projects", quota.GetProperty("target").GetString());
        var stop = entries.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "ProjectStopped");
        Assert.StartsWith("mentor", stop.GetProperty("actor").GetString());
        Assert.Equal(project, stop.GetProperty("target").GetString());
        Assert.Equal("Pause über Nacht", stop.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, asYouth.StatusCode);
    }

    private HttpClient Client(TestTeam team)
    {
        var client = new HttpClient { BaseAddress = platform.Api.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", team.Token);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        return client;
    }

    private async Task<HttpClient> MentorAsync()
    {
        var name = platform.UniqueName("mentor");
        var created = await PlatformFixture.ReadJson(await platform.Api.PostAsJsonAsync("users", new { name, role = "Mentor" }));
        var client = new HttpClient { BaseAddress = platform.Api.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(name, created.GetProperty("password").GetString()!);
        var token = (await PlatformFixture.ReadJson(await client.PostAsJsonAsync("tokens", new { name = "desk" }))).GetProperty("token").GetString()!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
