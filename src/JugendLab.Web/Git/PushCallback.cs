using System.Net;
using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Api;

namespace JugendLab.Web.Git;

/// <summary>
/// The pre-receive hook's call back into the platform (loopback only, one-time token): builds and deploys the pushed
/// commit and streams the log back line by line; the last line tells the hook whether to accept the push.
/// </summary>
public static partial class PushCallback
{
    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex CommitId();

    public static async Task HandleAsync(HttpContext http, PushSessions sessions, DeployPipeline pipeline)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var header = http.Request.Headers.Authorization.ToString();
        var session = header.StartsWith("Bearer ", StringComparison.Ordinal) ? sessions.Take(header["Bearer ".Length..]) : null;
        if (session is null)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync("Unknown or used push token.\n");
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var commit = form["commit"].ToString();
        var quarantine = form["quarantine"].ToString();
        var objects = Path.Combine(session.RepositoryPath, "objects") + Path.DirectorySeparatorChar;
        if (!CommitId().IsMatch(commit) || (quarantine.Length > 0 && !Path.GetFullPath(quarantine).StartsWith(objects, StringComparison.Ordinal)))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Bad commit or quarantine path.\n");
            return;
        }

        await using var live = new LiveLogResponse(http.Response, http.RequestAborted);
        await using var log = new DeployLog(session.Language, live.Write);
        // The pusher's Ctrl-C kills the hook and its curl, which aborts this request and so cancels the build.
        var outcome = await pipeline.DeployAsync(new DeployRequest(session.ProjectId,
            new PushedCommit(session.RepositoryPath, commit, quarantine.Length > 0 ? quarantine : null), session.Pusher, session.Language),
            log, http.RequestAborted);
        if (outcome.Succeeded) live.Write(ProjectRepositories.SuccessMarker);
    }
}
