using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>Wünsche aus dem Quartier: a resident posts a need, a mentor shows it, a team takes it on and answers it with a project.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class WishTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task AWish_IsPosted_ShownByAMentor_TakenOnByATeam_AndAnsweredInTheShowcase()
    {
        var title = "Website für den Quartierverein " + platform.UniqueName("w");

        // A resident, with no account (a documentation address as X-Forwarded-For: only loopback is reached).
        await using var resident = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:55::1");
        await resident.Page.GotoAsync("/wuensche");
        await resident.Page.GetByRole(AriaRole.Link, new() { Name = "Einen Wunsch einreichen" }).ClickAsync();
        await resident.Page.GetByRole(AriaRole.Button, new() { Name = "Wunsch einreichen" }).ClickAsync();
        await Assertions.Expect(resident.Page.Locator(".error-summary")).ToContainTextAsync("Sag in ein paar Worten");
        await resident.Page.GetByLabel("Was wünschst du dir?").FillAsync(title);
        await resident.Page.GetByLabel("Beschreibung").FillAsync("Mit Agenda, Fotos vom Quartierfest und wie man Mitglied wird.\nBitte einfach zu bedienen.");
        await resident.Page.GetByLabel("Von wem (freiwillig)").FillAsync("Quartierverein Breitenrain");
        await resident.Page.GetByLabel("Wie erreicht man dich? (freiwillig)").FillAsync("verein@example.org");
        await resident.AssertAccessibleAsync("posting a wish (German, phone)");
        await resident.ScreenshotAsync("wunsch-einreichen-phone-de");
        await resident.Page.GetByRole(AriaRole.Button, new() { Name = "Wunsch einreichen" }).ClickAsync();
        await Assertions.Expect(resident.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("bevor er bei den Wünschen erscheint");
        using var anonymous = platform.AnonymousFrom("2001:db8:55::2");
        var beforeMentor = await PlatformFixture.ReadJson(await anonymous.GetAsync("wishes"));

        // A youth cannot decide it, not even through the API.
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        using var api = platform.ApiAs(team);
        var pendingAsYouth = await api.GetAsync("wishes/pending");
        var pending = await PlatformFixture.ReadJson(await platform.Api.GetAsync("wishes/pending"));
        var id = pending.EnumerateArray().Single(w => w.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();
        var decideAsYouth = await api.PostAsJsonAsync($"wishes/{id}/decision", new { show = true });

        // A mentor sees it with the contact, and shows it.
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform, phone: false);
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GotoAsync("/betreuung");
        await desk.Page.GetByRole(AriaRole.Navigation, new() { Name = "Bereiche der Betreuung" })
            .GetByRole(AriaRole.Link, new() { Name = "Wünsche", Exact = true }).ClickAsync();
        var card = desk.Page.GetByRole(AriaRole.Region, new() { Name = title });
        await Assertions.Expect(card).ToContainTextAsync("verein@example.org");
        await Assertions.Expect(card).ToContainTextAsync("Quartierverein Breitenrain");
        await desk.AssertAccessibleAsync("Betreuung › Wünsche with a new wish (German, desktop)");
        await desk.ScreenshotAsync("wuensche-betreuung-desktop-de");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Wunsch zeigen: {title}" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Der Wunsch «{title}» ist jetzt für alle sichtbar");

        // The team takes it on, from the public page.
        await using var phone = await BrowserSession.StartAsync(platform);
        await phone.SignInAsync(youth, password);
        await phone.Page.GotoAsync("/wuensche");
        var wish = phone.Page.Locator(".wishes li", new() { HasText = title });
        await Assertions.Expect(wish).ToContainTextAsync("Sucht ein Team");
        await wish.GetByRole(AriaRole.Button, new() { Name = $"Wunsch übernehmen: {title}" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Euer Team hat den Wunsch");
        await Assertions.Expect(wish).ToContainTextAsync($"Team {team.Name} baut das");
        await phone.AssertAccessibleAsync("Wünsche with a wish the team took on (German, phone)");

        // Another team is told to ask them.
        var other = await platform.CreateTeamAsync();
        using var otherApi = platform.ApiAs(other);
        var secondTeam = await otherApi.PutAsJsonAsync($"wishes/{id}/team", new { team = other.Name });

        // Their project goes live and answers the wish in the showcase.
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Quartierverein Breitenrain"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await phone.Page.GotoAsync($"/projekte/{team.Name}/{project}/schaufenster");
        await phone.Page.GetByLabel("Im Schaufenster zeigen").CheckAsync();
        await phone.Page.GetByLabel("Titel").FillAsync("Quartierverein online");
        await phone.Page.GetByLabel("Antwort auf einen Wunsch aus dem Quartier").SelectOptionAsync(new SelectOptionValue { Label = title });
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Euer Projekt ist im Schaufenster");

        await resident.Page.GotoAsync("/schaufenster");
        var shown = resident.Page.Locator(".showcase li", new() { HasText = "Quartierverein online" });
        await Assertions.Expect(shown.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"/wuensche#wish-{id}");
        await resident.Page.GotoAsync("/wuensche");
        var answered = resident.Page.Locator(".wishes li", new() { HasText = title });
        await Assertions.Expect(answered).ToContainTextAsync("Fertig");
        await Assertions.Expect(answered.GetByRole(AriaRole.Link, new() { Name = "Quartierverein online" }))
            .ToHaveAttributeAsync("href", platform.SiteUrl(project).ToString());
        var publicText = await answered.InnerTextAsync();
        await resident.AssertAccessibleAsync("Wünsche with an answered wish (German, phone)");
        await resident.ScreenshotAsync("wuensche-phone-de");

        Assert.DoesNotContain(beforeMentor.EnumerateArray(), w => w.GetProperty("title").GetString() == title);
        Assert.Equal(HttpStatusCode.Forbidden, pendingAsYouth.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, decideAsYouth.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondTeam.StatusCode);
        Assert.DoesNotContain("verein@example.org", publicText); // the contact is for mentors only
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync("audit?action=WishShown"));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == mentor && e.GetProperty("target").GetString()!.Contains(title));
    }

    [Fact]
    public async Task ADeclinedWish_IsNeverShown_AndOneAddressCannotFloodThePage()
    {
        using var resident = platform.AnonymousFrom("2001:db8:56::1");
        var posted = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
            posted.Add(await resident.PostAsJsonAsync("wishes", new { title = $"Werbung {i} " + platform.UniqueName("x"), text = "Kauft bei uns!" }));
        var first = (await posted[0].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();

        var withoutNote = await platform.Api.PostAsJsonAsync($"wishes/{first}/decision", new { show = false });
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync($"wishes/{first}/decision", new { show = false, note = "Werbung" }));
        var again = await platform.Api.PostAsJsonAsync($"wishes/{first}/decision", new { show = true });
        var shown = await PlatformFixture.ReadJson(await resident.GetAsync("wishes"));

        Assert.All(posted.Take(3), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal((HttpStatusCode)429, posted[3].StatusCode);
        Assert.Contains("Warte bitte eine Stunde", await posted[3].Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, withoutNote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(shown.EnumerateArray(), w => w.GetProperty("id").GetInt32() == first);
    }
}
