using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>A youth sets a secret and deletes a project from the phone; a youth of another team sees none of it.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class SettingsAndDeleteTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_SetsASecret_TheAppReadsItAfterTheRestart_AndThePageNeverShowsItAgain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.AppThatShows("WEATHER_KEY"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        var secret = "wolke-" + Guid.NewGuid().ToString("n")[..10];
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/einstellungen");
        await browser.AssertAccessibleAsync("Einstellungen (German, phone)");
        await browser.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("WEATHER_KEY");
        await browser.Page.GetByLabel("Wert").FillAsync(secret);
        await browser.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Geheimnis" }).CheckAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).Last.ClickAsync();

        Assert.Contains($"/projekte/{team.Name}/{project}/verlauf/", browser.Page.Url);
        await PlatformFixture.WaitUntilAsync(async () => (await platform.VisitAsync(project)).Body == $"value={secret}",
            TimeSpan.FromSeconds(60), "the app reading the secret");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/einstellungen");
        await Assertions.Expect(browser.Page.Locator(".list li", new() { HasText = "WEATHER_KEY" })).ToContainTextAsync("geheim");
        Assert.DoesNotContain(secret, await browser.Page.ContentAsync());
        await browser.AssertAccessibleAsync("Einstellungen with a secret (German, phone)");
        await browser.ScreenshotAsync("einstellungen-phone-de");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the settings page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task Youth_WithAWrongVariableName_IsToldTheRule_AndKeepsWhatWasTyped()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/einstellungen");
        await browser.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("2 cool");
        await browser.Page.GetByLabel("Wert").FillAsync("ja");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).Last.ClickAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Erlaubt sind Buchstaben");
        await Assertions.Expect(browser.Page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("2 cool");
        await Assertions.Expect(browser.Page.GetByLabel("Wert")).ToHaveValueAsync("ja");
        await browser.AssertAccessibleAsync("Einstellungen with an error");
    }

    [Fact]
    public async Task Youth_DeletesAProject_AfterTypingItsName_AndItsSiteIsGone()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("bald weg"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/loeschen");
        await browser.AssertAccessibleAsync("Löschen (German, phone)");
        await browser.ScreenshotAsync("loeschen-phone-de");
        await browser.Page.GetByLabel("Tipp zur Sicherheit").FillAsync("falscher-name");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = $"{project} für immer löschen" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(project);
        await Assertions.Expect(browser.Page.GetByLabel("Tipp zur Sicherheit")).ToHaveValueAsync("falscher-name");
        Assert.Contains("bald weg", (await platform.VisitAsync(project)).Body);

        await browser.Page.GetByLabel("Tipp zur Sicherheit").FillAsync(project);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = $"{project} für immer löschen" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Das Projekt {project} ist gelöscht.");
        Assert.DoesNotContain("bald weg", (await platform.VisitAsync(project)).Body);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = project })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task YouthOfAnotherTeam_GetsNotFound_OnEveryPageOfTheProject()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var (stranger, password) = await platform.JoinWithPasswordAsync(await platform.CreateTeamAsync());
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(stranger, password);

        foreach (var page in new[] { "", "/einstellungen", "/loeschen" })
        {
            var answer = await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}{page}");
            Assert.Equal(404, answer!.Status);
            await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Nicht gefunden", Level = 1 })).ToBeVisibleAsync();
            Assert.DoesNotContain(project, await browser.Page.ContentAsync());
        }
        await browser.AssertAccessibleAsync("the not-found page");
    }

    [Fact]
    public async Task ProjectPages_InEnglish_AtDesktopSize_AreAccessible()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform, locale: "en-GB", phone: false);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");
        await browser.AssertAccessibleAsync("Overview (English, desktop)");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/einstellungen");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Environment variables and secrets" })).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("Settings (English, desktop)");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/loeschen");
        await browser.AssertAccessibleAsync("Delete (English, desktop)");
    }

    [Fact]
    public async Task Overview_ShowsStatusAddressAndHowToPush_OnAPhone()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("hallo quartier"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");

        await Assertions.Expect(browser.Page.Locator(".status").First).ToContainTextAsync("Live");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = platform.SiteUrl(project).ToString() })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("#push-lines")).ToContainTextAsync($"/git/{team.Name}/{project}.git");
        await browser.AssertAccessibleAsync("Übersicht (German, phone)");
        await browser.ScreenshotAsync("uebersicht-phone-de");
    }
}
