using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>A youth signs in with a browser on a phone and sees the team's projects, in German or English.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class SignInAndProjectsPageTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_SignsIn_AndSeesTheTeamsProjectsAsCards_WithStatusInWords_AndNoOtherTeams()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var live = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("seen on a phone"));
        (await repo.PushAsync(platform.RemoteUrl(team, live))).AssertSucceeded();
        var empty = await platform.CreateProjectAsync(team);
        var others = await platform.CreateTeamAsync();
        var foreign = await platform.CreateProjectAsync(others);
        await using var browser = await BrowserSession.StartAsync(platform);

        await browser.Page.GotoAsync("/");
        Assert.EndsWith("/anmelden?ReturnUrl=%2F", browser.Page.Url);
        await browser.AssertAccessibleAsync("the sign-in page (German, phone)");
        await browser.ScreenshotAsync("anmelden-phone-de");
        await browser.SignInAsync(youth, password);

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Meine Projekte", Level = 1 })).ToBeVisibleAsync();
        var liveCard = browser.Page.Locator(".card", new() { Has = browser.Page.GetByRole(AriaRole.Heading, new() { Name = live }) });
        await Assertions.Expect(liveCard.Locator(".status")).ToContainTextAsync("Live");
        await Assertions.Expect(liveCard.GetByRole(AriaRole.Link, new() { Name = platform.SiteUrl(live).ToString() }))
            .ToHaveAttributeAsync("href", platform.SiteUrl(live).ToString());
        await Assertions.Expect(liveCard.GetByRole(AriaRole.Link, new() { Name = live, Exact = true }))
            .ToHaveAttributeAsync("href", $"/projekte/{team.Name}/{live}");
        await Assertions.Expect(liveCard).ToContainTextAsync($"von {team.User}");
        var emptyCard = browser.Page.Locator(".card", new() { Has = browser.Page.GetByRole(AriaRole.Heading, new() { Name = empty }) });
        await Assertions.Expect(emptyCard.Locator(".status")).ToContainTextAsync("Noch leer");
        await Assertions.Expect(browser.Page.GetByText("2 von 3 Projekten")).ToBeVisibleAsync();
        Assert.DoesNotContain(foreign, await browser.Page.ContentAsync());
        Assert.DoesNotContain(others.Name, await browser.Page.ContentAsync());
        await browser.AssertAccessibleAsync("Meine Projekte (German, phone)");
        await browser.ScreenshotAsync("projekte-phone-de");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task LiveProjectCard_ShowsItsMemoryUse_AsABarWithWords()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var live = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ContainerSite("gemessen")); // a container: a static website has no memory to measure
        (await repo.PushAsync(platform.RemoteUrl(team, live))).AssertSucceeded();
        await platform.WaitForPlatformAsync(async () =>
            (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{live}/usage"))).GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "a usage sample");
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        var card = browser.Page.Locator(".card", new() { Has = browser.Page.GetByRole(AriaRole.Heading, new() { Name = live }) });
        await Assertions.Expect(card.Locator(".card-usage")).ToContainTextAsync("Arbeitsspeicher:");
        await Assertions.Expect(card.Locator(".card-usage")).ToContainTextAsync("von 256 MB");
        await Assertions.Expect(card.GetByRole(AriaRole.Meter)).ToHaveAttributeAsync("max", "256");
        await browser.AssertAccessibleAsync("Meine Projekte with a usage bar");
    }

    [Fact]
    public async Task WrongPassword_SaysWhatToDo_AndKeepsTheTypedName()
    {
        var (_, youth, _) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);

        await browser.SignInAsync(youth, "not-the-password");

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Name oder Passwort stimmt nicht");
        await Assertions.Expect(browser.Page.GetByLabel("Name")).ToHaveValueAsync(youth);
        await browser.AssertAccessibleAsync("the sign-in page with an error");
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheAppInEnglish_AtDesktopSize_AndKeepsIt()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        await platform.CreateProjectAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform, phone: false);
        await browser.SignInAsync(youth, password);

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await browser.Page.ReloadAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "My projects", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator(".status").First).ToContainTextAsync("Empty");
        Assert.Equal("en", await browser.Page.GetAttributeAsync("html", "lang"));
        await browser.AssertAccessibleAsync("My projects (English, desktop)");
        await browser.ScreenshotAsync("projects-desktop-en");
    }

    [Fact]
    public async Task BrowserWithEnglishLanguage_GetsEnglish_WithoutSwitching()
    {
        await using var browser = await BrowserSession.StartAsync(platform, locale: "en-GB");

        await browser.Page.GotoAsync("/anmelden");

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("the sign-in page (English, phone)");
    }

    [Fact]
    public async Task SessionCookie_IsHostOnlyStrictAndHttpOnly_AndTheApiDoesNotAcceptIt()
    {
        var (_, youth, password) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        var session = (await browser.Context.CookiesAsync()).Single(c => c.Name == "jugendlab.session");
        using var api = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{platform.Platform.Port}/api/me");
        request.Headers.Add("Cookie", $"{session.Name}={session.Value}");
        using var answer = await api.SendAsync(request);

        Assert.Equal("lab.localhost", session.Domain);   // no leading dot: host-only, never sent to project subdomains
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.True(session.HttpOnly);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var (_, youth, password) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await browser.Page.GotoAsync("/");

        Assert.Contains("/anmelden", browser.Page.Url);
    }

}
