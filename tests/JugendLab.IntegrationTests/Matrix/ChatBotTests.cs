using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;

namespace JugendLab.IntegrationTests.Matrix;

/// <summary>
/// The platform talks in Matrix, read back through the gateway as a member's Matrix app would: the team's room with
/// deploy notices, the commands, the mentors' room, and a homeserver that stops answering while a deploy finishes.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatBotTests(PlatformFixture platform)
{
    private static readonly TimeSpan NoticeWait = TimeSpan.FromSeconds(60);
    private static int _neighbours;

    [Fact]
    public async Task TeamRoom_InvitesTheLinkedMember_PostsDeploys_AndAnswersCommands()
    {
        await platform.WaitForHomeserverAsync();
        var (team, mia, room) = await TeamWithItsRoomAsync();

        // The room says it is not end-to-end encrypted, and it is not.
        var topic = await mia.GetAsync($"/_matrix/client/v3/rooms/{Esc(room)}/state/m.room.topic/");
        Assert.Contains("Nicht Ende-zu-Ende-verschlüsselt", topic.GetProperty("topic").GetString());
        Assert.Equal(HttpStatusCode.NotFound, await mia.StatusAsync($"/_matrix/client/v3/rooms/{Esc(room)}/state/m.room.encryption/"));

        // A push that goes live is told with its address; a failing one with its reason and the build's last lines.
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Hallo Chat"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var live = await mia.WaitForMessageAsync(room, $"Online: {project} läuft in Version", NoticeWait);
        Assert.Contains($"Adresse: http://{project}.lab.localhost:{platform.Platform.Port}/", live);
        repo.Commit(SampleApps.FailingDockerfile(), "Dockerfile that fails");
        Assert.False((await repo.PushAsync(platform.RemoteUrl(team, project))).Succeeded);
        var failed = await mia.WaitForMessageAsync(room, $" von {project} ist nicht online gegangen", NoticeWait);
        Assert.Contains("läuft weiter", failed);
        Assert.Contains("compiling the kiez app", failed);
        Assert.Contains($"/projekte/{team.Name}/{project}/verlauf/", failed);

        // !status lists the projects; !deploy from a member publishes again, and its notice follows.
        await mia.SendAsync(room, "!status");
        var status = await mia.WaitForMessageAsync(room, $"Team {team.Name}: 1 Projekt", NoticeWait);
        Assert.Contains($"• {project}: Live – http://{project}.lab.localhost:{platform.Platform.Port}/", status);
        await mia.SendAsync(room, "!hilfe");
        Assert.Contains("!deploy <projekt>", await mia.WaitForMessageAsync(room, "Das kann ich in eurem Team-Raum", NoticeWait));

        var deploysBefore = (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments"))).GetArrayLength();
        await mia.SendAsync(room, $"!deploy {project}");
        var started = await mia.WaitForMessageAsync(room, $"veröffentlicht {project} neu (Version", NoticeWait);
        var version = started.Split("(Version ")[1].Split(')')[0];
        await mia.WaitForMessageAsync(room, $"Online: {project} läuft in Version {version}", NoticeWait);
        Assert.Equal(deploysBefore + 1, (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments"))).GetArrayLength());

        // Someone in the room who is not in the team (here put in by the homeserver's admin) may ask, but not deploy.
        var stranger = await NeighbourAsync("fremd");
        await AdminJoinAsync(stranger.UserId, room);
        await stranger.SendAsync(room, $"!deploy {project}");
        var refused = await stranger.WaitForMessageAsync(room, $"Nur Mitglieder von Team {team.Name} dürfen hier Projekte veröffentlichen", NoticeWait);
        Assert.Contains(stranger.UserId, refused);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a deploy would have been recorded by now
        Assert.Equal(deploysBefore + 1, (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments"))).GetArrayLength());

        // Taken out of the team: taken out of the room.
        await PlatformFixture.EnsureSuccess(await platform.Api.DeleteAsync($"teams/{team.Name}/members/{team.User}"));
        await platform.WaitForPlatformAsync(async () => await mia.MembershipAsync(room) == "leave", NoticeWait, "the removed member to be taken out of the team's room");
    }

    [Fact]
    public async Task HomeserverThatStopsAnswering_DelaysTheNotice_ButNeitherTheDeployNorTheNoticeIsLost()
    {
        await platform.WaitForHomeserverAsync();
        var (team, mia, room) = await TeamWithItsRoomAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("vor der Pause"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await mia.WaitForMessageAsync(room, $"Online: {project} läuft in Version", NoticeWait);

        // Synapse is frozen (its processes paused by the engine): it takes connections but answers nothing, the worst kind of down.
        var synapse = (await platform.ServiceContainersAsync()).Single(c => c.Names.Any(n => n.EndsWith("-synapse", StringComparison.Ordinal)));
        await platform.Docker.Containers.PauseContainerAsync(synapse.ID);
        int version;
        try
        {
            await platform.WaitForPlatformAsync(async () => (await MatrixReportAsync()).GetProperty("state").GetString() != "Ready",
                TimeSpan.FromSeconds(30), "the platform to notice that the homeserver does not answer");

            // The deploy is neither slowed down nor failed by it.
            repo.Commit(SampleApps.StaticSite("während der Pause"), "while the homeserver is down");
            var started = DateTime.UtcNow;
            var push = await repo.PushAsync(platform.RemoteUrl(team, project));
            Assert.True(push.Succeeded, push.ToString());
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "the push took a minute: it waited for the homeserver");
            Assert.Contains("während der Pause", (await platform.VisitAsync(project)).Body);
            version = (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}"))).GetProperty("liveDeploymentId").GetInt32();

            // Its notice waits in the outbox, and staff can see that.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var waiting = (await MatrixReportAsync()).GetProperty("notices");
            Assert.True(waiting.GetProperty("waiting").GetInt32() >= 1, waiting.ToString());
        }
        finally
        {
            await platform.Docker.Containers.UnpauseContainerAsync(synapse.ID);
        }

        // Back: the notice arrives, once.
        await platform.WaitForHomeserverAsync();
        await mia.WaitForMessageAsync(room, $"Online: {project} läuft in Version {version}", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var messages = await mia.MessagesAsync(room);
        Assert.Single(messages, m => m.Contains($"Online: {project} läuft in Version {version}", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains($"Online: {project} läuft in Version", StringComparison.Ordinal)
                                     && !m.Contains($"Version {version}", StringComparison.Ordinal));
        await platform.WaitForPlatformAsync(async () => (await MatrixReportAsync()).GetProperty("notices").GetProperty("waiting").GetInt32() == 0,
            NoticeWait, "the outbox to be empty");
    }

    [Fact]
    public async Task MentorsRoom_GetsQuotaRequestsAndReports_WithTheLinkToThePage()
    {
        await platform.WaitForHomeserverAsync();
        var (mentorName, mentorPassword) = await platform.MentorWithPasswordAsync();
        var mentor = await NeighbourAsync("rosa");
        using (var api = platform.ApiAs(mentorName, mentorPassword))
            await PlatformFixture.EnsureSuccess(await api.PutAsJsonAsync("me/matrix", new { matrixUserId = mentor.UserId }));
        var room = await mentor.AcceptInviteAsync("Mentor:innen · JugendLab", NoticeWait);

        var team = await platform.CreateTeamAsync();
        using (var youth = platform.ApiAs(team))
            await PlatformFixture.EnsureSuccess(await youth.PostAsJsonAsync($"teams/{team.Name}/quota-requests",
                new { asked = new { maxProjects = 5, memoryMb = 512, cpus = 1.0, diskMb = 2048 }, reason = "Wir bauen einen Game-Server" }));
        var asked = await mentor.WaitForMessageAsync(room, $"Neue Anfrage von Team {team.Name}", NoticeWait);
        Assert.Contains("Wir bauen einen Game-Server", asked);
        Assert.Contains($"http://lab.localhost:{platform.Platform.Port}/betreuung/anfragen", asked);

        var project = await platform.CreateProjectAsync(team);
        await using (var resident = await BrowserSession.StartAsync(platform, forwardedFor: "203.0.113.77"))
        {
            await resident.Page.GotoAsync($"/melden/{project}");
            await resident.Page.GetByLabel("funktioniert nicht").CheckAsync();
            await resident.Page.GetByLabel("Was ist passiert?").FillAsync("Die Seite bleibt weiss");
            await resident.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Meldung schicken" }).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(resident.Page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("Danke!");
        }
        var reported = await mentor.WaitForMessageAsync(room, $"Neue Meldung zu {project}", NoticeWait);
        Assert.Contains("Die Seite bleibt weiss", reported);
        Assert.Contains("/betreuung/meldungen", reported);
    }

    // ----- the people and rooms of a test -----

    /// <summary>A team whose youth linked a new neighbour account, and the team's room that account joined.</summary>
    private async Task<(TestTeam Team, MatrixPerson Mia, string Room)> TeamWithItsRoomAsync()
    {
        var team = await platform.CreateTeamAsync();
        var mia = await NeighbourAsync("mia");
        using (var youth = platform.ApiAs(team))
        {
            var linked = await PlatformFixture.ReadJson(await youth.PutAsJsonAsync("me/matrix", new { matrixUserId = mia.UserId[1..] }));
            Assert.Equal(mia.UserId, linked.GetProperty("matrixUserId").GetString());
        }
        var room = await mia.AcceptInviteAsync($"Team {team.Name} · JugendLab", NoticeWait);
        return (team, mia, room);
    }

    /// <summary>A neighbour with an account on the test platform's homeserver (joined with an invite, as on the join page).</summary>
    private async Task<MatrixPerson> NeighbourAsync(string prefix)
    {
        var name = platform.UniqueName(prefix);
        var password = "ein-passwort-fuer-" + name;
        var invite = await PlatformFixture.ReadJson(await platform.Api.PostAsJsonAsync("matrix/invites", new { uses = 1 }));
        // Each neighbour comes from an address of their own (a documentation address, sent only as X-Forwarded-For):
        // the homeserver limits sign-ups and sign-ins per address, as it should for real neighbours.
        var address = $"2001:db8:c4a7:{0x200 + Interlocked.Increment(ref _neighbours):x}::1";
        using var anonymous = platform.AnonymousFrom(address);
        await PlatformFixture.EnsureSuccess(await anonymous.PostAsJsonAsync("matrix/join",
            new { token = invite.GetProperty("token").GetString(), userName = name, password }));
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://matrix.lab.localhost:{platform.Platform.Port}/_matrix/client/v3/login"))
        {
            Content = JsonContent.Create(new { type = "m.login.password", identifier = new { type = "m.id.user", user = name }, password }),
        };
        login.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        var token = (await PlatformFixture.ReadJson(await platform.Sites.SendAsync(login))).GetProperty("access_token").GetString()!;
        return new MatrixPerson(platform, $"@{name}:lab.localhost", token);
    }

    private async Task<JsonElement> MatrixReportAsync() => await PlatformFixture.ReadJson(await platform.Api.GetAsync("matrix"));

    /// <summary>Puts someone into a room with Synapse's admin API, which the gateway never exposes: the test calls the
    /// test platform's own Synapse container directly, with the platform's admin account.</summary>
    private async Task AdminJoinAsync(string userId, string room)
    {
        var account = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(platform.DataDirectory, "matrix", "platform-account.json"))).RootElement;
        var synapse = (await platform.ServiceContainersAsync()).Single(c => c.Names.Any(n => n.EndsWith("-synapse", StringComparison.Ordinal)));
        var inspected = await platform.Docker.Containers.InspectContainerAsync(synapse.ID);
        var ip = inspected.NetworkSettings!.Networks.Values.First().IPAddress;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{ip}:8008/_synapse/admin/v1/join/{Esc(room)}")
        {
            Content = JsonContent.Create(new { user_id = userId }),
        };
        request.Headers.Authorization = new("Bearer", account.GetProperty("access_token").GetString());
        await PlatformFixture.EnsureSuccess(await http.SendAsync(request));
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);
}

/// <summary>A Matrix account of the test, talking to the test platform's homeserver through the gateway.</summary>
internal sealed class MatrixPerson(PlatformFixture platform, string userId, string token)
{
    public string UserId { get; } = userId;

    private Uri Url(string path) => new($"http://matrix.lab.localhost:{platform.Platform.Port}{path}");

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await platform.Sites.SendAsync(request);
    }

    public async Task<JsonElement> GetAsync(string path) => await PlatformFixture.ReadJson(await CallAsync(HttpMethod.Get, path));

    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var answer = await CallAsync(HttpMethod.Get, path);
        return answer.StatusCode;
    }

    public async Task SendAsync(string room, string text) =>
        await PlatformFixture.EnsureSuccess(await CallAsync(HttpMethod.Put,
            $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/send/m.room.message/{Guid.NewGuid():n}", new { msgtype = "m.text", body = text }));

    /// <summary>Waits for the platform's invitation to the room named <paramref name="name"/>, joins it, and returns its ID.</summary>
    /// <remarks>Synapse keeps a sync's answer for two minutes and gives it again for the same request, so the test
    /// follows the sync tokens, as a Matrix app does, instead of asking the same first sync again.</remarks>
    public async Task<string> AcceptInviteAsync(string name, TimeSpan timeout)
    {
        string? room = null;
        string? since = null;
        var seen = new List<string>();
        try
        {
            await platform.WaitForPlatformAsync(async () =>
            {
                var sync = await GetAsync("/_matrix/client/v3/sync?timeout=0" + (since is null ? "" : "&since=" + Uri.EscapeDataString(since)));
                since = sync.GetProperty("next_batch").GetString();
                if (!sync.TryGetProperty("rooms", out var rooms) || !rooms.TryGetProperty("invite", out var invites)) return false;
                foreach (var invite in invites.EnumerateObject())
                {
                    var names = invite.Value.GetProperty("invite_state").GetProperty("events").EnumerateArray()
                        .Where(e => e.GetProperty("type").GetString() == "m.room.name")
                        .Select(e => e.GetProperty("content").GetProperty("name").GetString()).ToList();
                    seen.AddRange(names!);
                    if (names.Contains(name)) room = invite.Name;
                }
                return room is not null;
            }, timeout, $"an invitation of {UserId} to «{name}»");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- invitations seen: {string.Join(", ", seen)}", e);
        }
        await PlatformFixture.EnsureSuccess(await CallAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room!)}/join", new { }));
        return room!;
    }

    /// <summary>The text of the room's newest messages (up to 100), newest first.</summary>
    public async Task<List<string>> MessagesAsync(string room)
    {
        var answer = await GetAsync($"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/messages?dir=b&limit=100");
        return answer.GetProperty("chunk").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "m.room.message" && e.GetProperty("content").TryGetProperty("body", out _))
            .Select(e => e.GetProperty("content").GetProperty("body").GetString()!).ToList();
    }

    /// <summary>Waits for a message that contains <paramref name="text"/> and returns it whole.</summary>
    public async Task<string> WaitForMessageAsync(string room, string text, TimeSpan timeout)
    {
        string? found = null;
        List<string> seen = [];
        try
        {
            await platform.WaitForPlatformAsync(async () =>
            {
                seen = await MessagesAsync(room);
                found = seen.FirstOrDefault(m => m.Contains(text, StringComparison.Ordinal));
                return found is not null;
            }, timeout, $"a message with «{text}» in the room of {UserId}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- the room's newest messages ---\n{string.Join("\n---\n", seen.Take(8))}", e);
        }
        return found!;
    }

    /// <summary>The account's membership of the room as the homeserver has it (join, invite, leave, …).</summary>
    public async Task<string?> MembershipAsync(string room)
    {
        using var answer = await CallAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/state/m.room.member/{Uri.EscapeDataString(UserId)}");
        if (answer.StatusCode == HttpStatusCode.Forbidden) return "leave"; // a member who was removed no longer reads the room's state
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("membership", out var m) ? m.GetString() : null;
    }
}
