using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>A team puts its project into the public Schaufenster; residents see it without an account, and nothing about the youth.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class ShowcaseTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Team_ShowsItsProject_ResidentsSeeTitleDescriptionAndTeam_ScriptsNever_AndOnlyWhileItIsLive()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Kiez-Quiz"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var title = "Kiez-Quiz " + platform.UniqueName("q");

        await using var phone = await BrowserSession.StartAsync(platform);
        await phone.SignInAsync(youth, password);
        await phone.Page.GotoAsync($"/projekte/{team.Name}/{project}");
        await phone.Page.Locator("nav.tabs").GetByRole(AriaRole.Link, new() { Name = "Schaufenster" }).ClickAsync();
        await phone.Page.GetByLabel("Im Schaufenster zeigen").CheckAsync();
        await phone.Page.GetByLabel("Titel").FillAsync(title);
        await phone.Page.GetByLabel("Beschreibung").FillAsync(
            "Ein **Quiz** über unser Quartier.\n\n- 20 Fragen\n- für alle ab 10\n\n[Quartierverein](https://example.org/verein) <script>alert('x')</script> [böse](javascript:alert(1))");
        await phone.AssertAccessibleAsync("the Schaufenster tab (German, phone)");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Euer Projekt ist im Schaufenster");
        await phone.ScreenshotAsync("schaufenster-tab-phone-de");

        // A resident, with no account, on the platform's own address.
        await using var resident = await BrowserSession.StartAsync(platform);
        var dialogs = 0;
        resident.Page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await resident.Page.GotoAsync("/schaufenster");
        var card = resident.Page.Locator(".showcase li", new() { HasText = title });
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync($"Vom Team {team.Name}");
        await Assertions.Expect(card.Locator("strong")).ToHaveTextAsync("Quiz");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "Quartierverein" })).ToHaveAttributeAsync("href", "https://example.org/verein");
        var siteLink = await card.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).GetAttributeAsync("href");
        var reportLink = await card.GetByRole(AriaRole.Link, new() { Name = $"Problem melden: {title}" }).GetAttributeAsync("href");
        var scripts = await card.Locator("script").CountAsync();
        var badLinks = await card.Locator("a[href^='javascript']").CountAsync();
        var text = await card.InnerTextAsync();
        await resident.AssertAccessibleAsync("the public Schaufenster (German, phone)");
        await resident.ScreenshotAsync("schaufenster-phone-de");

        // Stopped, it leaves the showcase; live again, it is back.
        using var api = platform.ApiAs(team);
        await PlatformFixture.EnsureSuccess(await api.PostAsync($"teams/{team.Name}/projects/{project}/stop", null));
        await resident.Page.ReloadAsync();
        var whileStopped = await resident.Page.Locator(".showcase li", new() { HasText = title }).CountAsync();

        Assert.Equal(platform.SiteUrl(project).ToString(), siteLink);
        Assert.Equal($"/melden/{project}", reportLink);
        Assert.Equal(0, scripts);
        Assert.Equal(0, badLinks);
        Assert.Equal(0, dialogs);
        Assert.DoesNotContain(youth, text); // nothing about the youth but the team's name
        Assert.Equal(0, whileStopped);
    }
}
