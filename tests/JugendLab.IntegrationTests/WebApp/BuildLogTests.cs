using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>
/// A youth publishes from the phone and watches the build log live: "Neu veröffentlichen" opens the log at once, one
/// status line says the phase in words, the Verlauf lists every version. The same log streams to the API (SSE) and
/// resumes without repeats. Nobody of another team sees or starts any of it.
/// </summary>
[Collection(WebPlatformCollection.Name)]
public sealed class BuildLogTests(WebPlatformFixture platform)
{
    private const int Slow = 120_000; // ms; a build on a busy 2-core machine

    [Fact]
    public async Task Youth_PressesNeuVeroeffentlichen_AndWatchesTheLogLiveUntilOnline_ThenFindsBothVersionsInTheVerlauf()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SlowStartingApp("kiez radio"));
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");
        await browser.AssertAccessibleAsync("the Übersicht with Neu veröffentlichen (German, phone)");

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Neu veröffentlichen" }).ClickAsync();

        await Assertions.Expect(browser.Page).ToHaveURLAsync(new Regex($"/projekte/{team.Name}/{project}/verlauf/\\d+$"));
        var id = int.Parse(browser.Page.Url.Split('/')[^1]);
        await browser.Page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var shownAtFirst = int.Parse((await browser.Page.Locator("[data-build-log]").GetAttributeAsync("data-after"))!);
        var status = browser.Page.GetByRole(AriaRole.Status);
        // The app waits a few seconds before it answers: long enough to see the phase, and for lines to arrive live.
        await Assertions.Expect(status).ToHaveTextAsync("Startet …", new() { Timeout = Slow });
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => document.activeElement === document.body"), "the live log moved the focus");
        var pause = browser.Page.GetByRole(AriaRole.Button, new() { Name = "Automatisch scrollen anhalten" });
        await pause.ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Automatisch scrollen", Exact = true })).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync("the build log while it runs (German, phone)");
        await browser.ScreenshotAsync("version-phone-de");
        await Assertions.Expect(status).ToHaveTextAsync("Online", new() { Timeout = Slow });

        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the page was reloaded");
        var shown = (await browser.Page.Locator("pre").InnerTextAsync()).TrimEnd('\n').Split('\n');
        Assert.True(shown.Length > shownAtFirst, $"no line arrived live ({shown.Length} shown, {shownAtFirst} at first)");
        Assert.Equal(await LogAsync(team, project, id), shown); // every line once, in order
        Assert.Contains(shown, line => line.StartsWith("-----> Live: "));
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Link, new() { Name = platform.SiteUrl(project).ToString() })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("[data-build-log-pause]")).ToBeHiddenAsync(); // nothing left to scroll to
        await browser.AssertAccessibleAsync("the build log after the deploy (German, phone)");

        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Zurück zum Verlauf" }).ClickAsync();
        var versions = browser.Page.Locator("ol.versions > li");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync($"Version {id}");
        await Assertions.Expect(versions.Nth(0).Locator(".status")).ToHaveTextAsync("Live");
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync("im Web veröffentlicht");
        await Assertions.Expect(versions.Nth(1).Locator(".status")).ToHaveTextAsync("Früher live");
        await Assertions.Expect(versions.Nth(1)).ToContainTextAsync("mit git push");
        await Assertions.Expect(versions.Nth(0)).ToContainTextAsync("first version"); // the commit's message
        await Assertions.Expect(versions.Nth(1)).ToContainTextAsync("first version");
        await Assertions.Expect(versions.Nth(1)).ToContainTextAsync(repo.Git("rev-parse", "--short=7", "HEAD").Trim());
        await browser.AssertAccessibleAsync("the Verlauf (German, phone)");
        await browser.ScreenshotAsync("verlauf-phone-de");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the Verlauf scrolls sideways at 360 px");
        await versions.Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(browser.Page.Locator("pre")).ToContainTextAsync("-----> Live: ");
    }

    [Fact]
    public async Task YouthWhoPushesFromALaptop_WatchesTheSameBuildLiveOnThePhone()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SlowStartingApp("from the laptop"));
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);

        var push = repo.PushAsync(platform.RemoteUrl(team, project));
        var id = 0;
        await PlatformFixture.WaitUntilAsync(async () =>
        {
            var deployments = await platform.Api.GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments");
            if (deployments.GetArrayLength() > 0) id = deployments[0].GetProperty("id").GetInt32();
            return id > 0;
        }, TimeSpan.FromMinutes(2), "the push's deployment to be recorded");
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/verlauf/{id}");

        Assert.False(string.IsNullOrEmpty(await browser.Page.Locator("section.build-log").GetAttributeAsync("data-build-log")),
            "the page did not see the push's deploy running");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Online", new() { Timeout = Slow });
        Assert.True((await push).Succeeded);
        var shown = (await browser.Page.Locator("pre").InnerTextAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(await LogAsync(team, project, id), shown);
    }

    [Fact]
    public async Task FailingBuild_StatusLineSaysFehlerInSchrittN_AndWhatToDo_LiveAndAfterAReload()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("still running"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        // A broken version on another branch (not deployed on push), then made the deploy branch.
        repo.Git("checkout", "-q", "-b", "kaputt");
        repo.Commit(SampleApps.FailingDockerfile(), "broken");
        (await repo.PushAsync(platform.RemoteUrl(team, project), "kaputt")).AssertSucceeded();
        await PlatformFixture.EnsureSuccess(await platform.Api.PatchAsJsonAsync($"teams/{team.Name}/projects/{project}", new { deployBranch = "kaputt" }));
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Neu veröffentlichen" }).ClickAsync();

        await Assertions.Expect(browser.Page).ToHaveURLAsync(new Regex("/verlauf/\\d+$"));
        var id = int.Parse(browser.Page.Url.Split('/')[^1]);
        var status = browser.Page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Fehler in Schritt"), new() { Timeout = Slow });
        var log = await LogAsync(team, project, id);
        var steps = log.Count(line => line.StartsWith("-----> "));
        var error = (await DeploymentAsync(team, project, id)).GetProperty("error").GetString()!.Split('\n')[0];
        Assert.Contains("Der Build ist fehlgeschlagen", error);
        await Assertions.Expect(status).ToHaveTextAsync($"Fehler in Schritt {steps}: {error}");
        await Assertions.Expect(browser.Page.Locator("[data-build-log-failure]")).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("[data-build-log-failure]")).ToContainTextAsync("Die bisherige Version läuft weiter.");
        await browser.AssertAccessibleAsync("a failed build's log (German, phone)");
        await browser.ScreenshotAsync("version-failed-phone-de");

        await browser.Page.ReloadAsync();
        await Assertions.Expect(status).ToHaveTextAsync($"Fehler in Schritt {steps}: {error}");
        await Assertions.Expect(browser.Page.Locator("pre")).ToContainTextAsync("compiling the kiez app");
        Assert.Equal("still running", (await platform.VisitAsync(project)).Body.Trim().Replace("<h1>", "").Replace("</h1>", ""));
    }

    [Fact]
    public async Task RefusedStart_NeverPushedOrStoppedByStaff_SaysWhyOnTheUebersicht_InTheYouthsLanguage()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        await using (var german = await BrowserSession.StartAsync(platform))
        {
            await german.SignInAsync(youth, password);
            await german.Page.GotoAsync($"/projekte/{team.Name}/{project}");
            await german.Page.GetByRole(AriaRole.Button, new() { Name = "Neu veröffentlichen" }).ClickAsync();

            await Assertions.Expect(german.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Im Branch «main» gibt es noch keinen Code");
            Assert.DoesNotContain("/verlauf/", german.Page.Url);
            await german.AssertAccessibleAsync("the Übersicht with a refused start (German, phone)");
            await german.ScreenshotAsync("uebersicht-refused-phone-de");
        }

        using var repo = GitRepo.Create(SampleApps.StaticSite("before the stop"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync($"teams/{team.Name}/projects/{project}/stop", new { reason = "Pause over night" }));
        await using var english = await BrowserSession.StartAsync(platform, locale: "en-GB", phone: false);
        await english.SignInAsync(youth, password);
        await english.Page.GotoAsync($"/projekte/{team.Name}/{project}");
        await english.Page.GetByRole(AriaRole.Button, new() { Name = "Publish again" }).ClickAsync();

        await Assertions.Expect(english.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Reason: Pause over night");
        await english.AssertAccessibleAsync("the Übersicht with a refused start (English, desktop)");
        Assert.Single((await platform.Api.GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments")).EnumerateArray());
    }

    [Fact]
    public async Task VerlaufAndBuildLog_PassAxe_InGermanAndEnglish_OnPhoneAndDesktop()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("axe"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var id = (await platform.Api.GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments"))[0].GetProperty("id").GetInt32();

        foreach (var (locale, phone) in new[] { ("de-CH", false), ("en-GB", true), ("en-GB", false) })
        {
            await using var browser = await BrowserSession.StartAsync(platform, locale, phone);
            await browser.SignInAsync(youth, password);
            var what = $"({locale}, {(phone ? "phone" : "desktop")})";
            await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/verlauf");
            await Assertions.Expect(browser.Page.Locator("ol.versions > li")).ToHaveCountAsync(1);
            await browser.AssertAccessibleAsync("the Verlauf " + what);
            await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}/verlauf/{id}");
            await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Online");
            await browser.AssertAccessibleAsync("the build log " + what);
            await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");
            await browser.AssertAccessibleAsync("the Übersicht " + what);
        }
    }

    [Fact]
    public async Task SseApi_RedeployAnswers202_AndTheLogStreamResumesAfterLastEventId_WithoutRepeats()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SlowStartingApp("resumed"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        using var api = YouthApi(team);

        using var started = await api.PostAsync($"teams/{team.Name}/projects/{project}/deployments/redeploy", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("deploymentId").GetInt32();
        var stream = body.GetProperty("logStream").GetString()!;
        Assert.Equal($"/api/teams/{team.Name}/projects/{project}/deployments/{id}/log/stream", stream);
        Assert.EndsWith($"/deployments/{id}", started.Headers.Location!.ToString());

        var first = await ReadEventsAsync(api, stream, null, stopAfterLine: 3);
        var rest = await ReadEventsAsync(api, stream, "3", stopAfterLine: null);

        Assert.Equal(["1", "2", "3"], first.Where(e => e.Type == "line").Select(e => e.Id));
        var resumed = rest.Where(e => e.Type == "line").ToList();
        Assert.Equal("4", resumed[0].Id);
        Assert.Equal(Enumerable.Range(4, resumed.Count).Select(n => n.ToString()), resumed.Select(e => e.Id));
        var log = await LogAsync(team, project, id, api);
        Assert.Equal(log, first.Where(e => e.Type == "line").Concat(resumed).Select(e => e.Data));
        var end = JsonDocument.Parse(rest[^1].Data).RootElement;
        Assert.Equal("end", rest[^1].Type);
        Assert.True(end.GetProperty("succeeded").GetBoolean());
        Assert.Equal("Live", end.GetProperty("status").GetString());
        Assert.Equal(platform.SiteUrl(project).ToString().TrimEnd('/'), end.GetProperty("url").GetString()!.TrimEnd('/'));
    }

    [Fact]
    public async Task AnotherTeamsYouth_Gets404_OnTheVerlauf_TheBuildLog_ItsStreams_AndCannotStartADeploy()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("ours"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var id = (await platform.Api.GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments"))[0].GetProperty("id").GetInt32();
        var (other, stranger, password) = await platform.TeamWithPasswordAsync();
        var own = await platform.CreateProjectAsync(other);
        using var strangerApi = YouthApi(other);

        // The API, with the stranger's own token.
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.GetAsync($"teams/{team.Name}/projects/{project}/deployments/{id}/log/stream")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.PostAsync($"teams/{team.Name}/projects/{project}/deployments/redeploy", null)).StatusCode);
        // Their own project's address with the other team's deployment id.
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.GetAsync($"teams/{other.Name}/projects/{own}/deployments/{id}/log/stream")).StatusCode);

        // The pages, signed in with the cookie.
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(stranger, password);
        Assert.Equal(404, await StatusAsync(browser, $"/projekte/{team.Name}/{project}/verlauf"));
        Assert.Equal(404, await StatusAsync(browser, $"/projekte/{team.Name}/{project}/verlauf/{id}"));
        Assert.Equal(404, await StatusAsync(browser, $"/projekte/{other.Name}/{own}/verlauf/{id}"));
        Assert.Equal(200, await StatusAsync(browser, $"/projekte/{other.Name}/{own}/verlauf")); // their own: fine
        Assert.Equal(404, await StatusAsync(browser, $"/projekte/{team.Name}/{project}/verlauf/{id}/stream"));
        Assert.Equal(404, await StatusAsync(browser, $"/projekte/{other.Name}/{own}/verlauf/{id}/stream"));
        // "Neu veröffentlichen" with a valid form token of the stranger's own Übersicht, sent to the other team's project.
        await browser.Page.GotoAsync($"/projekte/{other.Name}/{own}");
        var token = await browser.Page.Locator("form.redeploy input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var post = await browser.Page.EvaluateAsync<int>("""
            async ([url, token]) => (await fetch(url, { method: "POST", redirect: "manual",
                body: new URLSearchParams({ __RequestVerificationToken: token }) })).status
            """, new[] { $"/projekte/{team.Name}/{project}?handler=Redeploy", token! });
        Assert.Equal(404, post);
        Assert.Single((await platform.Api.GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments")).EnumerateArray());

        // The stream's page address never takes a token instead of the cookie, and the API never takes the cookie.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{platform.Platform.Port}") };
        using var withToken = new HttpRequestMessage(HttpMethod.Get, $"/projekte/{team.Name}/{project}/verlauf/{id}/stream");
        withToken.Headers.Authorization = PlatformFixture.Basic(team.User, team.Token);
        using var answer = await anonymous.SendAsync(withToken);
        Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEqual("text/event-stream", answer.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A Node app that takes a few seconds before it answers (it sleeps without using CPU).</summary>
    private static Dictionary<string, string> SlowStartingApp(string text) =>
        SampleApps.NodeApp(text, "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 6000);");

    private HttpClient YouthApi(TestTeam team)
    {
        var api = new HttpClient { BaseAddress = platform.Api.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        api.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(team.User, team.Token);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        return api;
    }

    /// <summary>The status of a GET from inside the signed-in page (the browser resolves *.localhost; .NET and Node do not).</summary>
    private static Task<int> StatusAsync(BrowserSession browser, string url) =>
        browser.Page.EvaluateAsync<int>("async url => (await fetch(url, { redirect: 'manual' })).status", url);

    private async Task<JsonElement> DeploymentAsync(TestTeam team, string project, int id) =>
        (await platform.Api.GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments/{id}")).GetProperty("deployment");

    /// <summary>The deployment's full log as the API gives it, line by line.</summary>
    private async Task<string[]> LogAsync(TestTeam team, string project, int id, HttpClient? api = null)
    {
        var answer = await (api ?? platform.Api).GetFromJsonAsync<JsonElement>($"teams/{team.Name}/projects/{project}/deployments/{id}");
        return answer.GetProperty("log").GetString()!.TrimEnd('\n').Split('\n');
    }

    private sealed record SseEvent(string Type, string? Id, string Data);

    /// <summary>Reads a text/event-stream until the "end" event, or until the line with number <paramref name="stopAfterLine"/>.</summary>
    private static async Task<List<SseEvent>> ReadEventsAsync(HttpClient api, string path, string? lastEventId, int? stopAfterLine)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseAddress!, path));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<SseEvent>();
        string type = "message", data = "";
        string? id = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                events.Add(new SseEvent(type, id, data));
                if (type == "end" || (stopAfterLine is { } stop && type == "line" && id == stop.ToString())) return events;
                (type, data, id) = ("message", "", null);
            }
            else if (line.StartsWith("event: ")) type = line["event: ".Length..];
            else if (line.StartsWith("data: ")) data = line["data: ".Length..];
            else if (line.StartsWith("id: ")) id = line["id: ".Length..];
        }
        throw new InvalidOperationException("The stream ended without an end event.");
    }

}
