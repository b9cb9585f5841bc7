using System.Net;
using System.Text.RegularExpressions;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>Betreuung › Projekte: a mentor sees every project with its status, stops one with a reason and starts it again.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class ProjectOverviewTests(WebPlatformFixture platform)
{
    // Documentation addresses (RFC 3849), one /64 per signed-in browser, so sign-in limits per address never meet other
    // tests' sessions; sent only as X-Forwarded-For, so no traffic goes anywhere but loopback.
    private const string Desk = "2001:db8:5e:1::1";
    private const string Phone = "2001:db8:5e:2::1";
    private const string YouthsPhone = "2001:db8:5e:3::1";

    [Fact]
    public async Task Mentor_FindsTheProjectOnline_StopsItWithAReason_TheTeamCannotStartIt_AndTheMentorStartsItAgain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ContainerSite("Velo-Flickstunde")); // in a container: the overview shows its memory and CPU
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var (mentor, password) = await platform.MentorWithPasswordAsync();

        // The mentor finds the project through the team filter: online, with its version that just went live.
        await using var desk = await BrowserSession.StartAsync(platform, phone: false, forwardedFor: Desk);
        await desk.SignInAsync(mentor, password);
        await desk.Page.GotoAsync("/betreuung");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Projekte", Exact = true }).ClickAsync();
        await desk.Page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(team.Name);
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        var row = desk.Page.GetByRole(AriaRole.Row).Filter(new() { Has = desk.Page.GetByRole(AriaRole.Link, new() { Name = project, Exact = true }) });
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and this team's one project
        await Assertions.Expect(row).ToContainTextAsync("Online");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = $"{project}.lab.localhost:{platform.Platform.Port}", Exact = true }))
            .ToHaveAttributeAsync("href", platform.SiteUrl(project).ToString());
        await Assertions.Expect(row).ToContainTextAsync(new Regex(@"Version \d+\s*Live"));
        await Assertions.Expect(row).ToContainTextAsync(new Regex("gerade eben|vor einer Minute|vor \\d+ Minuten"));
        await platform.WaitForPlatformAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1)); // the test platform samples every 3 s
            await desk.Page.ReloadAsync();
            return Regex.IsMatch(await row.InnerTextAsync(), @"Arbeitsspeicher: \d+ von \d+ MB");
        }, TimeSpan.FromSeconds(60), "the overview to show the project's first CPU and memory sample");
        await Assertions.Expect(row).ToContainTextAsync("CPU: ");

        // Stopping needs a reason: without one the form says so next to the field.
        await row.GetByText($"{project} stoppen …").ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"{project} jetzt stoppen" }).ClickAsync();
        var reason = desk.Page.GetByLabel($"Warum stoppst du {project}?");
        await Assertions.Expect(desk.Page.Locator($"#project-{project}-reason-error")).ToContainTextAsync("Schreib einen Grund");
        await Assertions.Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(desk.Page.Locator(".error-summary")).ToContainTextAsync("Schreib einen Grund");
        await desk.AssertAccessibleAsync("Projekte with a refused stop (German, desktop)");
        await desk.ScreenshotAsync("betreuung-projekte-stoppen-desktop-de");
        await reason.FillAsync("Die Seite zeigt Fotos ohne Erlaubnis.");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = $"{project} jetzt stoppen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{project} ist gestoppt");
        var stoppedRow = desk.Page.GetByRole(AriaRole.Row).Filter(new() { Has = desk.Page.GetByRole(AriaRole.Link, new() { Name = project, Exact = true }) });
        await Assertions.Expect(stoppedRow).ToContainTextAsync("Gestoppt");
        await Assertions.Expect(stoppedRow).ToContainTextAsync($"Von {mentor}: Die Seite zeigt Fotos ohne Erlaubnis.");
        Assert.Contains($"team={team.Name}", desk.Page.Url); // back to the same filtered list
        await desk.AssertAccessibleAsync("Projekte with a stopped project (German, desktop)");
        await desk.ScreenshotAsync("betreuung-projekte-desktop-de");

        // Visitors see the pause page; the team's youth cannot start it.
        var site = await platform.VisitAsync(project);
        using var youthApi = platform.ApiAs(team);
        var start = await youthApi.PostAsync($"teams/{team.Name}/projects/{project}/start", null);

        // The same list on a phone, and a youth who asks for it.
        await using (var phone = await BrowserSession.StartAsync(platform, forwardedFor: Phone))
        {
            await phone.SignInAsync(mentor, password);
            await phone.Page.GotoAsync($"/betreuung/projekte?team={team.Name}");
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Link, new() { Name = project, Exact = true })).ToBeVisibleAsync();
            await phone.AssertAccessibleAsync("Projekte (German, phone)");
            await phone.ScreenshotAsync("betreuung-projekte-phone-de");
        }
        var (youth, youthPassword) = await platform.JoinWithPasswordAsync(team);
        await using var youthsPhone = await BrowserSession.StartAsync(platform, forwardedFor: YouthsPhone);
        await youthsPhone.SignInAsync(youth, youthPassword);
        await Assertions.Expect(youthsPhone.Page.GetByRole(AriaRole.Heading, new() { Name = "Meine Projekte" })).ToBeVisibleAsync();
        var asYouth = await youthsPhone.Page.GotoAsync("/betreuung/projekte");

        // The mentor starts it again, with a note for the audit log.
        await stoppedRow.GetByText($"{project} wieder starten …").ClickAsync();
        await desk.Page.GetByLabel($"Notiz zu {project} (freiwillig)").FillAsync("Fotos sind entfernt, mit dem Team besprochen.");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = $"{project} jetzt wieder starten" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{project} läuft wieder.");
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Body.Contains("Velo-Flickstunde"),
            TimeSpan.FromSeconds(60), "the site to serve again after the mentor started it");
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = project })).ToContainTextAsync("Online");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, site.Status);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Contains("Fotos ohne Erlaubnis", await start.Content.ReadAsStringAsync());
        Assert.Equal(404, asYouth!.Status);
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?team={team.Name}"));
        var entries = audit.EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Actor: e.GetProperty("actor").GetString(), Reason: e.GetProperty("reason").GetString()))
            .ToList();
        Assert.Contains(("ProjectStopped", mentor, "Die Seite zeigt Fotos ohne Erlaubnis."), entries);
        Assert.Contains(("ProjectResumed", mentor, "Fotos sind entfernt, mit dem Team besprochen."), entries);
    }
}
