using System.Net.Http.Json;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>People who sign in to the web app with a password (the fixture's team youth only has a token).</summary>
public static class Youths
{
    /// <summary>A new youth with a password, member of <paramref name="team"/>.</summary>
    public static async Task<(string Name, string Password)> JoinWithPasswordAsync(this PlatformFixture platform, TestTeam team)
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync($"teams/{team.Name}/members", new { user = youth }));
        return (youth, password);
    }

    /// <summary>A new youth with a password and no team yet.</summary>
    public static async Task<(string Name, string Password)> YouthWithPasswordAsync(this PlatformFixture platform)
    {
        var youth = platform.UniqueName("mia");
        var password = "sommer-im-kiez-" + Guid.NewGuid().ToString("n")[..6];
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync("users", new { name = youth, password }));
        return (youth, password);
    }

    /// <summary>The JSON API as a person who signs in with their name and password.</summary>
    public static HttpClient ApiAs(this PlatformFixture platform, string name, string password)
    {
        var client = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(name, password);
        return client;
    }
}
