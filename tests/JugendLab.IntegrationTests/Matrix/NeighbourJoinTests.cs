using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Matrix;

/// <summary>Neighbours join the homeserver with an invite from a mentor: a link and a QR code, a user name and a password, no e-mail.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NeighbourJoinTests(PlatformFixture platform)
{
    // Documentation addresses (RFC 3849), sent only as X-Forwarded-For: the traffic stays on loopback.
    private const string Desk = "2001:db8:c4a7:1::1";
    private const string Neighbour = "2001:db8:c4a7:2::1";
    private const string SecondNeighbour = "2001:db8:c4a7:3::1";

    private Uri Homeserver(string path) => new($"http://matrix.lab.localhost:{platform.Platform.Port}{path}");

    [Fact]
    public async Task Mentor_MakesAnInvite_ANeighbourJoinsWithIt_SignsInWithAMatrixApp_AndTheUsedInviteIsRefused()
    {
        await platform.WaitForHomeserverAsync();
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();

        // The mentor makes an invite for one person under Betreuung › Quartier-Chat.
        await using var desk = await BrowserSession.StartAsync(platform, phone: false, forwardedFor: Desk);
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GotoAsync("/betreuung");
        await desk.Page.GetByRole(AriaRole.Navigation, new() { Name = "Bereiche der Betreuung" })
            .GetByRole(AriaRole.Link, new() { Name = "Quartier-Chat" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = "Quartier-Chat", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Läuft");
        await desk.Page.GetByLabel("Für wie viele Personen?").FillAsync("1");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Einladung erstellen" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Einladung für eine Person ist bereit.");
        var card = desk.Page.GetByRole(AriaRole.Article);
        await Assertions.Expect(card.Locator(".qr[role=img]")).ToBeVisibleAsync(); // the QR code
        var link = await card.Locator(".invite-link a").GetAttributeAsync("href");
        Assert.Matches(@"^http://lab\.localhost:\d+/beitreten\?token=", link);
        await desk.AssertAccessibleAsync("Betreuung › Quartier-Chat with a new invite (German, desktop)");
        await desk.ScreenshotAsync("quartier-chat-desktop-de");

        // A neighbour opens the link on a phone, picks a name and a password.
        var name = platform.UniqueName("nachbarin");
        const string password = "sonnenblume-am-balkon";
        await using (var phone = await BrowserSession.StartAsync(platform, forwardedFor: Neighbour))
        {
            await phone.Page.GotoAsync(link!);
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Dem Quartier-Chat beitreten", Level = 1 })).ToBeVisibleAsync();
            await phone.Page.GetByLabel("Benutzername").FillAsync(name);
            await phone.Page.GetByLabel("Passwort").FillAsync("zu-kurz");
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Konto erstellen" }).ClickAsync();
            await Assertions.Expect(phone.Page.Locator("#neighbour-password-error")).ToContainTextAsync("mindestens 10 Zeichen");
            await Assertions.Expect(phone.Page.GetByLabel("Benutzername")).ToHaveValueAsync(name); // what was typed stays
            await phone.Page.GetByLabel("Passwort").FillAsync(password);
            await phone.AssertAccessibleAsync("joining the neighbourhood chat (German, phone)");
            await phone.ScreenshotAsync("chat-beitreten-phone-de");
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Konto erstellen" }).ClickAsync();
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Willkommen im Quartier-Chat!", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"@{name}:lab.localhost");
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Element");
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("lab.localhost");
            await phone.AssertAccessibleAsync("welcome to the neighbourhood chat (German, phone)");
            await phone.ScreenshotAsync("chat-willkommen-phone-de");
        }

        // The account works in a Matrix app: the app signs in through the gateway, with the base domain's user ID.
        using var login = await platform.Sites.PostAsJsonAsync(Homeserver("/_matrix/client/v3/login"),
            new { type = "m.login.password", identifier = new { type = "m.id.user", user = name }, password });
        var session = await PlatformFixture.ReadJson(login);
        Assert.Equal($"@{name}:lab.localhost", session.GetProperty("user_id").GetString());

        // New neighbours are in the neighbourhood's space and its starter rooms at once.
        var rooms = await platform.RoomNamesAsync(session.GetProperty("access_token").GetString()!);
        Assert.Equal(["Infos aus dem Quartier", "Jugend-IT", "Nachbarschaftshilfe", "Unser Quartier"], rooms.Order());

        // The invite was for one person: the next one who opens the link is told so.
        await using (var second = await BrowserSession.StartAsync(platform, forwardedFor: SecondNeighbour))
        {
            await second.Page.GotoAsync(link!);
            await Assertions.Expect(second.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Diese Einladung ist schon gebraucht");
            await Assertions.Expect(second.Page.GetByRole(AriaRole.Button, new() { Name = "Konto erstellen" })).ToHaveCountAsync(0);
        }

        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?actor={mentor}&action=NeighbourInviteCreated"));
        Assert.Single(audit.EnumerateArray());
    }

    [Fact]
    public async Task ExpiredUnknownAndUsedInvites_AndTakenNames_AreRefusedClearly_AndYouthCannotMakeInvites()
    {
        await platform.WaitForHomeserverAsync();
        using var anonymous = platform.AnonymousFrom("2001:db8:c4a7:4::1");

        // An invite that runs out in two seconds.
        var shortLived = await PlatformFixture.ReadJson(await platform.Api.PostAsJsonAsync("matrix/invites",
            new { uses = 5, expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) }));
        var expiredToken = shortLived.GetProperty("token").GetString()!;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await using var phone = await BrowserSession.StartAsync(platform, forwardedFor: "2001:db8:c4a7:5::1");
        await phone.Page.GotoAsync($"/beitreten?token={Uri.EscapeDataString(expiredToken)}");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Diese Einladung ist abgelaufen");
        using var expired = await anonymous.PostAsJsonAsync("matrix/join", new { token = expiredToken, userName = platform.UniqueName("zuspaet"), password = "lange-genug-passwort" });

        await phone.Page.GotoAsync("/beitreten?token=gibt-es-nicht");
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Diese Einladung kennt der Server nicht");
        using var unknown = await anonymous.PostAsJsonAsync("matrix/join", new { token = "gibt-es-nicht", userName = platform.UniqueName("x"), password = "lange-genug-passwort" });

        // A name that someone already has, through the API.
        var invite = await PlatformFixture.ReadJson(await platform.Api.PostAsJsonAsync("matrix/invites", new { uses = 3 }));
        var token = invite.GetProperty("token").GetString()!;
        var name = platform.UniqueName("hauswart");
        var joined = await PlatformFixture.ReadJson(await anonymous.PostAsJsonAsync("matrix/join", new { token, userName = name, password = "lange-genug-passwort" }));
        using var taken = await anonymous.PostAsJsonAsync("matrix/join", new { token, userName = name, password = "ein-anderes-passwort" });
        using var shortPassword = await anonymous.PostAsJsonAsync("matrix/join", new { token, userName = platform.UniqueName("y"), password = "kurz" });
        var afterwards = (await PlatformFixture.ReadJson(await platform.Api.GetAsync("matrix/invites")))
            .EnumerateArray().Single(i => i.GetProperty("token").GetString() == token);

        // Youth cannot make or see invites.
        var team = await platform.CreateTeamAsync();
        using var youth = platform.ApiAs(team);
        using var youthCreates = await youth.PostAsJsonAsync("matrix/invites", new { uses = 1 });
        using var youthLists = await youth.GetAsync("matrix/invites");

        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        Assert.Contains("abgelaufen", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal($"@{name}:lab.localhost", joined.GetProperty("userId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("hat schon jemand", await taken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal(1, afterwards.GetProperty("completed").GetInt32());
        Assert.Equal(2, afterwards.GetProperty("usesLeft").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, youthCreates.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, youthLists.StatusCode);
    }
}
