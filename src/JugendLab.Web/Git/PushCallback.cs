using System.Net;
using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Api;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Git;

/// <summary>
/// The pre-receive hook's call back into the platform (loopback only, with the push's token): a check of the whole push
/// (every branch) and, for a push to the deploy branch, in the same call the build and deploy of the pushed commit,
/// whose log streams back line by line. The last line of the answer tells the hook whether to accept the push.
/// </summary>
public static partial class PushCallback
{
    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex CommitId();

    /// <summary>A push that does not touch the deploy branch: only the check (<see cref="PassesCheckAsync"/>).</summary>
    public static async Task CheckAsync(HttpContext http, PushSessions sessions, RepositorySizeLimit sizeLimit)
    {
        var session = await AuthorizeAsync(http, sessions.Take);
        if (session is null) return;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (ReadQuarantine(form["quarantine"].ToString(), session) is not { } quarantine)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "Bad quarantine path.");
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        if (await PassesCheckAsync(http, sizeLimit, session, quarantine))
            await http.Response.WriteAsync(ProjectRepositories.SuccessMarker + "\n", http.RequestAborted);
    }

    /// <summary>
    /// A push to the deploy branch: the check, then the build and deploy of the pushed commit. Either call takes the
    /// token, so it works once.
    /// </summary>
    public static async Task HandleAsync(HttpContext http, PushSessions sessions, RepositorySizeLimit sizeLimit, DeployPipeline pipeline,
        BuildLogFeed feed, IOptions<BuildOptions> build)
    {
        var session = await AuthorizeAsync(http, sessions.Take);
        if (session is null) return;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var commit = form["commit"].ToString();
        if (!CommitId().IsMatch(commit) || ReadQuarantine(form["quarantine"].ToString(), session) is not { } quarantine)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "Bad commit or quarantine path.");
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        if (!await PassesCheckAsync(http, sizeLimit, session, quarantine)) return;
        await using var live = new LiveLogResponse(http.Response, http.RequestAborted);
        var request = new DeployRequest(session.ProjectId,
            new PushedCommit(session.RepositoryPath, commit, quarantine.Length > 0 ? quarantine : null), session.Pusher, session.Language);
        // The log goes to the pusher's terminal and to the feed, so the youth can also watch it on the phone.
        // The pusher's Ctrl-C kills the hook and its curl, which aborts this request and so cancels the build.
        var outcome = await feed.RunAsync(session.Language, build.Value.MaxLogBytes, live.Write, null,
            log => pipeline.DeployAsync(request, log, http.RequestAborted));
        if (outcome.Succeeded) live.Write(ProjectRepositories.SuccessMarker);
    }

    /// <summary>
    /// Whether the push may land at all, whatever branch it goes to: the repository with the pushed objects (still in
    /// quarantine) stays under its size limit. If not, the answer says why, and the hook refuses the push.
    /// </summary>
    private static async Task<bool> PassesCheckAsync(HttpContext http, RepositorySizeLimit sizeLimit, PushSession session, string quarantine)
    {
        try
        {
            sizeLimit.EnsureRoomFor(session.RepositoryPath, quarantine.Length > 0 ? quarantine : null);
            return true;
        }
        catch (DomainException e)
        {
            // Both languages, German first: a git client's language says little about the youth in front of it.
            await http.Response.WriteAsync($"{e.German}\n{e.English}\n", http.RequestAborted);
            return false;
        }
    }

    /// <summary>Only the hook on this machine, with a token of a push under way, gets a session; anyone else gets a refusal.</summary>
    private static async Task<PushSession?> AuthorizeAsync(HttpContext http, Func<string, PushSession?> lookup)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        var header = http.Request.Headers.Authorization.ToString();
        var session = header.StartsWith("Bearer ", StringComparison.Ordinal) ? lookup(header["Bearer ".Length..]) : null;
        if (session is null) await RefuseAsync(http, StatusCodes.Status403Forbidden, "Unknown or used push token.");
        return session;
    }

    /// <summary>The quarantine folder as sent ("" when none), or null when it lies outside the push's repository.</summary>
    private static string? ReadQuarantine(string quarantine, PushSession session)
    {
        if (quarantine.Length == 0) return quarantine;
        var objects = Path.Combine(session.RepositoryPath, "objects") + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(quarantine);
        return full.StartsWith(objects, StringComparison.Ordinal) ? full : null;
    }

    private static async Task RefuseAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsync(message + "\n");
    }
}
