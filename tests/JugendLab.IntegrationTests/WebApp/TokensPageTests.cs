using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>A youth makes an access token in the browser, uses it, and deletes it again.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class TokensPageTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_CreatesATokenShownOnce_WithTheGitRemoteLine_PushesWithIt_ThenRevokesIt_AndGitAndTheApiRefuseIt()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var youth = platform.UniqueName("ben");
        var password = "herbst-im-kiez-" + Guid.NewGuid().ToString("n")[..6];
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync("users", new { name = youth, password }));
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync($"teams/{team.Name}/members", new { user = youth }));
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Zugangs-Tokens" }).ClickAsync();
        await browser.Page.GetByLabel("Name des Tokens").FillAsync("handy");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Token erstellen" }).ClickAsync();
        var token = await browser.Page.Locator("#token-value").InputValueAsync();
        var remote = await browser.Page.Locator("pre.command").First.TextContentAsync();
        await browser.AssertAccessibleAsync("Zugangs-Tokens with a new token (German, phone)");
        await browser.ScreenshotAsync("tokens-phone-de");
        var worksBefore = await MeAsync(token);
        using var repo = GitRepo.Create(SampleApps.StaticSite("mit dem Handy-Token"));
        var pushBefore = await repo.PushAsync(platform.RemoteUrl(team, project, youth, token));
        await browser.Page.GotoAsync("/tokens");
        var shownAgain = (await browser.Page.ContentAsync()).Contains(token);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Token «handy» löschen" }).ClickAsync();

        Assert.StartsWith("jlt_", token);
        Assert.Contains($"/git/{team.Name}/{project}.git", remote);
        Assert.Contains($"{youth}:{token}@", remote);
        Assert.Equal(HttpStatusCode.OK, worksBefore);
        Assert.False(shownAgain, "the token was shown a second time");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("«handy» ist gelöscht");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(token));
        Assert.True(pushBefore.Succeeded, pushBefore.ToString());
        repo.Commit(SampleApps.StaticSite("nach dem Löschen"), "after");
        var pushAfter = await repo.PushAsync(platform.RemoteUrl(team, project, youth, token));
        Assert.False(pushAfter.Succeeded, "git accepted a deleted token");
        Assert.Contains("mit dem Handy-Token", (await platform.VisitAsync(project)).Body);
        await browser.AssertAccessibleAsync("Zugangs-Tokens after revoking");
    }

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var answer = await client.GetAsync("me");
        return answer.StatusCode;
    }
}
