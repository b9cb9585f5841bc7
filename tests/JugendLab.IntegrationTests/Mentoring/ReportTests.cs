using System.Net;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>Residents report a project; three reports from different addresses pause it until a mentor has looked.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class ReportTests(WebPlatformFixture platform)
{
    // Documentation addresses (RFC 5737, RFC 3849), one per test and reporter since reports count per /24 and /48; they are
    // sent only as X-Forwarded-For, so no traffic goes anywhere but loopback.
    private static readonly string[] Neighbours = ["203.0.113.10", "198.51.100.20", "192.0.2.30"];

    [Fact]
    public async Task ThreeNeighboursReport_TheProjectIsPaused_AndAMentorsReviewBringsItBack()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Quiz vom Quartierfest"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var liveBefore = new List<HttpStatusCode>();

        for (var i = 0; i < Neighbours.Length; i++)
        {
            await using var neighbour = await BrowserSession.StartAsync(platform, forwardedFor: Neighbours[i]);
            await neighbour.Page.GotoAsync($"/melden/{project}");
            await neighbour.Page.GetByLabel(i == 0 ? "zeigt persönliche Daten" : "gemein oder beleidigend").CheckAsync();
            await neighbour.Page.GetByLabel("Was ist passiert?").FillAsync($"Auf der Startseite steht etwas Gemeines ({i + 1}).");
            if (i == 0)
            {
                await neighbour.Page.GetByLabel("Wie können wir dich erreichen?").FillAsync("im Quartiertreff nach Frau Keller fragen");
                await neighbour.AssertAccessibleAsync("Problem melden (German, phone)");
                await neighbour.ScreenshotAsync("melden-phone-de");
            }
            await neighbour.Page.GetByRole(AriaRole.Button, new() { Name = "Meldung schicken" }).ClickAsync();
            await Assertions.Expect(neighbour.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Danke! Deine Meldung ist bei den Mentor:innen.");
            if (i < Neighbours.Length - 1) liveBefore.Add((await platform.VisitAsync(project)).Status);
        }

        // Paused at once: a neutral page for visitors, with the way to report; the team can neither start nor push.
        var paused = await platform.VisitAsync(project);
        using var youth = platform.ApiAs(team);
        var start = await youth.PostAsync($"teams/{team.Name}/projects/{project}/start", null);
        repo.Commit(SampleApps.StaticSite("schnell noch geändert"), "second version");
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        // A mentor reads the reports (the contact only they see) and releases the project with a note.
        var (mentor, password) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform);
        await desk.SignInAsync(mentor, password);
        await desk.Page.GotoAsync("/betreuung");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Meldungen", Exact = true }).First.ClickAsync();
        var card = desk.Page.GetByRole(AriaRole.Region, new() { Name = $"{project} (Team {team.Name})" });
        await Assertions.Expect(card).ToContainTextAsync("Pausiert, bis du entscheidest.");
        await Assertions.Expect(card).ToContainTextAsync("3 Meldungen von 3 Anschlüssen.");
        await Assertions.Expect(card).ToContainTextAsync("Erreichbar: im Quartiertreff nach Frau Keller fragen");
        await card.GetByLabel("Notiz").FillAsync("Mit dem Team besprochen, die Stelle ist entfernt.");
        await desk.AssertAccessibleAsync("Meldungen with a paused project (German, phone)");
        await desk.ScreenshotAsync("meldungen-phone-de");
        await card.GetByRole(AriaRole.Button, new() { Name = $"{project} wieder freigeben" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Meldungen zu {project} sind erledigt");
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the site to serve again after the mentor released it");
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Region, new() { Name = $"{project} (Team {team.Name})" })).ToHaveCountAsync(0);

        Assert.All(liveBefore, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, paused.Status);
        Assert.Contains("wird gerade überprüft", paused.Body);
        Assert.Contains($"href=\"http://lab.localhost:{platform.Platform.Port}/melden/{project}\"", paused.Body);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Contains("Meldungen aus dem Quartier", await start.Content.ReadAsStringAsync());
        Assert.False(push.Succeeded, push.ToString());
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?team={team.Name}"));
        var actions = audit.EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("ProjectPausedByReports", "JugendLab"), actions);
        Assert.Contains(("ReportsHandled", mentor), actions);
        Assert.Contains(("ProjectResumed", mentor), actions);
    }

    [Fact]
    public async Task OneAddress_CanSendOnlyAFewReportsAnHour_AndNeverPausesAProjectAlone()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Velo-Karte"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await using var flooder = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:99::1");

        for (var i = 0; i < 5; i++)
        {
            await flooder.Page.GotoAsync($"/melden/{project}");
            await flooder.Page.GetByLabel("funktioniert nicht").CheckAsync();
            await flooder.Page.GetByRole(AriaRole.Button, new() { Name = "Meldung schicken" }).ClickAsync();
            await Assertions.Expect(flooder.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Danke!");
        }
        await flooder.Page.GotoAsync($"/melden/{project}");
        await flooder.Page.GetByRole(AriaRole.Radio, new() { Name = "anderes" }).CheckAsync();
        await flooder.Page.GetByRole(AriaRole.Button, new() { Name = "Meldung schicken" }).ClickAsync();
        await Assertions.Expect(flooder.Page.Locator(".error-summary")).ToContainTextAsync("Beschreib in ein paar Worten");
        await flooder.Page.GetByLabel("Was ist passiert?").FillAsync("immer noch kaputt");
        var refused = await flooder.Page.RunAndWaitForResponseAsync(
            () => flooder.Page.GetByRole(AriaRole.Button, new() { Name = "Meldung schicken" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(429, refused.Status);
        await Assertions.Expect(flooder.Page.Locator(".error-summary")).ToContainTextAsync("Warte bitte eine Stunde");
        Assert.Equal("immer noch kaputt", await flooder.Page.GetByLabel("Was ist passiert?").InputValueAsync());
        Assert.Equal(HttpStatusCode.OK, (await platform.VisitAsync(project)).Status); // five reports from one address are one reporter
    }

    [Fact]
    public async Task ReportPage_OfAProjectThatDoesNotExist_IsNotFound()
    {
        await using var neighbour = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:77::1");
        var answer = await neighbour.Page.GotoAsync($"/melden/{platform.UniqueName("gibtsnicht")}");
        Assert.Equal(404, answer!.Status);
        await Assertions.Expect(neighbour.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Nicht gefunden");
    }
}
