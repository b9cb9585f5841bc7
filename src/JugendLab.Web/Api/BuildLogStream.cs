using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>
/// A deployment's build log as Server-Sent Events: every line so far, then new ones while the deploy runs, then how it
/// ended. One handler at two addresses: the API's (token or password) and the web app's (the sign-in cookie).
/// </summary>
/// <remarks>
/// Events: "line" (data: the line, id: its number, so a reconnect with Last-Event-ID resumes without repeats),
/// "progress" (data: {"phase":"building"|"starting","step":n}) and last "end" (data: {"status","succeeded","step","error","url"}).
/// </remarks>
public static class BuildLogStream
{
    /// <summary>The web app's address of the stream; the API's is /api/teams/{team}/projects/{project}/deployments/{id}/log/stream.</summary>
    public const string PagePattern = "/projekte/{team}/{project}/verlauf/{id:int}/stream";

    public static string PageUrl(string team, string project, int id) =>
        $"/projekte/{Uri.EscapeDataString(team)}/{Uri.EscapeDataString(project)}/verlauf/{id}/stream";

    /// <param name="after">Start after this line (the page sends the lines it rendered); Last-Event-ID wins over it.</param>
    public static async Task<ServerSentEventsResult<string>> StreamAsync(string team, string project, int id, HttpContext http,
        ProjectService projects, BuildLogFeed feed, PlatformUrls urls, long? after)
    {
        var (target, deployment) = await projects.FindDeploymentAsync(http.User.ToActor(), team, project, id, http.RequestAborted);
        var from = LastEventId(http) ?? after ?? 0;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(Events(feed.ReadAsync(deployment.Id, Math.Max(0, from), http.RequestAborted), urls.Site(target)));
    }

    private static long? LastEventId(HttpContext http) =>
        long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<BuildLogEvent> events, string site,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in events.WithCancellation(ct))
        {
            yield return e switch
            {
                BuildLogLine line => new SseItem<string>(line.Text, "line") { EventId = line.Number.ToString(CultureInfo.InvariantCulture) },
                BuildLogProgress p => new SseItem<string>(JsonSerializer.Serialize(
                    new BuildProgressModel(p.Phase == DeployPhase.Starting ? "starting" : "building", p.Step), Json), "progress"),
                BuildLogEnd end => new SseItem<string>(JsonSerializer.Serialize(
                    new BuildEndModel(end.Status.ToString(), end.Succeeded, end.Step, end.Error, end.Succeeded ? site : null), Json), "end"),
                _ => throw new InvalidOperationException($"Unknown build log event {e.GetType().Name}"),
            };
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>The "progress" event of a build log stream.</summary>
public sealed record BuildProgressModel(string Phase, int Step);

/// <summary>The "end" event of a build log stream; <see cref="Url"/> is the site's address after a successful deploy.</summary>
public sealed record BuildEndModel(string Status, bool Succeeded, int Step, string? Error, string? Url);
