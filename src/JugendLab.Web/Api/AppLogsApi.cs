using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using JugendLab.Orchestrator.AppLogs;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Web.Accounts;

namespace JugendLab.Web.Api;

/// <summary>/api/teams/{team}/projects/{project}/logs: what the project's app prints, as text and live as Server-Sent Events.
/// The Logs page streams through <see cref="LiveStream"/> too, behind the sign-in cookie.</summary>
public static class AppLogsApi
{
    /// <summary>How long an EventSource waits before it connects again after the stream ended.</summary>
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapAppLogsApi(this RouteGroupBuilder api)
    {
        var logs = api.MapGroup("/teams/{team}/projects/{project}/logs");
        logs.MapGet("/", Text)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithDescription("The last `lines` (default 500, at most 5000) lines the app printed, oldest first, one a line: " +
                             "the engine's time (RFC 3339, nanoseconds), `stdout` or `stderr`, the text. Lines over 4096 characters are cut.");
        logs.MapGet("/stream", Stream)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithDescription("Server-Sent Events: the last `lines` lines, then new ones as the app prints them. Each line is an event " +
                             "with data {time, stream, text} and the line's time as its id (a `ready` event comes first); send `Last-Event-ID` (or `since`) to resume " +
                             "after the last line seen, without repeats. An `end` event closes the stream: reason `new-version` (another " +
                             "version went live: connect again without Last-Event-ID), `not-running` (the app is not running) or `too-many` (the " +
                             "project has 20 live logs open already; try again later).");
        return api;
    }

    public static async Task Text(string team, string project, HttpContext http, AppLogService logs, CancellationToken ct,
        int lines = AppLogService.DefaultLines)
    {
        var source = await logs.OpenAsync(http.User.ToActor(), team, project, ct);
        var text = new StringBuilder();
        foreach (var line in await logs.TailAsync(source, lines, ct))
            text.Append(line.Time.ToString()).Append(' ').Append(StreamName(line.Stream)).Append(' ').Append(line.Text).Append('\n');
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(text.ToString(), ct);
    }

    public static async Task<IResult> Stream(string team, string project, HttpContext http, AppLogService logs, CancellationToken ct,
        int lines = AppLogService.DefaultLines, string? since = null) =>
        LiveStream(logs, await logs.OpenAsync(http.User.ToActor(), team, project, ct), http.Request, lines, since);

    /// <summary>The live log of an opened source; resumes after <c>Last-Event-ID</c>, else after <paramref name="since"/>.</summary>
    public static IResult LiveStream(AppLogService logs, AppLogSource source, HttpRequest request, int lines, string? since)
    {
        var resume = request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId ? lastEventId : since;
        LogTimestamp? after = LogTimestamp.TryParse(resume, out var time) ? time : null;
        return TypedResults.ServerSentEvents(Events(logs.FollowAsync(source, after, lines, request.HttpContext.RequestAborted)));
    }

    private static async IAsyncEnumerable<SseItem<AppLogEventModel>> Events(IAsyncEnumerable<AppLogEvent> events,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Sent at once, so the client knows the stream is open even when no line comes for a while (EventSource's "open").
        yield return new SseItem<AppLogEventModel>(new AppLogEventModel(null, null, null, null), "ready") { ReconnectionInterval = Retry };
        await foreach (var e in events.WithCancellation(ct))
        {
            switch (e)
            {
                case AppLogEvent.Line { Value: var line }:
                    var id = line.Time.ToString();
                    yield return new SseItem<AppLogEventModel>(new AppLogEventModel(id, StreamName(line.Stream), line.Text, null))
                        { EventId = id };
                    break;
                case AppLogEvent.End { Reason: var reason }:
                    // A new version's lines start before the old one's last: an empty id makes a reconnect start afresh.
                    yield return new SseItem<AppLogEventModel>(new AppLogEventModel(null, null, null, EndName(reason)), "end")
                        { EventId = reason == AppLogEnd.NewVersion ? "" : null, ReconnectionInterval = Retry };
                    break;
            }
        }
    }

    public static string StreamName(LogStream stream) => stream == LogStream.Stderr ? "stderr" : "stdout";

    private static string EndName(AppLogEnd reason) => reason switch
    {
        AppLogEnd.NewVersion => "new-version",
        AppLogEnd.TooMany => "too-many",
        _ => "not-running",
    };
}

/// <summary>One event of the live app log: a line (time, stream, text) or the end (its reason).</summary>
public sealed record AppLogEventModel(string? Time, string? Stream, string? Text, string? End);
