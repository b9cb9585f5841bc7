using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using JugendLab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>
/// "Mein Profil": a youth links their Matrix (chat) account so their team's room can invite them, in the browser and through
/// <c>PUT /api/me/matrix</c>. This platform runs no homeserver, so the page also says the chat is switched off.
/// </summary>
[Collection(WebPlatformCollection.Name)]
public sealed class ProfilePageTests(WebPlatformFixture platform)
{
    private const string Server = "lab.localhost"; // the test platform's DomainOptions.Base (its default)

    [Fact]
    public async Task Youth_LinksTheirMatrixAccount_ItStaysAfterAReload_ThenUnlinksIt()
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        var page = browser.Page;
        var field = page.GetByLabel("Matrix-Konto", new() { Exact = true });
        var unlink = page.GetByRole(AriaRole.Button, new() { Name = "Verknüpfung lösen" });

        await page.GetByRole(AriaRole.Link, new() { Name = "Profil", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mein Profil", Level = 1 })).ToBeVisibleAsync();
        var before = await unlink.CountAsync();
        var placeholder = await field.GetAttributeAsync("placeholder");
        await field.FillAsync($"{youth}:{Server}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync(youth);
        await Assertions.Expect(main).ToContainTextAsync("Jugendliche:r");
        await Assertions.Expect(main).ToContainTextAsync("Der Quartier-Chat ist auf diesem Server ausgeschaltet.");
        Assert.Equal(0, before);
        Assert.Equal($"@mia:{Server}", placeholder);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Gespeichert: @{youth}:{Server} ist jetzt verknüpft.");
        await page.ReloadAsync();
        await Assertions.Expect(field).ToHaveValueAsync($"@{youth}:{Server}");
        await Assertions.Expect(main).ToContainTextAsync($"Verknüpft ist: @{youth}:{Server}");

        await unlink.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Verknüpfung ist gelöst.");
        await page.ReloadAsync();
        await Assertions.Expect(field).ToHaveValueAsync("");
        await Assertions.Expect(main).ToContainTextAsync("Du hast noch kein Matrix-Konto verknüpft.");
        await Assertions.Expect(unlink).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Youth_TypesSomethingThatIsNoMatrixAddress_SeesWhyNextToTheField_AndKeepsWhatTheyTyped()
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(youth, password);
        var field = browser.Page.GetByLabel("Matrix-Konto", new() { Exact = true });

        await browser.Page.GotoAsync("/profil");
        await field.FillAsync("nicht gültig");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Assertions.Expect(browser.Page.Locator("#matrix-error")).ToContainTextAsync("Das ist keine Matrix-Adresse.");
        await Assertions.Expect(field).ToHaveAccessibleDescriptionAsync(new Regex("Das ist keine Matrix-Adresse"));
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(field).ToHaveValueAsync("nicht gültig");
        await Assertions.Expect(browser.Page.Locator(".error-summary")).ToContainTextAsync("Das ist keine Matrix-Adresse.");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Du hast noch kein Matrix-Konto verknüpft.");
    }

    [Fact]
    public async Task SecondYouth_LinkingAnAccountSomeoneElseLinked_IsToldItIsTaken_AndKeepsWhatTheyTyped()
    {
        var (first, firstPassword) = await platform.YouthWithPasswordAsync();
        var address = $"@{first}:{Server}";
        using (var asFirst = platform.ApiAs(first, firstPassword))
            await PlatformFixture.EnsureSuccess(await asFirst.PutAsJsonAsync("me/matrix", new { matrixUserId = address }));
        var (second, secondPassword) = await platform.YouthWithPasswordAsync();
        await using var browser = await BrowserSession.StartAsync(platform);
        await browser.SignInAsync(second, secondPassword);
        var field = browser.Page.GetByLabel("Matrix-Konto", new() { Exact = true });

        await browser.Page.GotoAsync("/profil");
        await field.FillAsync(address);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Assertions.Expect(browser.Page.Locator("#matrix-error"))
            .ToContainTextAsync($"Das Matrix-Konto {address} hat schon jemand anderes hier verknüpft.");
        await Assertions.Expect(field).ToHaveValueAsync(address);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Du hast noch kein Matrix-Konto verknüpft.");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Verknüpfung lösen" })).ToHaveCountAsync(0);

