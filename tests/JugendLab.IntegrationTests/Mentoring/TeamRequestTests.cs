using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>Youth without a team ask for one; a mentor approves one and declines another; the approved youth builds there.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class TeamRequestTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_AskForNewTeams_MentorApprovesOneAndDeclinesOneWithANote_AndTheYouthMakesAProjectInTheNewTeam()
    {
        var (mia, miaPassword) = await platform.YouthWithPasswordAsync();
        var (ben, benPassword) = await platform.YouthWithPasswordAsync();
        var taken = (await platform.CreateTeamAsync()).Name;
        var quizTeam = platform.UniqueName("quiz");
        var filmTeam = platform.UniqueName("film");

        // Mia is in no team: her start page invites her to ask for one. A taken name is refused, and what she wrote stays.
        await using var phone = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:7e:1::1");
        await phone.SignInAsync(mia, miaPassword);
        await Assertions.Expect(phone.Page.GetByText("Du bist noch in keinem Team")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync("the start page without a team (German, phone)");
        await phone.ScreenshotAsync("start-ohne-team-phone-de");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Neues Team anfragen" }).ClickAsync();
        await phone.Page.GetByLabel("Name des Teams").FillAsync(taken);
        await phone.Page.GetByLabel("Was wollt ihr bauen?").FillAsync("Ein Quiz für das Quartierfest, mit Fragen über unser Quartier.");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Team anfragen" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Den Teamnamen „{taken}“ gibt es schon");
        await Assertions.Expect(phone.Page.GetByLabel("Was wollt ihr bauen?")).ToHaveValueAsync("Ein Quiz für das Quartierfest, mit Fragen über unser Quartier.");
        await phone.Page.GetByLabel("Name des Teams").FillAsync(quizTeam);
        await phone.AssertAccessibleAsync("Neues Team anfragen after a refusal (German, phone)");
        await phone.ScreenshotAsync("team-anfrage-phone-de");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Team anfragen" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deine Anfrage ist bei den Mentor:innen");
        await Assertions.Expect(phone.Page.Locator(".requests")).ToContainTextAsync($"Offen – Team «{quizTeam}»");
        await Assertions.Expect(phone.Page.GetByLabel("Name des Teams")).ToHaveCountAsync(0); // one open request at a time
        var mentorsPage = await phone.Page.GotoAsync("/betreuung/anfragen");

        // Ben asks through the API; a second open request is refused, and neither of them can decide, not even their own.
        using var benApi = platform.ApiAs(ben, benPassword);
        using var miaApi = platform.ApiAs(mia, miaPassword);
        await PlatformFixture.EnsureSuccess(await benApi.PostAsJsonAsync("team-requests",
            new { name = filmTeam, purpose = "Ein Filmclub: wir drehen kurze Filme im Quartier und zeigen sie online." }));
        var benAgain = await benApi.PostAsJsonAsync("team-requests", new { name = filmTeam + "x", purpose = "Noch ein Team" });
        var miasOwn = await PlatformFixture.ReadJson(await miaApi.GetAsync("team-requests"));
        var miasId = miasOwn[0].GetProperty("id").GetInt32();
        var selfApproval = await miaApi.PostAsJsonAsync($"team-requests/{miasId}/decision", new { approve = true, note = "passt" });

        // A mentor sees both under Anfragen › Neue Teams, approves Mia's and declines Ben's (a "no" needs a note).
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform, phone: false, forwardedFor: "2001:db8:7e:2::1");
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GotoAsync("/betreuung");
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Region, new() { Name = "Was auf dich wartet" })).ToContainTextAsync("für neue Teams");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Anfragen", Exact = true }).First.ClickAsync();
        var quizCard = desk.Page.GetByRole(AriaRole.Region, new() { Name = $"Neues Team {quizTeam}" });
        var filmCard = desk.Page.GetByRole(AriaRole.Region, new() { Name = $"Neues Team {filmTeam}" });
        await Assertions.Expect(quizCard).ToContainTextAsync("Quartierfest");
        await Assertions.Expect(filmCard).ToContainTextAsync("Filmclub");
        await quizCard.GetByLabel($"Notiz an {mia}").FillAsync("Tolle Idee! Ladet eure Freund:innen ins Team ein.");
        await desk.AssertAccessibleAsync("Anfragen with new-team requests (German, desktop)");
        await desk.ScreenshotAsync("neue-teams-desktop-de");
        await quizCard.GetByRole(AriaRole.Button, new() { Name = $"Neues Team {quizTeam} genehmigen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Genehmigt: Das Team {quizTeam} ist erstellt, und {mia} ist Mitglied.");

        await filmCard.GetByRole(AriaRole.Button, new() { Name = $"Neues Team {filmTeam} ablehnen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("warum du ablehnst");
        await Assertions.Expect(filmCard).ToBeVisibleAsync();
        await filmCard.GetByLabel($"Notiz an {ben}").FillAsync("Es gibt schon ein Film-Team. Frag deine Mentor:in, ob du dort mitmachen kannst.");
        await filmCard.GetByRole(AriaRole.Button, new() { Name = $"Neues Team {filmTeam} ablehnen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Abgelehnt: {ben} sieht deine Notiz zum Team {filmTeam}.");
        await Assertions.Expect(quizCard).ToHaveCountAsync(0);
        await Assertions.Expect(filmCard).ToHaveCountAsync(0);

        // Mia sees the answer with the note, and may ask again.
        await phone.Page.GotoAsync("/teams/neu");
        await Assertions.Expect(phone.Page.Locator(".requests")).ToContainTextAsync($"Genehmigt – Team «{quizTeam}»");
        await Assertions.Expect(phone.Page.Locator(".requests")).ToContainTextAsync($"Notiz von {mentor}: Tolle Idee!");
        await Assertions.Expect(phone.Page.GetByLabel("Name des Teams")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync("Neues Team anfragen with an approved request (German, phone)");
        await phone.ScreenshotAsync("team-anfrage-genehmigt-phone-de");

        // She is in the new team: it is on her start page, and she makes a project there that goes live.
        var project = platform.UniqueName("quiz");
        await phone.Page.GotoAsync("/");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = $"Neues Projekt im Team {quizTeam}" }).ClickAsync();
        await phone.Page.GetByLabel("Name des Projekts").FillAsync(project);
        await phone.Page.GetByLabel("Website (HTML/CSS)", new() { Exact = true }).CheckAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Projekt erstellen und veröffentlichen" }).ClickAsync();
        await phone.WaitForAddressAsync(new Regex($"/projekte/{quizTeam}/{project}/verlauf/[0-9]+$"));
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Status == HttpStatusCode.OK,
            TimeSpan.FromMinutes(3), $"{project} live in the new team {quizTeam}");

        var team = await PlatformFixture.ReadJson(await miaApi.GetAsync($"teams/{quizTeam}"));
        var bensNow = await PlatformFixture.ReadJson(await benApi.GetAsync("team-requests"));
        var filmTeamNow = await platform.Api.GetAsync($"teams/{filmTeam}");
        var decided = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?team={quizTeam}&action=TeamRequestDecided"));
        var declined = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?team={filmTeam}&action=TeamRequestDecided"));

        Assert.Equal(HttpStatusCode.NotFound, (HttpStatusCode)mentorsPage!.Status);
        Assert.Equal(HttpStatusCode.Conflict, benAgain.StatusCode);
        Assert.Single(miasOwn.EnumerateArray());
        Assert.Equal(quizTeam, miasOwn[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal([mia], team.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(3, team.GetProperty("quota").GetProperty("maxProjects").GetInt32());
        Assert.Equal("Declined", bensNow[0].GetProperty("status").GetString());
        Assert.Equal("Es gibt schon ein Film-Team. Frag deine Mentor:in, ob du dort mitmachen kannst.", bensNow[0].GetProperty("note").GetString());
        Assert.Equal(HttpStatusCode.NotFound, filmTeamNow.StatusCode);
        Assert.Equal(mentor, decided[0].GetProperty("actor").GetString());
        Assert.Contains("Approved", decided[0].GetProperty("target").GetString());
        Assert.Contains("Declined", declined[0].GetProperty("target").GetString());
        Assert.Equal(bensNow[0].GetProperty("note").GetString(), declined[0].GetProperty("reason").GetString());
    }
}
