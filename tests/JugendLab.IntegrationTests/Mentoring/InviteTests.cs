using System.Net;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>A mentor lets a youth in with an invite code: no e-mail, no real name, just a nickname and a password.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class InviteTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Mentor_MakesATeamAndAnInviteCode_AYouthJoinsWithItsLink_AndTheCodeWorksOnlyOnce()
    {
        var (mentor, password) = await platform.MentorWithPasswordAsync();
        var team = platform.UniqueName("kiez");
        await using var desk = await BrowserSession.StartAsync(platform);
        await desk.SignInAsync(mentor, password);

        // The mentor makes a team and one code for it, and gets the card to print.
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Betreuung" }).First.ClickAsync();
        await desk.Page.GetByRole(AriaRole.Navigation, new() { Name = "Bereiche der Betreuung" }).GetByRole(AriaRole.Link, new() { Name = "Teams" }).ClickAsync();
        await desk.Page.GetByLabel("Name des neuen Teams").FillAsync(team);
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Team erstellen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Das Team «{team}» ist erstellt");
        await desk.AssertAccessibleAsync("Betreuung › Teams (German, phone)");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Einladungen" }).ClickAsync();
        await desk.Page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(team);
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Codes erstellen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = $"Einladung ins Team {team}" })).ToBeVisibleAsync();
        var code = (await desk.Page.Locator("#invite-code").TextContentAsync())!.Trim();
        var link = (await desk.Page.Locator(".invite-link a").TextContentAsync())!.Trim();
        var qr = await desk.Page.GetByRole(AriaRole.Img, new() { Name = $"QR-Code zur Adresse {link}" }).Locator("svg").CountAsync();
        await desk.AssertAccessibleAsync("the invite card (German, phone)");
        await desk.ScreenshotAsync("einladung-phone-de");

        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        Assert.Equal($"http://lab.localhost:{platform.Platform.Port}/beitreten/{code}", link);
        Assert.Equal(1, qr);

        // A youth scans it: the link opens the join page with the code filled in and the team named.
        await using var phone = await BrowserSession.StartAsync(platform);
        await phone.Page.GotoAsync(link);
        await Assertions.Expect(phone.Page.GetByText($"Mit diesem Code kommst du ins Team «{team}»")).ToBeVisibleAsync();
        Assert.Equal(code, await phone.Page.GetByLabel("Einladungscode").InputValueAsync());
        var nickname = platform.UniqueName("Kiez-Mia"); // capitals are fine: the name is taken in lower case
        await phone.Page.GetByLabel("Spitzname").FillAsync(nickname);
        await phone.Page.GetByLabel("Passwort").FillAsync("kurz");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Beitreten" }).ClickAsync();
        await Assertions.Expect(phone.Page.Locator("#join-password-error")).ToContainTextAsync("mindestens 10 Zeichen");
        Assert.Equal(nickname.ToLowerInvariant(), await phone.Page.GetByLabel("Spitzname").InputValueAsync()); // what was typed stays
        await phone.AssertAccessibleAsync("Beitreten with a refused password (German, phone)");
        await phone.Page.GetByLabel("Passwort").FillAsync("sommer-im-kiez-2026");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Beitreten" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Willkommen, {nickname.ToLowerInvariant()}!");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = $"Team {team}" })).ToBeVisibleAsync();
        await phone.ScreenshotAsync("beigetreten-phone-de");

        // The youth signs in again later with the nickname and the password.
        await using var later = await BrowserSession.StartAsync(platform);
        await later.SignInAsync(nickname.ToLowerInvariant(), "sommer-im-kiez-2026");
        await Assertions.Expect(later.Page.GetByRole(AriaRole.Heading, new() { Name = $"Team {team}" })).ToBeVisibleAsync();

        // The same code a second time lets nobody in, and says so next to the code.
        await using var second = await BrowserSession.StartAsync(platform);
        await second.Page.GotoAsync(link);
        await second.Page.GetByLabel("Spitzname").FillAsync(platform.UniqueName("ben"));
        await second.Page.GetByLabel("Passwort").FillAsync("herbst-im-kiez-2026");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Beitreten" }).ClickAsync();
        await Assertions.Expect(second.Page.Locator("#join-code-error")).ToContainTextAsync("schon jemand beigetreten");

        // The mentor sees who joined with it; the audit log has both steps.
        await desk.Page.GotoAsync("/betreuung/einladungen");
        await Assertions.Expect(desk.Page.GetByText($"Team {team}: {nickname.ToLowerInvariant()} ist am")).ToBeVisibleAsync();
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        await desk.Page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(team);
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        var rows = desk.Page.Locator("table.audit tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Filter(new() { HasText = "Team erstellt" })).ToContainTextAsync(mentor);
        await Assertions.Expect(rows.Filter(new() { HasText = "Einladungscodes erstellt" })).ToContainTextAsync(mentor);
        await Assertions.Expect(rows.Filter(new() { HasText = "Mit Einladungscode beigetreten" })).ToContainTextAsync(nickname.ToLowerInvariant());
        await desk.AssertAccessibleAsync("Protokoll filtered by team (German, phone)");
        await desk.ScreenshotAsync("protokoll-phone-de");
    }

    [Fact]
    public async Task Mentor_WithdrawsAnOpenCode_AndNobodyGetsInWithIt()
    {
        var (mentor, password) = await platform.MentorWithPasswordAsync();
        var team = await platform.CreateTeamAsync();
        await using var desk = await BrowserSession.StartAsync(platform);
        await desk.SignInAsync(mentor, password);
        await desk.Page.GotoAsync($"/betreuung/einladungen?team={team.Name}");
        await desk.Page.GetByLabel("Wie viele Codes?").FillAsync("3");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Codes erstellen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"3 neue Einladungscodes für das Team «{team.Name}»");
        var line = desk.Page.Locator("li", new() { HasText = $"Team {team.Name}, gültig bis" }).First;
        var code = (await line.Locator(".invite-code").TextContentAsync())!.Trim();
        await desk.AssertAccessibleAsync("Einladungen with open codes (German, phone)");
        await desk.ScreenshotAsync("einladungen-phone-de");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = $"Code {code} zurückziehen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Der Code {code} ist zurückgezogen");

        await using var phone = await BrowserSession.StartAsync(platform);
        await phone.Page.GotoAsync($"/beitreten/{code.ToLowerInvariant()}");
        await phone.Page.GetByLabel("Spitzname").FillAsync(platform.UniqueName("leo"));
        await phone.Page.GetByLabel("Passwort").FillAsync("winter-im-kiez-2026");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Beitreten" }).ClickAsync();

        await Assertions.Expect(phone.Page.Locator("#join-code-error")).ToContainTextAsync("zurückgezogen");
        Assert.EndsWith("/beitreten/" + code.ToLowerInvariant(), phone.Page.Url);
    }

    [Fact]
    public async Task Youth_GetsTheSameNotFoundPage_OnEveryMentorPage_AndSeesNoMentorLink()
    {
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform);
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GotoAsync($"/betreuung/einladungen?team={team.Name}");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Codes erstellen" }).ClickAsync();
        var card = new Uri(desk.Page.Url).AbsolutePath;

        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        var links = await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Betreuung" }).CountAsync();
        var answers = new Dictionary<string, int>();
        foreach (var page in new[] { "/betreuung", "/betreuung/einladungen", "/betreuung/teams", card, "/betreuung/einladungen/999999" })
        {
            var response = await browser.Page.GotoAsync(page);
            answers[page] = response!.Status;
            await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Nicht gefunden");
        }

        Assert.Equal(0, links);
        Assert.All(answers, a => Assert.Equal((int)HttpStatusCode.NotFound, a.Value));
    }
}
