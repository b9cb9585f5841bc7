using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>Requests that arrive at once get the same clear answers as requests one after the other.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConcurrencyTests(PlatformFixture platform)
{
    [Fact]
    public async Task TenParallelCreations_OfTheSameName_GiveOneCreatedAndNineConflicts()
    {
        var team = await platform.CreateTeamAsync();
        var name = platform.UniqueName("race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            platform.Api.PostAsJsonAsync($"teams/{team.Name}/projects", new { name })));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ParallelCreations_NeverPassTheTeamsProjectQuota()
    {
        var team = await platform.CreateTeamAsync();
        await PlatformFixture.EnsureSuccess(await platform.Api.PutAsJsonAsync($"teams/{team.Name}/quota",
            new { maxProjects = 2, memoryMb = 256, cpus = 0.5, diskMb = 1024 }));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            platform.Api.PostAsJsonAsync($"teams/{team.Name}/projects", new { name = platform.UniqueName("q") })));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        var projects = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects"));
        Assert.Equal(2, projects.GetArrayLength());
    }

    [Fact]
    public async Task ParallelTeamCreations_OfTheSameName_GiveOneCreatedAndConflicts()
    {
        var name = platform.UniqueName("crew");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => platform.Api.PostAsJsonAsync("teams", new { name })));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Conflict));
    }
}
