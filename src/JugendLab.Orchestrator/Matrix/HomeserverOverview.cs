using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>The homeserver as staff see it: running or not (and why), where neighbours find it, how many accounts and rooms.</summary>
public sealed record HomeserverReport(
    HomeserverState State,
    string? Problem,
    string? ProblemGerman,
    DateTimeOffset? ReadySince,
    string? ServerName,
    string? ClientUrl,
    HomeserverFacts? Facts,
    ChatOutboxReport Notices)
{
    /// <summary>Why it does not run, in the person's language.</summary>
    public string? ProblemIn(Errors.Language language) => language == Errors.Language.German ? ProblemGerman ?? Problem : Problem;
}

/// <summary>The platform's notices that wait for the homeserver: how many, since when, and the last refusal.</summary>
public sealed record ChatOutboxReport(int Waiting, DateTimeOffset? OldestSince, string? LastError);

/// <summary>Reads <see cref="HomeserverReport"/> for mentors and admins.</summary>
public sealed class HomeserverOverview(
    Homeserver homeserver,
    HomeserverAdmin admin,
    State.JugendLabDb db,
    IOptions<MatrixOptions> matrixOptions,
    IOptions<DomainOptions> domainOptions,
    ILogger<HomeserverOverview> logger)
{
    public async Task<HomeserverReport> ReadAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        var matrix = matrixOptions.Value;
        var status = homeserver.Status;
        var url = status.State switch
        {
            HomeserverState.Off => null,
            HomeserverState.Existing => matrix.ExistingHomeserverUrl,
            _ => HomeserverConfig.PublicBaseUrl(domainOptions.Value),
        };
        HomeserverFacts? facts = null;
        if (status.State == HomeserverState.Ready)
        {
            try { facts = await admin.FactsAsync(ct); }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not read the homeserver's accounts and rooms");
            }
        }
        return new HomeserverReport(status.State, status.Problem, status.ProblemGerman, status.ReadySince,
            status.State == HomeserverState.Off ? null : domainOptions.Value.Base, url, facts, await OutboxAsync(ct));
    }

    /// <summary>Counted in the database, not read row by row: after a long outage thousands may wait.</summary>
    private async Task<ChatOutboxReport> OutboxAsync(CancellationToken ct)
    {
        var waiting = db.ChatNotices.Where(n => n.SentAt == null);
        var count = await waiting.CountAsync(ct);
        if (count == 0) return new ChatOutboxReport(0, null, null);
        var oldest = await waiting.OrderBy(n => n.Id).Select(n => n.CreatedAt).FirstAsync(ct);
        var lastError = await waiting.Where(n => n.LastError != null).OrderByDescending(n => n.Id).Select(n => n.LastError).FirstOrDefaultAsync(ct);
        return new ChatOutboxReport(count, oldest, lastError);
    }
}
