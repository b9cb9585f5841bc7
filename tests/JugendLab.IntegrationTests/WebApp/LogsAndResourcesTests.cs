using System.Net;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>A youth reads what the team's app prints (the Logs tab, live) and how much it uses (the Ressourcen tab).</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class LogsAndResourcesTests(WebPlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Youth_ReadsWhatTheAppPrinted_InTheLogsTab_AndALinePrintedLaterAppearsLive()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ChattyNodeApp("hallo-kiez"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Logs", Exact = true }).ClickAsync();
        var log = browser.Page.Locator("pre.applog-lines");
        await Assertions.Expect(log).ToContainTextAsync("start hallo-kiez");
        await Assertions.Expect(log.Locator(".log-err")).ToContainTextAsync("stderr warnung hallo-kiez");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Live");
        var visit = "/neu-" + Guid.NewGuid().ToString("n")[..8];
        Assert.Equal(HttpStatusCode.OK, (await platform.VisitAsync(project, visit)).Status);

        await Assertions.Expect(log).ToContainTextAsync($"besuch {visit}", new() { Timeout = 20_000 });
        var pause = browser.Page.Locator("button.applog-pause");
        await Assertions.Expect(pause).ToHaveTextAsync("Automatisch scrollen anhalten");
        await browser.ScreenshotAsync("logs-phone-de");
        await pause.ClickAsync();
        await Assertions.Expect(pause).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(pause).ToHaveTextAsync("Automatisch scrollen fortsetzen");
        Assert.Null(await log.GetAttributeAsync("aria-live"));
        await browser.AssertAccessibleAsync("Logs (German, phone)");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 360 px");
        // Without JavaScript the lines are there too: the server renders them into the page.
        var plain = await Fetched.FromAsync(browser.Page, $"/projekte/{team.Name}/{project}/logs");
        Assert.Contains("start hallo-kiez", plain.Body);

        // A new version goes live while the page is open: its lines follow, after a mark that says so.
        repo.Commit(SampleApps.ChattyNodeApp("neue-version"), "zweite Version");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await Assertions.Expect(log).ToContainTextAsync("start neue-version", new() { Timeout = 20_000 });
        await Assertions.Expect(log.Locator(".log-mark")).ToContainTextAsync("Eine neue Version ist live");
        Assert.Equal(1, await log.GetByText("start hallo-kiez").CountAsync()); // nothing shown twice
    }

    [Fact]
    public async Task LiveLogApi_ResumesAfterLastEventId_WithoutRepeatingLines_AndSaysWhenANewVersionWentLive()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ChattyNodeApp("erste"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        using var api = platform.ApiAs(team);
        var stream = $"teams/{team.Name}/projects/{project}/logs/stream";
        await platform.VisitAsync(project, "/eins");

        var text = await api.GetStringAsync($"teams/{team.Name}/projects/{project}/logs?lines=500");
        List<SseEvent> seen;
        await using (var first = await SseStream.OpenAsync(api, stream, null))
            seen = await first.ReadUntilAsync(e => e.Text == "besuch /eins", Wait);
        var lastId = seen[^1].Id!;
        await platform.VisitAsync(project, "/zwei");
        await using var resumed = await SseStream.OpenAsync(api, stream, lastId);
        var after = await resumed.ReadUntilAsync(e => e.Text == "besuch /zwei", Wait);
        repo.Commit(SampleApps.ChattyNodeApp("zweite"), "zweite Version");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var end = (await resumed.ReadUntilAsync(e => e.Type == "end", Wait))[^1];
        await using var fresh = await SseStream.OpenAsync(api, stream, null);
        var newVersion = await fresh.ReadUntilAsync(e => e.Text == "start zweite", Wait);

        Assert.Matches(@"\S+Z stdout start erste\n", text);
        Assert.Matches(@"\S+Z stderr warnung erste\n", text);
        seen = seen.Where(e => e.Type == "message").ToList();
        after = after.Where(e => e.Type == "message").ToList();
        Assert.Contains(seen, e => e.Text == "start erste");
        Assert.All(seen, e => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", e.Id!));
        Assert.DoesNotContain(after, e => seen.Any(s => s.Id == e.Id || s.Text == e.Text));
        Assert.All(after, e => Assert.True(string.CompareOrdinal(e.Id, lastId) > 0, $"{e.Id} is not after {lastId}"));
        Assert.Equal("new-version", JsonDocument.Parse(end.Data).RootElement.GetProperty("end").GetString());
        Assert.Equal("", end.Id); // a client that reconnects by itself starts afresh on the new version
        Assert.DoesNotContain(newVersion, e => e.Text is "start erste" or "besuch /zwei");
    }

    [Fact]
    public async Task Youth_SeesMemoryAndCpuAsAChart_WithTheSameInWords_AndDataUseAgainstTheQuota()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ChattyNodeApp("gemessen"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await platform.WaitForPlatformAsync(async () =>
            (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/usage"))).GetArrayLength() > 0,
            Wait, "a usage sample");
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Ressourcen", Exact = true }).ClickAsync();
        var chart = browser.Page.Locator("figure.chart img");
        var alt = await chart.GetAttributeAsync("alt");
        var summary = await browser.Page.Locator("#usage-summary").TextContentAsync();
        var svg = await Fetched.FromAsync(browser.Page, (await chart.GetAttributeAsync("src"))!);
        await browser.Page.GetByText("Messwerte pro Stunde als Tabelle").ClickAsync();
        using var api = platform.ApiAs(team);
        var disk = await api.GetStringAsync($"teams/{team.Name}/projects/{project}/disk");

        Assert.Matches(@"^Arbeitsspeicher: im Moment [\d.]+ MB von 256 MB, Spitze [\d.]+ MB\. CPU: im Moment [\d.]+ %, Spitze [\d.]+ % \(100 % ist ein ganzer Prozessor-Kern, das Limit sind 50 %\)\.$", summary);
        Assert.StartsWith("Diagramm: Arbeitsspeicher und CPU", alt);
        Assert.Equal(200, svg.Status);
        Assert.StartsWith("image/svg+xml", svg.ContentType);
        Assert.Contains("<polyline", svg.Body);
        await Assertions.Expect(browser.Page.Locator("table tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.GetByLabel(new System.Text.RegularExpressions.Regex(@"^[\d.]+ MB von 1024 MB belegt$"))).ToHaveAttributeAsync("max", "1024");
        Assert.Equal(1024, JsonDocument.Parse(disk).RootElement.GetProperty("quotaMb").GetInt32());
        await browser.AssertAccessibleAsync("Ressourcen (German, phone)");
        await browser.ScreenshotAsync("ressourcen-phone-de");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task LogsAndRessourcen_OfANewProject_SayWhyTheyAreEmpty_InEnglish_AtDesktopSize()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        await using var browser = await BrowserSession.StartAsync(platform, locale: "en-GB", phone: false);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/logs");
        await Assertions.Expect(browser.Page.GetByText("This project was never published.")).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("Logs of a new project (English, desktop)");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/ressourcen");
        await Assertions.Expect(browser.Page.Locator("#usage-summary")).ToHaveTextAsync("No measurements yet. The platform measures every minute while the app runs.");
        await browser.AssertAccessibleAsync("Resources of a new project (English, desktop)");
    }

    [Fact]
    public async Task LogsAndRessourcen_OfAStaticWebsite_SayNoProgramRuns_AndItCostsNoMemoryOrCpu()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("nur Dateien"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        var logs = await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/logs");
        Assert.Equal(200, logs!.Status);
        await Assertions.Expect(browser.Page.Locator("#logs-static-site")).ToContainTextAsync("statische Website");
        await Assertions.Expect(browser.Page.Locator("pre.applog-lines")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("Logs of a static website (German, phone)");
        var resources = await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/ressourcen");
        Assert.Equal(200, resources!.Status);
        await Assertions.Expect(browser.Page.Locator("#resources-static-site")).ToContainTextAsync("keinen Arbeitsspeicher und keine CPU");
        await Assertions.Expect(browser.Page.Locator("figure.chart")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync("Resources of a static website (German, phone)");
    }

    [Fact]
    public async Task AnotherTeamsYouth_GetsNotFound_ForTheLogsAndRessourcenPages_TheirLiveParts_AndTheApi()
    {
        var victim = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(victim);
        var (attacker, youth, password) = await platform.TeamWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        using var api = platform.ApiAs(attacker);
        var root = $"/projekte/{victim.Name}/{project}";

        foreach (var page in new[] { $"{root}/logs", $"{root}/logs?handler=Stream", $"{root}/ressourcen", $"{root}/ressourcen?handler=Chart" })
            Assert.True((await Fetched.FromAsync(browser.Page, page)).Status == 404, $"{page} did not answer 404");
        foreach (var path in new[] { "logs", "logs/stream", "disk", "usage" })
        {
            using var answer = await api.GetAsync($"teams/{victim.Name}/projects/{project}/{path}");
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"API {path} answered {answer.StatusCode}");
        }
    }
}
