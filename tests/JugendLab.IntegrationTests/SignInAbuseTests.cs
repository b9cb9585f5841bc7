using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>
/// Password guessing, cached Basic credentials and cross-site requests (issue 9). Every guess here comes from a loopback
/// address of its own (127.x.y.z): the fixture's admin signs in from 127.0.0.1 in every test, and must never be held back.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SignInAbuseTests(PlatformFixture platform)
{
    [Fact]
    public async Task AGuesser_SoonGets429_ThenEvenTheRightPasswordWaits_WhileATokenStillWorks()
    {
        var (user, password) = await CreateUserAsync();
        var token = await CreateTokenAsync(user, password);
        using var guesser = ClientFrom(NewAddress());

        var firstRefusal = await GuessUntilALongWaitAsync(guesser, i => (user, "wrong-password-" + i));
        using var elsewhere = ClientFrom(NewAddress());
        using var rightPassword = await GetMeAsync(elsewhere, user, password);
        using var withToken = ClientFrom(NewAddress());
        withToken.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.InRange(firstRefusal, 6, 8);   // five wrong passwords, then a wait (one or two more if this machine stalls)
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.StatusCode);
        Assert.NotNull(rightPassword.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", rightPassword.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Try again in", await rightPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("me")).StatusCode);
    }

    [Fact]
    public async Task AnAddressSprayingGuesses_WaitsForNewNames_ButNotForAccountsKnownThere_NorOtherAddresses()
    {
        var (regular, regularPassword) = await CreateUserAsync();
        var (newcomer, newcomerPassword) = await CreateUserAsync();
        using var fromSprayer = ClientFrom(NewAddress());
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(fromSprayer, regular, regularPassword)).StatusCode);

        var firstRefusal = await GuessUntilALongWaitAsync(fromSprayer, _ => (platform.UniqueName("nobody"), "guess"));
        using var elsewhere = ClientFrom(NewAddress());

        Assert.InRange(firstRefusal, 21, 23);   // twenty failures from one address, then a wait
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetMeAsync(fromSprayer, newcomer, newcomerPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(fromSprayer, regular, regularPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(elsewhere, newcomer, newcomerPassword)).StatusCode);
    }

    [Fact]
    public async Task AGuessingBurst_IsMostlyRefusedWithoutChecking_AndTheNeighbourKeepsAnswering()
    {
        var team = await platform.CreateTeamAsync();
        var neighbour = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("neighbour"));
        (await repo.PushAsync(platform.RemoteUrl(team, neighbour))).AssertSucceeded();
        var (victim, _) = await CreateUserAsync();
        using var guesser = ClientFrom(NewAddress());
        var answers = new ConcurrentBag<HttpStatusCode>();
        var neighbourAnswers = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();

        var visits = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await platform.Sites.GetAsync(platform.SiteUrl(neighbour));
                neighbourAnswers.Add(response.StatusCode);
            }
        });
        // 16 connections, 3 guesses each, as fast as the answers come.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await GetMeAsync(guesser, victim, $"guess-{c}-{i}");
                answers.Add(response.StatusCode);
            }
        })));
        await stop.CancelAsync();
        await visits;

        var checkedGuesses = answers.Count(s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(48, answers.Count);
        Assert.All(answers, s => Assert.Contains(s, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        // Five free tries, the few admitted at once, and a try after each expired wait; every other guess is refused unchecked.
        Assert.True(checkedGuesses <= 16, $"{checkedGuesses} of 48 guesses had their password checked");
        Assert.NotEmpty(neighbourAnswers);
        Assert.All(neighbourAnswers, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task TheApi_NeverAsksABrowserForBasicCredentials_ButGitDoes()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{platform.Platform.Port}/") };

        using var api = await anonymous.GetAsync("api/me");
        using var git = await anonymous.GetAsync("git/someteam/someproject.git/info/refs?service=git-upload-pack");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.DoesNotContain(api.Headers.WwwAuthenticate, h => h.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, git.StatusCode);
        Assert.Contains(git.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task AProjectPage_CannotChangeAnythingThroughTheApi()
    {
        var name = platform.UniqueName("team");
        using var fromProjectPage = new HttpRequestMessage(HttpMethod.Post, "teams") { Content = JsonContent.Create(new { name }) };
        fromProjectPage.Headers.Add("Origin", $"http://evil-site.lab.localhost:{platform.Platform.Port}");

        using var response = await platform.Api.SendAsync(fromProjectPage);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("curl", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Api.GetAsync($"teams/{name}")).StatusCode);
    }

    [Fact]
    public async Task ThePlatformsOwnOrigin_MayChangeThings()
    {
        var name = platform.UniqueName("team");
        using var request = new HttpRequestMessage(HttpMethod.Post, "teams") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("Origin", $"http://lab.localhost:{platform.Platform.Port}");

        Assert.Equal(HttpStatusCode.Created, (await platform.Api.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "name=formteam")]
    [InlineData("text/plain", "{\"name\":\"textteam\"}")]
    public async Task AFormOrTextPost_IsRefused_AsAPageCouldSendItWithoutAsking(string contentType, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);

        using var response = await platform.Api.PostAsync("teams", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnswersCarryingAPasswordOrAToken_AreNeverStored()
    {
        using var user = await platform.Api.PostAsJsonAsync("users", new { name = platform.UniqueName("youth") });
        using var token = await platform.Api.PostAsync("tokens", null);   // no body at all, like curl -X POST

        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        Assert.True(user.Headers.CacheControl?.NoStore, "user creation answer without Cache-Control: no-store");
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        Assert.True(token.Headers.CacheControl?.NoStore, "token creation answer without Cache-Control: no-store");
    }

    /// <summary>
    /// Guesses until the answer is a wait of at least 4 s, waiting out the shorter ones (1, 2 s): then the next request
    /// surely falls inside the wait, however slow this machine is. Returns the number of the first guess answered 429.
    /// </summary>
    private static async Task<int> GuessUntilALongWaitAsync(HttpClient client, Func<int, (string User, string Password)> guess)
    {
        var firstRefusal = 0;
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var (user, password) = guess(attempt);
            using var response = await GetMeAsync(client, user, password);
            if (response.StatusCode == HttpStatusCode.Unauthorized) continue;
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            if (firstRefusal == 0) firstRefusal = attempt;
            var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("429 without Retry-After");
            if (retryAfter >= TimeSpan.FromSeconds(4)) return firstRefusal;
            await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(200));
        }
        throw new Xunit.Sdk.XunitException("40 wrong passwords and still no wait of 4 s");
    }

    private async Task<(string User, string Password)> CreateUserAsync()
    {
        var user = platform.UniqueName("guessme");
        var password = "right-password-" + Guid.NewGuid().ToString("n")[..8];
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync("users", new { name = user, password }));
        return (user, password);
    }

    private async Task<string> CreateTokenAsync(string user, string password)
    {
        using var client = ClientFrom(NewAddress());
        client.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(user, password);
        return (await PlatformFixture.ReadJson(await client.PostAsync("tokens", null))).GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> GetMeAsync(HttpClient client, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "me");
        request.Headers.Authorization = PlatformFixture.Basic(user, password);
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await client.SendAsync(request);
    }

    /// <summary>A loopback address of this test's own (all of 127/8 reaches the platform's 127.0.0.1 listener).</summary>
    private static string NewAddress() => $"127.{Random.Shared.Next(10, 250)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    /// <summary>An API client whose connections come from <paramref name="localAddress"/>, as a different machine's would.</summary>
    private HttpClient ClientFrom(string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(IPAddress.Loopback, platform.Platform.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        UseProxy = false,
        MaxConnectionsPerServer = 16,
    }) { BaseAddress = platform.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
}
