using System.Net.Http.Json;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests.WebApp;

/// <summary>People for the web app tests: a youth who signs in with a password, and the API as a team's youth.</summary>
internal static class WebAppPeople
{
    /// <summary>A team with one youth who signs in with a password (the fixture's youth only has a token).</summary>
    public static async Task<(TestTeam Team, string Youth, string Password)> TeamWithPasswordAsync(this PlatformFixture platform)
    {
        var team = await platform.CreateTeamAsync();
        var (youth, password) = await platform.JoinWithPasswordAsync(team);
        return (team, youth, password);
    }

    /// <summary>The JSON API as the team's youth (name and token), with no overall time limit (for live streams).</summary>
    public static HttpClient ApiAs(this PlatformFixture platform, TestTeam team)
    {
        var client = new HttpClient { BaseAddress = platform.Api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = PlatformFixture.Basic(team.User, team.Token);
        return client;
    }

    /// <summary>
    /// The JSON API as a resident with no account, coming (as far as the platform can tell) from <paramref name="address"/>:
    /// a documentation address sent only as X-Forwarded-For, so the traffic stays on loopback.
    /// </summary>
    public static HttpClient AnonymousFrom(this PlatformFixture platform, string address)
    {
        var client = new HttpClient { BaseAddress = platform.Api.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-CH");
        return client;
    }
}

/// <summary>What the signed-in browser gets for an address (the browser resolves *.localhost; the test process cannot).</summary>
internal sealed class Fetched
{
    public int Status { get; set; }
    public string ContentType { get; set; } = "";
    public string Body { get; set; } = "";

    public static async Task<Fetched> FromAsync(Microsoft.Playwright.IPage page, string url) =>
        await page.EvaluateAsync<Fetched>(
            """
            async (url) => {
              const controller = new AbortController();
              const answer = await fetch(url, { signal: controller.signal });
              // A live stream never ends: its status and type are enough.
              const type = answer.headers.get("content-type") ?? "";
              const body = type.startsWith("text/event-stream") ? "" : await answer.text();
              controller.abort();
              return { status: answer.status, contentType: type, body };
            }
            """, url);
}

/// <summary>One Server-Sent Event as a client sees it.</summary>
internal sealed record SseEvent(string? Id, string Type, string Data)
{
    public string? Text => Type == "message" ? JsonDocument.Parse(Data).RootElement.GetProperty("text").GetString() : null;
}

/// <summary>Reads a text/event-stream response event by event, as EventSource does (without reconnecting).</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseStream> OpenAsync(HttpClient client, string url, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await PlatformFixture.EnsureSuccess(response);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Events up to and including the first that matches; fails after <paramref name="timeout"/> or at the stream's end.</summary>
    public async Task<List<SseEvent>> ReadUntilAsync(Func<SseEvent, bool> stop, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var events = new List<SseEvent>();
        string? id = null, type = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try { line = await _reader.ReadLineAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"No matching event within {timeout}; got: {string.Join(" | ", events.Select(e => e.Data))}"); }
            if (line is null) throw new InvalidOperationException($"The stream ended; got: {string.Join(" | ", events.Select(e => e.Data))}");
            if (line.Length == 0)
            {
                if (data.Count == 0 && id is null && type is null) continue;
                var e = new SseEvent(id, type ?? "message", string.Join('\n', data));
                events.Add(e);
                if (stop(e)) return events;
                (id, type) = (null, null);
                data.Clear();
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
