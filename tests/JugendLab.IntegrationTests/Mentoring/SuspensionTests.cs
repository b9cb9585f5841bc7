using System.Net;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Mentoring;

/// <summary>A mentor suspends a person: sessions end at the next click, tokens stop working, their own projects stop.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class SuspensionTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task Mentor_SuspendsAYouth_SessionAndTokensEnd_TheirOwnProjectStops_AndLiftingBringsTheProjectBack()
    {
        var team = await platform.CreateTeamAsync(); // its youth is the team's only member and pushes with a token
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Flohmarkt-Karte"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var (_, youth, password) = await platform.TeamWithPasswordAsync();
        await using var phone = await BrowserSession.StartAsync(platform);
        await phone.SignInAsync(youth, password);
        await Assertions.Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Meine Projekte" })).ToBeVisibleAsync();

        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        await using var desk = await BrowserSession.StartAsync(platform);
        await desk.SignInAsync(mentor, mentorPassword);
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Betreuung" }).First.ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Heading, new() { Name = "Der Server" })).ToBeVisibleAsync();
        await Assertions.Expect(desk.Page.Locator("label[for=box-memory]")).ToContainTextAsync("GB belegt");
        await Assertions.Expect(desk.Page.Locator("label[for=box-disk]")).ToContainTextAsync("GB belegt");
        await desk.AssertAccessibleAsync("the mentors' start page (German, phone)");
        await desk.ScreenshotAsync("betreuung-phone-de");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Personen" }).ClickAsync();
        foreach (var name in new[] { team.User, youth })
        {
            await desk.Page.GetByText($"{name} sperren …").ClickAsync();
            await desk.Page.GetByLabel($"Warum sperrst du {name}?").FillAsync("Hat anderen Teams Passwörter geschickt.");
            if (name == youth) await desk.AssertAccessibleAsync("Personen with the suspend form open (German, phone)");
            await desk.Page.GetByRole(AriaRole.Button, new() { Name = $"{name} jetzt sperren" }).ClickAsync();
            await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} ist gesperrt");
        }
        await desk.ScreenshotAsync("personen-phone-de");

        // The signed-in youth is out at the next click, and cannot sign in again.
        await phone.Page.GotoAsync("/");
        var afterClick = new Uri(phone.Page.Url).AbsolutePath;
        await phone.SignInAsync(youth, password);
        await Assertions.Expect(phone.Page.Locator(".error-summary")).ToBeVisibleAsync();
        // The token-only youth: API and git refuse the token; their own team's project stopped with the reason.
        using var api = platform.ApiAs(team);
        var me = await api.GetAsync("me");
        repo.Commit(SampleApps.StaticSite("trotzdem"), "second");
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        var stopped = await platform.ProjectAsync(team, project);
        var site = await platform.VisitAsync(project);

        await desk.Page.GetByRole(AriaRole.Button, new() { Name = $"Sperre von {team.User} aufheben" }).ClickAsync();
        await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Sperre von {team.User} ist aufgehoben");
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the project to serve again after the suspension was lifted");
        var meAfterLift = await api.GetAsync("me");

        Assert.Equal("/anmelden", afterClick);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.False(push.Succeeded, push.ToString());
        Assert.Equal("Stopped", stopped.GetProperty("status").GetString());
        Assert.Contains("gesperrt", stopped.GetProperty("stopReason").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, site.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, meAfterLift.StatusCode); // tokens stay deleted: the youth makes new ones
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?actor={mentor}"));
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, actions.Count(a => a == "UserSuspended"));
        Assert.Contains("UserReinstated", actions);
    }
}
