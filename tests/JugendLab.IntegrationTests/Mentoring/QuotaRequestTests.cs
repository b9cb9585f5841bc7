using System.Net;
using System.Net.Http.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>A team asks for more, a mentor gives part of it, and the next deploy runs with the new limit.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class QuotaRequestTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Youth_AsksForMore_MentorGivesPart_TheTeamSeesTheNote_AndTheNextDeployGetsTheNewLimit()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var api = platform.ApiAs(team);
        var before = await api.PatchAsJsonAsync($"teams/{team.Name}/projects/{project}", new { memoryMb = 384 });

        // The youth asks on the team page, in their own words.
        await using var phone = await BrowserSession.StartAsync(platform);
        await phone.SignInAsync(youth, password);
        await phone.Page.GotoAsync($"/teams/{team.Name}");
        await phone.Page.GetByRole(AriaRole.Link, new() { Name = "Mehr anfragen" }).ClickAsync();
        await phone.Page.GetByLabel("Projekte im Team").FillAsync("5");
        await phone.Page.GetByLabel("Arbeitsspeicher pro Projekt (MB)").FillAsync("512");
        await phone.Page.GetByLabel("Wofür braucht ihr mehr?").FillAsync("Unser Quiz für das Quartierfest braucht mehr Arbeitsspeicher, wenn alle gleichzeitig spielen.");
        await phone.AssertAccessibleAsync("Mehr anfragen (German, phone)");
        await phone.ScreenshotAsync("anfrage-phone-de");
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Anfrage schicken" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Eure Anfrage ist bei den Mentor:innen");
        await Assertions.Expect(phone.Page.Locator(".requests")).ToContainTextAsync("Offen");

        // The youth cannot decide it themselves, not even through the API.
        var open = await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}/quota-requests"));
        var id = open[0].GetProperty("id").GetInt32();
        var selfApproval = await api.PostAsJsonAsync($"quota-requests/{id}/decision",
            new { grant = new { maxProjects = 5, memoryMb = 512, cpus = 0.5, diskMb = 1024 }, note = "passt" });
        var queueAsYouth = await api.GetAsync("quota-requests");

        // A mentor sees what the team has, uses and asks for, and gives 384 MB instead of 512, with a note.
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform, phone: false);
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GotoAsync("/betreuung");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Anfragen", Exact = true }).First.ClickAsync();
        var card = desk.Page.GetByRole(AriaRole.Region, new() { Name = $"Team {team.Name} fragt nach mehr" });
        await Assertions.Expect(card).ToContainTextAsync("Quartierfest");
        await card.GetByLabel("Arbeitsspeicher pro Projekt (MB)").FillAsync("384");
        await card.GetByLabel("Notiz an das Team").FillAsync("384 MB reichen fürs Quiz. Meldet euch, wenn es eng wird.");
        await desk.AssertAccessibleAsync("Anfragen with an open request (German, desktop)");
        await desk.ScreenshotAsync("anfragen-desktop-de");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Team {team.Name} geben" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Teilweise genehmigt: Team {team.Name}");

        // The team sees the decision and the note.
        await phone.Page.ReloadAsync();
        await Assertions.Expect(phone.Page.Locator(".requests")).ToContainTextAsync("Teilweise genehmigt");
        await Assertions.Expect(phone.Page.Locator(".requests")).ToContainTextAsync("384 MB reichen fürs Quiz");
        await phone.ScreenshotAsync("anfrage-entschieden-phone-de");

        // The new limit holds from now on: 384 MB are allowed, 512 are not, and the next deploy runs with 384 MB.
        var after = await api.PatchAsJsonAsync($"teams/{team.Name}/projects/{project}", new { memoryMb = 384 });
        var tooMuch = await api.PatchAsJsonAsync($"teams/{team.Name}/projects/{project}", new { memoryMb = 512 });
        using var repo = GitRepo.Create(SampleApps.ContainerSite("mit mehr Speicher")); // a container, whose memory limit the engine shows
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();
        var limit = (await platform.Docker.Containers.InspectContainerAsync($"jl-{platform.Instance}-{project}-{live}")).HostConfig!.Memory;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, queueAsYouth.StatusCode);
        Assert.True(after.IsSuccessStatusCode, await after.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.True(push.ExitCode == 0, push.Output);
        Assert.Equal(384L * 1024 * 1024, limit);
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?team={team.Name}&action=QuotaRequestDecided"));
        Assert.Contains("PartlyApproved", audit[0].GetProperty("target").GetString());
        Assert.Equal(mentor, audit[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Mentor_Declines_WithANote_AndNothingChanges()
    {
        var team = await platform.CreateTeamAsync();
        using var api = platform.ApiAs(team);
        var asked = await PlatformFixture.ReadJson(await api.PostAsJsonAsync($"teams/{team.Name}/quota-requests",
            new { asked = new { maxProjects = 10, memoryMb = 256, cpus = 0.5, diskMb = 1024 }, reason = "Wir wollen ganz viele Projekte" }));
        var second = await api.PostAsJsonAsync($"teams/{team.Name}/quota-requests",
            new { asked = new { maxProjects = 4, memoryMb = 256, cpus = 0.5, diskMb = 1024 }, reason = "noch eins" });
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform);
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GotoAsync("/betreuung/anfragen");
        var card = desk.Page.GetByRole(AriaRole.Region, new() { Name = $"Team {team.Name} fragt nach mehr" });

        await card.GetByRole(AriaRole.Button, new() { Name = $"Anfrage von Team {team.Name} ablehnen" }).ClickAsync();
        await Assertions.Expect(desk.Page.Locator(".error-summary")).ToContainTextAsync("warum du ablehnst");
        await desk.AssertAccessibleAsync("Anfragen with a refused decline (German, phone)");
        await card.GetByLabel("Notiz an das Team").FillAsync("Räumt zuerst die leeren Projekte auf.");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Anfrage von Team {team.Name} ablehnen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Abgelehnt: Team {team.Name}");

        var requests = await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}/quota-requests"));
        var quota = (await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}"))).GetProperty("quota");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(asked.GetProperty("id").GetInt32(), requests[0].GetProperty("id").GetInt32());
        Assert.Equal("Declined", requests[0].GetProperty("status").GetString());
        Assert.Equal("Räumt zuerst die leeren Projekte auf.", requests[0].GetProperty("note").GetString());
        Assert.Equal(3, quota.GetProperty("maxProjects").GetInt32());
    }
}
