using System.Net;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>A youth looks at the team: who is in it, how much of the quota it uses, and its projects.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class TeamPageTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_OpensTheTeamFromMeineProjekte_AndSeesMembersQuotaUsageAndProjects_AsTheApiSays()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var small = await platform.CreateProjectAsync(team, new { memoryMb = 128 });
        var big = await platform.CreateProjectAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = $"Team {team.Name}", Exact = true }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = $"Team {team.Name}", Level = 1 })).ToBeVisibleAsync();
        using var api = platform.ApiAs(team);
        var usage = JsonDocument.Parse(await api.GetStringAsync($"teams/{team.Name}/usage")).RootElement;

        Assert.EndsWith($"/teams/{team.Name}", browser.Page.Url);
        var members = browser.Page.Locator("ul.members");
        await Assertions.Expect(members).ToContainTextAsync(youth);
        await Assertions.Expect(members).ToContainTextAsync(team.User);
        await Assertions.Expect(browser.Page.GetByLabel("Projekte: 2 von 3")).ToHaveAttributeAsync("value", "2");
        await Assertions.Expect(browser.Page.GetByLabel("Arbeitsspeicher: 384 MB von 768 MB reserviert (höchstens 256 MB pro Projekt)"))
            .ToHaveAttributeAsync("max", "768");
        await Assertions.Expect(browser.Page.GetByLabel("CPU: 1 von 1.5 reserviert (höchstens 0.5 pro Projekt)")).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByLabel(new System.Text.RegularExpressions.Regex(@"^Speicherplatz in /data: [\d.]+ MB von 3072 MB belegt"))).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = small, Exact = true })).ToHaveAttributeAsync("href", $"/projekte/{team.Name}/{small}");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = big, Exact = true })).ToHaveAttributeAsync("href", $"/projekte/{team.Name}/{big}");
        Assert.Equal(2, usage.GetProperty("projects").GetProperty("used").GetInt32());
        Assert.Equal(3, usage.GetProperty("projects").GetProperty("of").GetInt32());
        Assert.Equal(384, usage.GetProperty("memoryMb").GetProperty("used").GetInt32());
        Assert.Equal(768, usage.GetProperty("memoryMb").GetProperty("of").GetInt32());
        Assert.Equal(1.0, usage.GetProperty("cpus").GetProperty("used").GetDouble(), 3);
        Assert.Equal(3072L * 1024 * 1024, usage.GetProperty("diskBytes").GetProperty("of").GetInt64());
        Assert.Contains(youth, usage.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        await browser.AssertAccessibleAsync("the team page (German, phone)");
        await browser.ScreenshotAsync("team-phone-de");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task TeamPage_InEnglish_AtDesktopSize_IsAccessible()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform, locale: "en-GB", phone: false);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/teams/{team.Name}");

        await Assertions.Expect(browser.Page.GetByLabel("Projects: 0 of 3")).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByText("This team has no projects yet.")).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("the team page (English, desktop)");
    }

    [Fact]
    public async Task AnotherTeamsYouth_GetsNotFound_ForTheTeamPage_AndItsUsage()
    {
        var victim = await platform.CreateTeamAsync();
        await platform.CreateProjectAsync(victim);
        var (attacker, youth, password) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        using var api = platform.ApiAs(attacker);

        var page = await Fetched.FromAsync(browser.Page, $"/teams/{victim.Name}");
        using var answer = await api.GetAsync($"teams/{victim.Name}/usage");

        Assert.Equal(404, page.Status);
        Assert.Contains("Nicht gefunden", page.Body); // the friendly page, the same as for a team that does not exist
        Assert.DoesNotContain(victim.User, page.Body);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
