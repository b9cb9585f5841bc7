using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (FACTS.md: never `playwright install`; the real binary, not the /usr/bin wrapper),
/// on the test platform's real port, as a person with a phone (360×740) or a desktop would use it.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string Chromium = "/usr/lib/chromium/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <param name="width">A viewport this many CSS pixels wide instead (320 is a 640 px screen at 200 % zoom).</param>
    /// <param name="forwardedFor">A resident's address, as a reverse proxy in front of the box would pass it on (the test
    /// platform trusts loopback as that proxy), so one machine can play several neighbours.</param>
    public static async Task<BrowserSession> StartAsync(PlatformFixture platform, string locale = "de-CH", bool phone = true, int? width = null,
        string? forwardedFor = null)
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {Chromium}. Install it with: sudo apt-get install -y chromium " +
                "(./jugendlab test does it for you).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Without the background-networking flags Chromium keeps calling Google's hosts, which this machine refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                    "--disable-background-networking", "--disable-component-update"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://lab.localhost:{platform.Platform.Port}",
            Locale = locale,
            ViewportSize = width is { } w ? new ViewportSize { Width = w, Height = 640 }
                : phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 800 },
            ExtraHTTPHeaders = forwardedFor is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor },
        });
        return new BrowserSession(playwright, browser, context, await context.NewPageAsync());
    }

    /// <summary>Signs in through the form, as a person would (typing, then the button).</summary>
    public async Task SignInAsync(string name, string password)
    {
        await Page.GotoAsync("/anmelden");
        await Page.GetByLabel("Name").FillAsync(name);
        await Page.GetByLabel(new System.Text.RegularExpressions.Regex("^(Passwort|Password)$")).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).Or(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ClickAsync();
    }

    /// <summary>
    /// Waits until a form post lands on <paramref name="url"/> (its first byte is enough); when it does not, the failure
    /// says where the browser is and what the page refused with, instead of a bare timeout.
    /// </summary>
    public async Task WaitForAddressAsync(System.Text.RegularExpressions.Regex url, float timeoutMs = 30_000)
    {
        try
        {
            await Page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = timeoutMs });
        }
        catch (Exception e) when (e is PlaywrightException or System.TimeoutException) // Playwright times out with either
        {
            var refusal = await Page.Locator(".error-summary").AllInnerTextsAsync();
            throw new System.TimeoutException($"The browser did not reach {url} within {timeoutMs / 1000:0} s; it is at {Page.Url}" +
                (refusal.Count > 0 ? $", which says: {string.Join(" / ", refusal).ReplaceLineEndings(" ")}" : " (no refusal on the page)"));
        }
    }

    /// <summary>axe with the WCAG 2.x A and AA rules; the message lists every violation with its nodes.</summary>
    public async Task AssertAccessibleAsync(string what)
    {
        var results = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var violations = results.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target) + " — " + string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))))}").ToList();
        Assert.True(violations.Count == 0, $"axe found problems on {what}:\n" + string.Join("\n", violations));
    }

    /// <summary>A full-page screenshot in the test output folder (screenshots/), for people to look at.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
