using System.Collections.Concurrent;
using System.Security.Cryptography;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Web.Git;

/// <summary>A push that is under way: who pushes to which project. Its token lets the hook call the platform back once.</summary>
public sealed record PushSession(Actor Pusher, int ProjectId, string RepositoryPath, Language Language);

/// <summary>One-time tokens for the pre-receive hook's callback; each lives only as long as its push request.</summary>
public sealed class PushSessions
{
    private readonly ConcurrentDictionary<string, PushSession> _open = new(StringComparer.Ordinal);

    public string Open(PushSession session)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _open[token] = session;
        return token;
    }

    /// <summary>Returns the session and ends it: a token works once.</summary>
    public PushSession? Take(string token) => _open.TryRemove(token, out var session) ? session : null;

    public void Close(string token) => _open.TryRemove(token, out _);
}