        // A mentor takes the address off the first youth (Personen), and now the second can link it.
        var (mentor, mentorPassword) = await platform.MentorWithPasswordAsync();
        await using (var desk = await BrowserSession.StartAsync(platform, phone: false))
        {
            await desk.SignInAsync(mentor, mentorPassword);
            await desk.Page.GotoAsync("/betreuung/personen");
            await Assertions.Expect(desk.Page.GetByText($"Quartier-Chat: {address}")).ToBeVisibleAsync();
            await desk.Page.GetByRole(AriaRole.Button, new() { Name = $"Matrix-Verknüpfung von {first} lösen" }).ClickAsync();
            await Assertions.Expect(desk.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Die Matrix-Verknüpfung von {first} ist gelöst.");
            await desk.AssertAccessibleAsync("Personen after unlinking a Matrix account (German, desktop)");
        }
        await field.FillAsync(address);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{address} ist jetzt verknüpft");
        var audit = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"audit?actor={mentor}"));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "MatrixUnlinked"
            && e.GetProperty("target").GetString() == $"{first}: {address}");
    }

    [Theory]
    [InlineData("de-CH", true, "Mein Profil", "Speichern", "ist jetzt verknüpft", "Das ist keine Matrix-Adresse")]
    [InlineData("de-CH", false, "Mein Profil", "Speichern", "ist jetzt verknüpft", "Das ist keine Matrix-Adresse")]
    [InlineData("en-GB", true, "My profile", "Save", "is now linked", "That is not a Matrix address")]
    [InlineData("en-GB", false, "My profile", "Save", "is now linked", "That is not a Matrix address")]
    public async Task ProfilePage_SpeaksThePersonsLanguage_AndPassesAxe_LinkedAndRefused(string locale, bool phone, string title,
        string save, string saved, string refused)
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        var size = phone ? "phone" : "desktop";
        var language = locale[..2];
        await using var browser = await BrowserSession.StartAsync(platform, locale, phone);
        await browser.SignInAsync(youth, password);
        var field = browser.Page.GetByLabel(new Regex("^(Matrix-Konto|Matrix account)$"));

        await browser.Page.GotoAsync("/profil");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await browser.AssertAccessibleAsync($"Mein Profil, nothing linked ({language}, {size})");
        await field.FillAsync($"{youth}:{Server}");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync(saved);
        await browser.AssertAccessibleAsync($"Mein Profil, linked ({language}, {size})");
        await browser.ScreenshotAsync($"profil-{size}-{language}");
        await field.FillAsync("nicht gültig");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = save, Exact = true }).ClickAsync();

        await Assertions.Expect(browser.Page.Locator("#matrix-error")).ToContainTextAsync(refused);
        await browser.AssertAccessibleAsync($"Mein Profil, refused ({language}, {size})");
    }

    [Fact]
    public async Task ProfilePage_At200PercentZoom_WithALongMatrixAddress_FitsWithoutScrollingSideways()
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        var address = $"@{youth}.{string.Concat(Enumerable.Repeat("quartierfest", 8))}:{Server}";
        await using var browser = await BrowserSession.StartAsync(platform, width: 320);
        await browser.SignInAsync(youth, password);

        await browser.Page.GotoAsync("/profil");
        await browser.Page.GetByLabel("Matrix-Konto", new() { Exact = true }).FillAsync(address);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Status)).ToContainTextAsync(address);
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "Mein Profil scrolls sideways at 320 px (200 % zoom) with a long Matrix address");
    }

    [Fact]
    public async Task Api_PutMeMatrix_WithAToken_LinksTheAddressCheckedAndLowerCased()
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        using var api = await WithTokenAsync(youth, password);

        var response = await api.PutAsJsonAsync("me/matrix", new { matrixUserId = $"  {youth.ToUpperInvariant()}:Lab.Localhost " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"@{youth}:{Server}", body.GetProperty("matrixUserId").GetString());
    }

    [Fact]
    public async Task Api_PutMeMatrix_WithSomethingThatIsNoMatrixAddress_Is400WithProblemDetails()
    {
        var (youth, password) = await platform.YouthWithPasswordAsync();
        using var api = await WithTokenAsync(youth, password);

        var response = await api.PutAsJsonAsync("me/matrix", new { matrixUserId = "nicht gültig" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("keine Matrix-Adresse", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_PutMeMatrix_WithAnAddressSomeoneElseLinked_Is409()
    {
        var (first, firstPassword) = await platform.YouthWithPasswordAsync();
        var (second, secondPassword) = await platform.YouthWithPasswordAsync();
        var address = $"@{first}:{Server}";
        using var asFirst = await WithTokenAsync(first, firstPassword);
        using var asSecond = await WithTokenAsync(second, secondPassword);
        await PlatformFixture.EnsureSuccess(await asFirst.PutAsJsonAsync("me/matrix", new { matrixUserId = address }));

        var response = await asSecond.PutAsJsonAsync("me/matrix", new { matrixUserId = address });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(address, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    /// <summary>The API as <paramref name="name"/> with a personal access token of theirs, as a script would call it.</summary>
    private async Task<HttpClient> WithTokenAsync(string name, string password)
    {
        using var withPassword = platform.ApiAs(name, password);
        var token = (await PlatformFixture.ReadJson(await withPassword.PostAsJsonAsync("tokens", new { name = "matrix" })))
            .GetProperty("token").GetString()!;
        var client = new HttpClient { BaseAddress = platform.Api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
