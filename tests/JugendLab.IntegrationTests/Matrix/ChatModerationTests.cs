using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Matrix;

/// <summary>A neighbour reports a message in their Matrix app; a mentor sees it with its text and deactivates the sender with a reason.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatModerationTests(PlatformFixture platform)
{
    private const string Desk = "2001:db8:c4a7:11::1";

    private Uri Homeserver(string path) => new($"http://matrix.lab.localhost:{platform.Platform.Port}{path}");

    [Fact]
    public async Task ReportedMessage_ReachesTheMentors_WhoDeactivateTheSenderWithAReason()
    {
        await platform.WaitForHomeserverAsync();
        using var anonymous = platform.AnonymousFrom("2001:db8:c4a7:12::1");
        var invite = await PlatformFixture.ReadJson(await platform.Api.PostAsJsonAsync("matrix/invites", new { uses = 2 }));
        var token = invite.GetProperty("token").GetString()!;
        var spammer = platform.UniqueName("uhrenhaendler");
        var neighbour = platform.UniqueName("nachbar");
        foreach (var name in new[] { spammer, neighbour })
            await PlatformFixture.EnsureSuccess(await anonymous.PostAsJsonAsync("matrix/join", new { token, userName = name, password = "ein-passwort-fuer-" + name }));

        // The spammer writes in Nachbarschaftshilfe; the neighbour reports it in their app.
        var spammerToken = await SignInAsync(spammer);
        var room = (await MatrixAsync(HttpMethod.Get, "/_matrix/client/v3/directory/room/" + Uri.EscapeDataString("#nachbarschaftshilfe:lab.localhost"), spammerToken))
            .GetProperty("room_id").GetString()!;
        var text = "Billige Uhren! Nur heute! " + platform.UniqueName("spam");
        var sent = await MatrixAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/send/m.room.message/{Guid.NewGuid():n}", spammerToken,
            new { msgtype = "m.text", body = text });
        var neighbourToken = await SignInAsync(neighbour);
        await MatrixAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/report/{Uri.EscapeDataString(sent.GetProperty("event_id").GetString()!)}",
            neighbourToken, new { reason = "Werbung", score = -100 });

        // A mentor finds it under Betreuung › Quartier-Chat, with the message's text.
        var (mentor, password) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform, phone: false, forwardedFor: Desk);
        await desk.SignInAsync(mentor, password);
        await desk.Page.GotoAsync("/betreuung/chat");
        var report = desk.Page.GetByRole(AriaRole.Article).Filter(new() { HasText = text });
        await Assertions.Expect(report.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Nachricht von @{spammer}:lab.localhost in «Nachbarschaftshilfe»");
        await Assertions.Expect(report).ToContainTextAsync($"Gemeldet von @{neighbour}:lab.localhost");
        await Assertions.Expect(report).ToContainTextAsync("Werbung");
        await desk.AssertAccessibleAsync("Quartier-Chat with a reported message (German, desktop)");
        await desk.ScreenshotAsync("chat-meldung-desktop-de");

        // Deactivating needs a reason.
        await report.GetByText($"@{spammer}:lab.localhost sperren …").ClickAsync();
        await report.GetByRole(AriaRole.Button, new() { Name = $"@{spammer}:lab.localhost jetzt sperren" }).ClickAsync();
        await Assertions.Expect(desk.Page.Locator(".error-summary")).ToContainTextAsync("Schreib einen Grund");
        var refused = desk.Page.GetByRole(AriaRole.Article).Filter(new() { HasText = text });
        await refused.GetByLabel($"Warum sperrst du @{spammer}:lab.localhost?").FillAsync("Werbung im Nachbarschaftsraum, trotz Hinweis.");
        await refused.GetByRole(AriaRole.Button, new() { Name = $"@{spammer}:lab.localhost jetzt sperren" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"@{spammer}:lab.localhost ist gesperrt");
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Article).Filter(new() { HasText = text })).ToHaveCountAsync(0);

        // The spammer cannot sign in any more; the neighbour still can. Youth cannot moderate through the API.
        using var spammerAgain = await platform.Sites.PostAsJsonAsync(Homeserver("/_matrix/client/v3/login"),
            new { type = "m.login.password", identifier = new { type = "m.id.user", user = spammer }, password = "ein-passwort-fuer-" + spammer });
        Assert.Equal(HttpStatusCode.Forbidden, spammerAgain.StatusCode);
        Assert.False(string.IsNullOrEmpty(await SignInAsync(neighbour)));
        var team = await platform.CreateTeamAsync();
        using var youth = platform.ApiAs(team);
        using var youthReads = await youth.GetAsync("matrix/reports");
        using var youthDeactivates = await youth.PostAsJsonAsync($"matrix/accounts/{Uri.EscapeDataString($"@{neighbour}:lab.localhost")}/deactivation", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, youthReads.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, youthDeactivates.StatusCode);
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?actor={mentor}"));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "NeighbourDeactivated"
            && e.GetProperty("target").GetString() == $"@{spammer}:lab.localhost" && e.GetProperty("reason").GetString() == "Werbung im Nachbarschaftsraum, trotz Hinweis.");
    }

    private async Task<string> SignInAsync(string user)
    {
        using var login = await platform.Sites.PostAsJsonAsync(Homeserver("/_matrix/client/v3/login"),
            new { type = "m.login.password", identifier = new { type = "m.id.user", user }, password = "ein-passwort-fuer-" + user });
        return (await PlatformFixture.ReadJson(login)).GetProperty("access_token").GetString()!;
    }

    private async Task<JsonElement> MatrixAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Homeserver(path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await PlatformFixture.ReadJson(await platform.Sites.SendAsync(request));
    }
}
