using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>
/// Remixen: a youth copies another team's showcased project into a project of her own team from the Schaufenster; the
/// copy goes live with the same content, and its first commit and its showcase entry name the original and its team.
/// </summary>
[Collection(WebPlatformCollection.Name)]
public sealed class RemixTests(WebPlatformFixture platform)
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ARemixCarriesItsAttribution_InItsOnlyCommit_OnItsSchaufensterTab_AndInThePublicSchaufenster()
    {
        var marker = "Kiez-Quiz " + platform.UniqueName("q");
        var (original, teamA, title) = await ShowcasedAsync(marker, allowRemix: true, forwardedFor: "2001:db8:5201::1");
        var (teamB, youthB, passwordB) = await platform.TeamWithPasswordAsync();
        var copy = platform.UniqueName("remix");

        // A youth of team B, on her phone, in the Schaufenster.
        await using var phone = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:5202::1");
        await phone.SignInAsync(youthB, passwordB);
        await phone.Page.GotoAsync("/schaufenster");
        var card = phone.Page.Locator(".showcase li", new() { HasText = title });
        await card.GetByRole(AriaRole.Link, new() { Name = $"Remixen: {title}" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = $"«{title}» remixen" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Page.GetByText($"Das neue Projekt kommt ins Team {teamB.Name}.")).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync("the remix page (German, phone)");
        await phone.ScreenshotAsync("remixen-phone-de");
        await phone.Page.GetByLabel("Name des Projekts").FillAsync(copy);
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Remixen und veröffentlichen" }).ClickAsync();

        // On to the copy's live build log, as after "Neues Projekt"; the copy serves what the original serves.
        await phone.WaitForAddressAsync(new Regex($"/projekte/{teamB.Name}/{copy}/verlauf/[0-9]+$"));
        await platform.WaitForPlatformAsync(async () =>
        {
            var (status, body) = await platform.VisitAsync(copy);
            return status == HttpStatusCode.OK && body.Contains(marker);
        }, LiveWithin, $"the remix live at {platform.SiteUrl(copy)}");
        var (_, originalPage) = await platform.VisitAsync(original);
        var (_, copyPage) = await platform.VisitAsync(copy);

        // The copy's repository: one commit, by the platform, naming the original and its team.
        var repository = Path.Combine(platform.DataDirectory, "repos", teamB.Name, copy + ".git");
        var commits = await Git(repository, "rev-list", "--all");
        var commit = await Git(repository, "log", "-1", "--format=%an <%ae>%n%B", "main");

        // Its Schaufenster tab credits the original, read-only, with the title ready to change.
        await phone.Page.GotoAsync($"/projekte/{teamB.Name}/{copy}/schaufenster");
        var credit = phone.Page.Locator(".remix-credit");
        await Assertions.Expect(credit).ToHaveTextAsync($"Remix von «{title}» von Team {teamA.Name}");
        await Assertions.Expect(credit.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", platform.SiteUrl(original).ToString());
        await Assertions.Expect(phone.Page.GetByLabel("Titel")).ToHaveValueAsync($"Remix: {title}");
        await Assertions.Expect(phone.Page.GetByLabel("Im Schaufenster zeigen")).Not.ToBeCheckedAsync();
        var creditFields = await phone.Page.Locator("form input, form textarea").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        await phone.AssertAccessibleAsync("the Schaufenster tab of a remix (German, phone)");
        await phone.ScreenshotAsync("schaufenster-tab-remix-phone-de");

        // Team B shows its remix; a resident without an account sees the credit, and no Remixen button anywhere.
        await phone.Page.GetByLabel("Im Schaufenster zeigen").CheckAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Euer Projekt ist im Schaufenster");
        await using var resident = await BrowserSession.StartAsync(platform);
        await resident.Page.GotoAsync("/schaufenster");
        var remixCard = resident.Page.Locator(".showcase li", new() { HasText = $"Remix: {title}" });
        await Assertions.Expect(remixCard.Locator(".remix-credit")).ToHaveTextAsync($"Remix von «{title}» von Team {teamA.Name}");
        var creditLink = await remixCard.Locator(".remix-credit a").GetAttributeAsync("href");
        var residentButtons = await resident.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Remixen") }).CountAsync();
        await resident.AssertAccessibleAsync("the public Schaufenster with a remix (German, phone)");
        await resident.ScreenshotAsync("schaufenster-remix-phone-de");

        Assert.Equal(originalPage, copyPage);
        Assert.Single(commits.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"JugendLab <jugendlab@localhost>\nRemix von «{title}» (Projekt {original} von Team {teamA.Name})\n\n" +
                     $"Remix of \"{title}\" (project {original} by team {teamA.Name})", commit);
        Assert.DoesNotContain(creditFields, v => v.Contains("Remix von"));  // the credit is no field the team could clear
        Assert.Equal(platform.SiteUrl(original).ToString(), creditLink);
        Assert.Equal(0, residentButtons);
    }

    [Fact]
    public async Task AProjectWhoseTeamDoesNotAllowRemixing_HasNoRemixenButton_ItsRemixPageIs404_AndTheApiRefuses()
    {
        var (original, _, title) = await ShowcasedAsync("Nur zum Anschauen " + platform.UniqueName("n"), allowRemix: false,
            forwardedFor: "2001:db8:5203::1");
        var (teamB, youthB, passwordB) = await platform.TeamWithPasswordAsync();
        await using var phone = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:5204::1");
        await phone.SignInAsync(youthB, passwordB);

        await phone.Page.GotoAsync("/schaufenster");
        var card = phone.Page.Locator(".showcase li", new() { HasText = title });
        await Assertions.Expect(card).ToBeVisibleAsync();
        var buttons = await card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Remixen") }).CountAsync();
        var page = await phone.Page.GotoAsync($"/schaufenster/{original}/remix");
        using var api = platform.ApiAs(teamB);
        using var refused = await api.PostAsJsonAsync($"showcase/{original}/remix", new { team = teamB.Name, name = platform.UniqueName("geklaut") });
        var problem = await refused.Content.ReadAsStringAsync();
        using var unknown = await api.PostAsJsonAsync($"showcase/{platform.UniqueName("gibtsnicht")}/remix", new { team = teamB.Name, name = platform.UniqueName("x") });
        var projects = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{teamB.Name}/projects"));

        Assert.Equal(0, buttons);
        Assert.Equal(404, page!.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"erlaubt nicht, «{title}» zu remixen", System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, projects.GetArrayLength());
    }

    [Fact]
    public async Task TheApi_RemixesIntoTheCallersTeam_AndAnswersWithTheFirstDeployment_ButNotIntoTheOriginalsOwnTeam()
    {
        var marker = "Kiez-Karte " + platform.UniqueName("k");
        var (original, teamA, _) = await ShowcasedAsync(marker, allowRemix: true, forwardedFor: "2001:db8:5205::1");
        var teamB = await platform.CreateTeamAsync();
        var copy = platform.UniqueName("karte");
        using var asB = platform.ApiAs(teamB);
        using var asA = platform.ApiAs(teamA);

        using var created = await asB.PostAsJsonAsync($"showcase/{original}/remix", new { team = teamB.Name, name = copy });
        var body = await PlatformFixture.ReadJson(created);
        await platform.WaitForPlatformAsync(async () =>
        {
            var (status, page) = await platform.VisitAsync(copy);
            return status == HttpStatusCode.OK && page.Contains(marker);
        }, LiveWithin, $"the remix live at {platform.SiteUrl(copy)}");
        using var ownTeam = await asA.PostAsJsonAsync($"showcase/{original}/remix", new { team = teamA.Name, name = platform.UniqueName("selbst") });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/teams/{teamB.Name}/projects/{copy}", created.Headers.Location?.OriginalString);
        Assert.True(body.GetProperty("firstDeploymentId").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, ownTeam.StatusCode);
    }

    /// <summary>Team A pushes a static site and shows it in the Schaufenster (in the browser, as a team does).</summary>
    private async Task<(string Project, TestTeam Team, string Title)> ShowcasedAsync(string text, bool allowRemix, string forwardedFor)
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite(text));
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        var title = text;

        await using var browser = await BrowserSession.StartAsync(platform, forwardedFor: forwardedFor);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/schaufenster");
        await browser.Page.GetByLabel("Im Schaufenster zeigen").CheckAsync();
        await browser.Page.GetByLabel("Titel").FillAsync(title);
        await browser.Page.GetByLabel("Beschreibung").FillAsync("Ein Quiz über unser Quartier.");
        await browser.Page.GetByLabel("Andere Teams dürfen es remixen").SetCheckedAsync(allowRemix);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Euer Projekt ist im Schaufenster");
        return (project, team, title);
    }

    /// <summary>git in a bare repository of the platform, read as it is on disk.</summary>
    private static async Task<string> Git(string repository, params string[] args)
    {
        var (code, output) = await GitRepo.RunAsync(Path.GetTempPath(), TimeSpan.FromSeconds(30), [$"--git-dir={repository}", .. args]);
        Assert.True(code == 0, output);
        return output.Trim();
    }
}
