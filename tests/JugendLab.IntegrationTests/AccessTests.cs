using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>Every action is authorised on the server: git and API refuse wrong tokens and other teams.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessTests(PlatformFixture platform)
{
    [Fact]
    public async Task Push_WithWrongToken_IsRefused()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("nope"));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project, token: "jlt_" + new string('0', 64)));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("Authentication failed", push.Output);
    }

    [Fact]
    public async Task Push_WithPasswordInsteadOfToken_IsRefusedAskingForAToken()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("password"));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project, "admin", PlatformProcess.AdminPassword));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("Token", push.Output);
    }

    [Fact]
    public async Task Push_ToAnotherTeamsProject_IsForbidden()
    {
        var owners = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(owners);
        var intruders = await platform.CreateTeamAsync();
        using var repo = GitRepo.Create(SampleApps.StaticSite("defaced"));

        var push = await repo.PushAsync(platform.RemoteUrl(owners, project, intruders.User, intruders.Token));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("403", push.Output);
        Assert.Contains("ist nicht Mitglied", push.Output);   // git sends no Accept-Language under LANG=C.UTF-8: German, the default
    }

    [Fact]
    public async Task RevokedToken_NoLongerWorksForTheApi()
    {
        var team = await platform.CreateTeamAsync();
        using var asYouth = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        asYouth.DefaultRequestHeaders.Authorization = new("Bearer", team.Token);
        var tokens = await PlatformFixture.ReadJson(await asYouth.GetAsync("tokens"));
        var id = tokens[0].GetProperty("id").GetInt32();

        await PlatformFixture.EnsureSuccess(await asYouth.DeleteAsync($"tokens/{id}"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await asYouth.GetAsync("me")).StatusCode);
    }

    [Fact]
    public async Task Youth_CannotSeeAnotherTeamsProjects()
    {
        var owners = await platform.CreateTeamAsync();
        await platform.CreateProjectAsync(owners);
        var other = await platform.CreateTeamAsync();
        using var asOther = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        asOther.DefaultRequestHeaders.Authorization = new("Bearer", other.Token);

        var response = await asOther.GetAsync($"teams/{owners.Name}/projects");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Project_OverTheQuota_IsRefusedNamingTheLimitAndTheExcess()
    {
        var team = await platform.CreateTeamAsync();

        var response = await platform.Api.PostAsJsonAsync($"teams/{team.Name}/projects", new { name = platform.UniqueName("big"), memoryMb = 512 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("256 MB", body);
        Assert.Contains("256 MB too much", body);
    }
}
