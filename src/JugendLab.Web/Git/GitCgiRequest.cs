namespace JugendLab.Web.Git;

/// <summary>What one git request needs: which repository root, which path, who pushes, extra variables for the hook.</summary>
/// <param name="ProjectRoot">GIT_PROJECT_ROOT: a folder holding bare repositories owned by the user this app runs as.</param>
/// <param name="PathInfo">PATH_INFO below the root, e.g. <c>/team/project.git/info/refs</c>.</param>
/// <param name="RemoteUser">REMOTE_USER; null is anonymous, and git http-backend then refuses pushes.</param>
/// <param name="Environment">
/// Extra variables that reach git http-backend and so the pre-receive hook (e.g. a callback URL and a one-time token).
/// They may override PATH and HOME, but never the CGI variables that say who pushes what.
/// </param>
/// <param name="MaxRequestBodyBytes">The largest request body accepted, i.e. the push size limit.</param>
public sealed record GitCgiRequest(
    string ProjectRoot,
    string PathInfo,
    string? RemoteUser,
    IReadOnlyDictionary<string, string> Environment,
    long MaxRequestBodyBytes)
{
    /// <summary>
    /// What the pusher reads when the body is over the limit, e.g. in the team's language; null gives an English
    /// message naming the limit in MB.
    /// </summary>
    public string? TooLargeMessage { get; init; }
}
