using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>"Neues Projekt": a youth makes a project from a starter in the browser, and it is live before they wrote a line.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class NewProjectTests(WebPlatformFixture platform)
{
    private static readonly TimeSpan LiveWithin = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("website", "Website (HTML/CSS)")]
    [InlineData("node", "Node.js-App")]
    [InlineData("python", "Python-App (Flask)")]
    [InlineData("dockerfile", "Eigenes Dockerfile")]
    public async Task Youth_CreatesAProjectFromAStarter_AndItIsLiveWithTheStartersPage_AndTheCloneCommandGetsItsCode(string key, string starter)
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var name = platform.UniqueName("start");
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = $"Neues Projekt im Team {team.Name}" }).ClickAsync();
        await browser.Page.GetByLabel("Name des Projekts").FillAsync(name);
        await browser.Page.GetByLabel(starter, new() { Exact = true }).CheckAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Projekt erstellen und veröffentlichen" }).ClickAsync();

        // the live build log page is another part's: its address is what counts here
        await browser.WaitForAddressAsync(new System.Text.RegularExpressions.Regex($"/projekte/{team.Name}/{name}/verlauf/[0-9]+$"));
        await platform.WaitForPlatformAsync(async () =>
        {
            var (status, body) = await platform.VisitAsync(name);
            return status == HttpStatusCode.OK && body.Contains($"Vorlage: {starter}");
        }, LiveWithin, $"the {starter} starter's page live at {platform.SiteUrl(name)}");

        await browser.Page.GotoAsync(platform.SiteUrl(name).ToString());
        await browser.ScreenshotAsync($"starter-{key}-phone");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{name}");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Clone-Befehl mit neuem Token zeigen" }).ClickAsync();
        var clone = (await browser.Page.Locator("#clone-command").TextContentAsync())!.Trim();
        await browser.AssertAccessibleAsync("the Übersicht with the clone command (German, phone)");
        if (key == "website") await browser.ScreenshotAsync("projekt-clone-befehl-phone-de");
        var target = Directory.CreateTempSubdirectory("jl-it-clone-").FullName;
        try
        {
            var (code, output) = await GitRepo.RunAsync(target, TimeSpan.FromMinutes(1), [.. clone.Split(' ').Skip(1), "copy"]);
            Assert.True(code == 0, output);
            Assert.StartsWith($"git clone http://{youth}:jlt_", clone);
            Assert.True(Directory.EnumerateFiles(Path.Combine(target, "copy"), "index.html", SearchOption.AllDirectories).Any());
            var (_, author) = await GitRepo.RunAsync(Path.Combine(target, "copy"), TimeSpan.FromSeconds(20), "log", "-1", "--format=%an <%ae>: %s");
            Assert.Contains("JugendLab <jugendlab@localhost>: Start mit der Vorlage", author);
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task TakenName_IsFlaggedWhileTyping_AndOnSubmit_WithAnIdea_AndTheFormKeepsWhatWasTyped()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var taken = await platform.CreateProjectAsync(await platform.CreateTeamAsync());
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/teams/{team.Name}/neues-projekt");

        await browser.Page.GetByLabel("Name des Projekts").FillAsync(taken);
        await Assertions.Expect(browser.Page.Locator("#name-check")).ToContainTextAsync($"Den Namen «{taken}» gibt es schon. Probier zum Beispiel «{taken}-2».");
        await browser.Page.GetByLabel("Python-App (Flask)").CheckAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Projekt erstellen und veröffentlichen" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("gibt es schon");
        await Assertions.Expect(browser.Page.Locator("#name-error")).ToContainTextAsync($"«{taken}-2»");
        await Assertions.Expect(browser.Page.GetByLabel("Name des Projekts")).ToHaveValueAsync(taken);
        await Assertions.Expect(browser.Page.GetByLabel("Python-App (Flask)")).ToBeCheckedAsync();
        await browser.AssertAccessibleAsync("Neues Projekt with a taken name (German, phone)");
        var projects = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects"));
        Assert.Equal(0, projects.GetArrayLength());
    }

    [Fact]
    public async Task GitAddressOfALocalFile_IsRefusedNextToTheField_AndNoProjectIsMade()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var name = platform.UniqueName("geklaut");
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/teams/{team.Name}/neues-projekt");

        await browser.Page.GetByLabel("Name des Projekts").FillAsync(name);
        await browser.Page.GetByRole(AriaRole.Radio, new() { Name = "Von einer Git-Adresse holen" }).CheckAsync();
        await browser.Page.GetByLabel("Git-Adresse", new() { Exact = true }).FillAsync("file:///etc");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Projekt erstellen und veröffentlichen" }).ClickAsync();

        await Assertions.Expect(browser.Page.Locator("#git-url-error")).ToContainTextAsync("keine öffentliche Git-Adresse");
        await Assertions.Expect(browser.Page.GetByLabel("Name des Projekts")).ToHaveValueAsync(name);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Radio, new() { Name = "Von einer Git-Adresse holen" })).ToBeCheckedAsync();
        await browser.AssertAccessibleAsync("Neues Projekt with a refused git address (German, phone)");
        Assert.Equal(0, (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects"))).GetArrayLength());
    }

    [Fact]
    public async Task Youth_FetchesAProjectFromAGitAddress_AndWatchesItGoLive()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var name = platform.UniqueName("remix");
        using var source = GitRepo.Create(SampleApps.StaticSite("vom Quartierverein geholt"));
        await using var server = await DumbGitServer.StartAsync(source);
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/teams/{team.Name}/neues-projekt");

        await browser.Page.GetByLabel("Name des Projekts").FillAsync(name);
        await browser.Page.GetByRole(AriaRole.Radio, new() { Name = "Von einer Git-Adresse holen" }).CheckAsync();
        await browser.Page.GetByLabel("Git-Adresse", new() { Exact = true }).FillAsync(server.Url);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Projekt erstellen und veröffentlichen" }).ClickAsync();

        await browser.WaitForAddressAsync(new System.Text.RegularExpressions.Regex($"/projekte/{team.Name}/{name}/verlauf/\\d+$"));
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Online", new() { Timeout = 60_000 });
        Assert.Contains("vom Quartierverein geholt", (await platform.VisitAsync(name)).Body);
        await Assertions.Expect(browser.Page.Locator(".build-log-lines")).ToContainTextAsync(server.Url);
    }

    [Fact]
    public async Task FullQuota_SaysSoInWords_AndKeepsTheTypedName()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        await PlatformFixture.EnsureSuccess(await platform.Api.PutAsJsonAsync($"teams/{team.Name}/quota",
            new { maxProjects = 1, memoryMb = 256, cpus = 0.5, diskMb = 1024, reason = "test" }));
        await platform.CreateProjectAsync(team);
        var name = platform.UniqueName("voll");
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/teams/{team.Name}/neues-projekt");

        await browser.Page.GetByLabel("Name des Projekts").FillAsync(name);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Projekt erstellen und veröffentlichen" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("schon 1 von 1 Projekten");
        await Assertions.Expect(browser.Page.GetByLabel("Name des Projekts")).ToHaveValueAsync(name);
        var (status, _) = await platform.VisitAsync(name);
        Assert.NotEqual(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("de-CH", true, "Neues Projekt", "ist frei", "neues-projekt-phone-de")]
    [InlineData("de-CH", false, "Neues Projekt", "ist frei", null)]
    [InlineData("en-GB", true, "New project", "is free", null)]
    [InlineData("en-GB", false, "New project", "is free", "new-project-desktop-en")]
    public async Task NewProjectPage_PassesAxe_InGermanAndEnglish_OnPhoneAndDesktop(string locale, bool phone, string heading, string free, string? screenshot)
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform, locale, phone);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/teams/{team.Name}/neues-projekt");

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await browser.Page.Locator("#project-name").FillAsync(platform.UniqueName("kiez-radio-"));
        await Assertions.Expect(browser.Page.Locator("#name-check")).ToContainTextAsync(free);

        await browser.AssertAccessibleAsync($"Neues Projekt ({locale}, {(phone ? "phone" : "desktop")})");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways");
        if (screenshot is not null) await browser.ScreenshotAsync(screenshot);
    }

    [Fact]
    public async Task YouthOfAnotherTeam_Gets404_OnTheNewProjectPage_ItsNameCheck_AndTheApi()
    {
        var (_, youth, password) = await platform.TeamWithPasswordAsync();
        var other = await platform.CreateTeamAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        var page = await browser.Page.GotoAsync($"/teams/{other.Name}/neues-projekt");
        // fetch from the page itself: with the session cookie, as the page's script would (Node cannot resolve *.localhost)
        var check = await browser.Page.EvaluateAsync<int>("async url => (await fetch(url)).status", $"/teams/{other.Name}/neues-projekt?handler=NameCheck&name=frei");
        using var api = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        api.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(youth, password);
        using var apiCheck = await api.GetAsync($"teams/{other.Name}/project-name-check?name=frei");
        using var apiCreate = await api.PostAsJsonAsync($"teams/{other.Name}/projects", new { name = platform.UniqueName("fremd"), starter = "website" });

        Assert.Equal(404, page!.Status);
        Assert.Equal(404, check);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Nicht gefunden", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.NotFound, apiCheck.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiCreate.StatusCode);
        Assert.Equal(0, (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{other.Name}/projects"))).GetArrayLength());
    }

    [Fact]
    public async Task Api_CreatesAProjectWithAStarter_AnswersWithTheFirstDeployment_WhichGoesLive()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        using var api = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        api.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(youth, password);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-CH");
        var name = platform.UniqueName("api");

        var starters = await PlatformFixture.ReadJson(await api.GetAsync("starters"));
        var free = await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}/project-name-check?name={name}"));
        var bad = await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}/project-name-check?name=Kiez%20Radio"));
        using var unknown = await api.PostAsJsonAsync($"teams/{team.Name}/projects", new { name, starter = "php" });
        using var created = await api.PostAsJsonAsync($"teams/{team.Name}/projects", new { name, starter = "node" });
        var project = await PlatformFixture.ReadJson(created);
        var deployment = project.GetProperty("firstDeploymentId").GetInt32();

        Assert.Equal(["website", "node", "python", "dockerfile"], starters.EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal("Node.js-App", starters[1].GetProperty("title").GetString());
        Assert.True(free.GetProperty("available").GetBoolean());
        Assert.False(bad.GetProperty("available").GetBoolean());
        Assert.Contains("Probier zum Beispiel «kiez-radio", bad.GetProperty("problem").GetString());
        Assert.Contains("Kleinbuchstaben", bad.GetProperty("rules").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await platform.WaitForPlatformAsync(async () =>
        {
            var d = await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}/projects/{name}/deployments/{deployment}"));
            return d.GetProperty("deployment").GetProperty("status").GetString() is "Live" or "Failed";
        }, LiveWithin, "the first deployment to finish");
        var (status, body) = await platform.VisitAsync(name, "/api/hallo");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Hallo vom Server!", JsonDocument.Parse(body).RootElement.GetProperty("nachricht").GetString());
        var taken = await PlatformFixture.ReadJson(await api.GetAsync($"teams/{team.Name}/project-name-check?name={name}"));
        Assert.False(taken.GetProperty("available").GetBoolean());
    }

}
