using System.Net.Http.Json;
using System.Text.RegularExpressions;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>
/// The mentors' and residents' pages in English (a browser that asks for English), each with something to decide on it:
/// English headings and actions, no axe violations, and the screenshots for docs/for-mentors.md.
/// </summary>
[Collection(WebPlatformCollection.Name)]
public sealed class EnglishPagesTests(WebPlatformFixture platform)
{
    // Documentation addresses (RFC 3849), sent only as X-Forwarded-For: the traffic stays on loopback.
    private const string Desk = "2001:db8:e9:1::1";
    private const string Resident = "2001:db8:e9:2::1";
    private const string WishPoster = "2001:db8:e9:3::1";

    [Fact]
    public async Task MentorAndResidentPages_InEnglish_SpeakEnglish_AndPassAxe()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var api = platform.ApiAs(team);
        await PlatformFixture.EnsureSuccess(await api.PostAsJsonAsync($"teams/{team.Name}/quota-requests",
            new { asked = new { maxProjects = 4, memoryMb = 512, cpus = 0.5, diskMb = 1024 }, reason = "Our game server needs more memory." }));
        var wish = "A website for the tenants' association " + platform.UniqueName("w");
        using (var poster = platform.AnonymousFrom(WishPoster))
            await PlatformFixture.EnsureSuccess(await poster.PostAsJsonAsync("wishes",
                new { title = wish, text = "With the dates of our meetings and how to join.", from = "Tenants of Lindenhof" }));

        // A resident reports a problem, in English, on a phone.
        await using (var resident = await BrowserSession.StartAsync(platform, locale: "en-GB", forwardedFor: Resident))
        {
            await resident.Page.GotoAsync($"/melden/{project}");
            await Assertions.Expect(resident.Page.GetByRole(AriaRole.Heading, new() { Name = $"Report a problem with \u201c{project}\u201d", Level = 1 }))
                .ToBeVisibleAsync();
            await resident.Page.GetByLabel("does not work").CheckAsync();
            await resident.Page.GetByLabel(new Regex("^What happened\\?")).FillAsync("The quiz page stays blank on my phone.");
            await resident.AssertAccessibleAsync("reporting a problem (English, phone)");
            await resident.ScreenshotAsync("melden-phone-en");
            await resident.Page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
            await Assertions.Expect(resident.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your report is with the mentors");

            await resident.Page.GotoAsync("/wuensche/neu");
            await Assertions.Expect(resident.Page.GetByRole(AriaRole.Heading, new() { Name = "Post a wish", Level = 1 })).ToBeVisibleAsync();
            await resident.AssertAccessibleAsync("posting a wish (English, phone)");
            await resident.ScreenshotAsync("wunsch-einreichen-phone-en");

            await resident.Page.GotoAsync("/schaufenster");
            await Assertions.Expect(resident.Page.GetByRole(AriaRole.Heading, new() { Name = "Showcase", Level = 1 })).ToBeVisibleAsync();
            await resident.AssertAccessibleAsync("the showcase (English, phone)");
            await resident.ScreenshotAsync("schaufenster-phone-en");
        }

        // A mentor at a laptop, in English: every Betreuung page, each with the thing waiting on it.
        var (mentor, password) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform, locale: "en-GB", phone: false, forwardedFor: Desk);
        await desk.SignInAsync(mentor, password);
        await desk.Page.GotoAsync("/betreuung");
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = "Mentoring", Level = 1 })).ToBeVisibleAsync();
        await desk.AssertAccessibleAsync("Mentoring (English, desktop)");
        await desk.ScreenshotAsync("betreuung-desktop-en");

        var sections = desk.Page.GetByRole(AriaRole.Navigation, new() { Name = "Mentoring sections" });
        await sections.GetByRole(AriaRole.Link, new() { Name = "Requests", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Our game server needs more memory.");
        await desk.AssertAccessibleAsync("Requests (English, desktop)");
        await desk.ScreenshotAsync("anfragen-desktop-en");

        await sections.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("The quiz page stays blank on my phone.");
        await desk.AssertAccessibleAsync("Reports (English, desktop)");
        await desk.ScreenshotAsync("meldungen-desktop-en");

        await sections.GetByRole(AriaRole.Link, new() { Name = "Wishes", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Region, new() { Name = wish })).ToContainTextAsync("Tenants of Lindenhof");
        await desk.AssertAccessibleAsync("Wishes (English, desktop)");
        await desk.ScreenshotAsync("wuensche-betreuung-desktop-en");

        await sections.GetByRole(AriaRole.Link, new() { Name = "Invites", Exact = true }).ClickAsync();
        await desk.Page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(team.Name);
        await desk.AssertAccessibleAsync("Invites (English, desktop)");
        await desk.ScreenshotAsync("einladungen-desktop-en");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Create codes" }).ClickAsync();
        // One code opens as its card, to print or show.
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"One new invite code for team \u201c{team.Name}\u201d.");
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        await desk.AssertAccessibleAsync("an invite card (English, desktop)");
        await desk.ScreenshotAsync("einladung-desktop-en");

        await desk.Page.GotoAsync("/betreuung/projekte");
        await desk.Page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(team.Name);
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Link, new() { Name = project, Exact = true })).ToBeVisibleAsync();
        await desk.AssertAccessibleAsync("Projects (English, desktop)");
        await desk.ScreenshotAsync("betreuung-projekte-desktop-en");

        foreach (var (link, shot) in new[] { ("Neighbourhood chat", "quartier-chat-desktop-en"), ("Teams", "teams-desktop-en"), ("People", "personen-desktop-en"), ("Audit log", "protokoll-desktop-en") })
        {
            await sections.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = link, Level = 1 })).ToBeVisibleAsync();
            await desk.AssertAccessibleAsync($"{link} (English, desktop)");
            await desk.ScreenshotAsync(shot);
        }
        // The audit log has the invite this mentor just made, in English words.
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Main)).ToContainTextAsync(mentor);
    }
}
