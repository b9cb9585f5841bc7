using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>Something broke after a push: a youth goes back to the version before, from the phone, in one tap.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class RollbackTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_GoesBackToTheVersionBefore_FromTheVerlauf_AndWatchesItGoOnline()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("die gute Version"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Commit(SampleApps.StaticSite("die kaputte Version"), "Alles neu");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var versions = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments"));
        var (running, good) = (versions[0].GetProperty("id").GetInt32(), versions[1].GetProperty("id").GetInt32());
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/verlauf");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = $"Zu dieser Version zurück (Version {running})", Exact = true })).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("Verlauf with a version to go back to (German, phone)");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = $"Zu dieser Version zurück (Version {good})", Exact = true }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Online", new() { Timeout = 60_000 });
        Assert.Contains("die gute Version", (await platform.VisitAsync(project)).Body);
        await Assertions.Expect(browser.Page.Locator(".build-log-lines")).ToContainTextAsync($"Zurück zu Version {good}");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/verlauf");
        await Assertions.Expect(browser.Page.Locator(".versions li").First).ToContainTextAsync("Live");
        await Assertions.Expect(browser.Page.Locator(".versions li").First).ToContainTextAsync($"zurück zu Version {good}");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = $"Zu dieser Version zurück (Version {running})", Exact = true })).ToHaveCountAsync(1);
    }
}
