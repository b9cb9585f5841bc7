using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>The app works with the keyboard alone, with focus always visible, and at 200 % zoom without sideways scrolling.</summary>
[Collection(WebPlatformCollection.Name)]
public sealed class KeyboardAndZoomTests(WebPlatformFixture platform)
{
    [Fact]
    public async Task EveryPage_At200PercentZoom_FitsWithoutScrollingSideways()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ContainerSite("gross gezoomt")); // a container, so the Logs and Ressourcen tabs show their full layout
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var version = (await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments")))[0]
            .GetProperty("id").GetInt32();
        await using var browser = await BrowserSession.StartAsync(platform, width: 320);
        await browser.SignInAsync(youth, password);

        var root = $"/projekte/{team.Name}/{project}";
        var wide = new List<string>();
        foreach (var page in new[] { "/", "/tokens", $"/teams/{team.Name}", $"/teams/{team.Name}/neues-projekt", root, $"{root}/verlauf",
                     $"{root}/verlauf/{version}", $"{root}/logs", $"{root}/ressourcen", $"{root}/einstellungen", $"{root}/loeschen" })
        {
            await browser.Page.GotoAsync(page);
            if (!await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")) wide.Add(page);
        }

        Assert.True(wide.Count == 0, "these pages scroll sideways at 320 px (200 % zoom): " + string.Join(", ", wide));
    }

    [Fact]
    public async Task Youth_PublishesWithTheKeyboardAlone_AndSeesWhereTheFocusIs()
    {
        var (team, youth, password) = await platform.TeamWithPasswordAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("mit der Tastatur"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        await using var browser = await BrowserSession.StartAsync(platform, phone: false);
        await browser.SignInAsync(youth, password);
        await browser.Page.GotoAsync($"/projekte/{team.Name}/{project}");

        string focused = "";
        for (var i = 0; i < 40 && focused != "Neu veröffentlichen"; i++)
        {
            await browser.Page.Keyboard.PressAsync("Tab");
            focused = await browser.Page.EvaluateAsync<string>("(document.activeElement?.textContent ?? '').trim()");
            var outline = await browser.Page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle");
            Assert.True(outline != "none", $"no visible focus on \"{focused}\"");
        }
        Assert.Equal("Neu veröffentlichen", focused);
        await browser.Page.Keyboard.PressAsync("Enter");

        await browser.WaitForAddressAsync(new System.Text.RegularExpressions.Regex($"/projekte/{team.Name}/{project}/verlauf/\\d+$"));
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Online", new() { Timeout = 60_000 });
    }
}
