using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Teams;

/// <summary>
/// "Anfragen": a team asks for more, mentors decide. An approval sets the team's quota at once (through
/// <see cref="TeamService.SetQuotaAsync"/>, so a raised disk quota grows /data too), and the next deploy gets the new limits.
/// </summary>
public sealed class QuotaRequestService(JugendLabDb db, TeamService teams, AuditLog audit, Notices.ChatNotifier notices, TimeProvider time)
{
    /// <summary>A member of the team (or staff) asks; a team has one open request at a time.</summary>
    public async Task<QuotaRequest> AskAsync(Actor actor, string teamName, Quota asked, string? reason, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        actor.EnsureCanWorkOn(team);
        if (await db.QuotaRequests.AnyAsync(r => r.TeamId == team.Id && r.Status == QuotaRequestStatus.Pending, ct))
            throw DomainException.Conflict("Euer Team hat schon eine offene Anfrage. Wartet auf die Antwort, dann könnt ihr wieder fragen.",
                "Your team already has an open request. Wait for the answer, then you can ask again.");
        var request = new QuotaRequest(team, asked, reason, actor.Name, time.GetUtcNow());
        db.QuotaRequests.Add(request);
        notices.QuotaAsked(db, request, team.Name);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>The team's requests, newest first (members and staff).</summary>
    public async Task<IReadOnlyList<QuotaRequest>> ListForTeamAsync(Actor actor, string teamName, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        return await db.QuotaRequests.Where(r => r.TeamId == team.Id).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
    }

    /// <summary>The mentors' queue: pending requests, oldest first. Staff only.</summary>
    public async Task<IReadOnlyList<QuotaRequest>> PendingAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.QuotaRequests.Include(r => r.Team).Where(r => r.Status == QuotaRequestStatus.Pending).OrderBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Recent decisions, newest first. Staff only.</summary>
    public async Task<IReadOnlyList<QuotaRequest>> DecidedAsync(Actor actor, int count, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.QuotaRequests.Include(r => r.Team).Where(r => r.Status != QuotaRequestStatus.Pending)
            .OrderByDescending(r => r.Id).Take(count).ToListAsync(ct);
    }

    /// <summary>A mentor approves all or part (<paramref name="granted"/>), or declines (null), with a note the team sees.</summary>
    public async Task<QuotaRequest> DecideAsync(Actor actor, int id, Quota? granted, string? note, CancellationToken ct)
    {
        actor.EnsureStaff();
        var request = await db.QuotaRequests.Include(r => r.Team).SingleOrDefaultAsync(r => r.Id == id, ct)
                      ?? throw DomainException.NotFound($"Die Anfrage {id} gibt es nicht.", $"There is no request {id}.");
        request.Decide(actor, granted, note, time.GetUtcNow());
        audit.Record(actor, AuditAction.QuotaRequestDecided, request.Team.Name, request.Describe(), request.Note);
        notices.QuotaDecided(db, request);
        if (request.Granted is { } quota)
        {
            // The quota may have changed since the team asked: a decision never lowers what the team has now.
            var now = request.Team.Quota;
            var applied = new Quota(Math.Max(quota.MaxProjects, now.MaxProjects), Math.Max(quota.MemoryMb, now.MemoryMb),
                Math.Max(quota.Cpus, now.Cpus), Math.Max(quota.DiskMb, now.DiskMb));
            await teams.SetQuotaAsync(actor, request.Team.Name, applied, request.Note is null ? $"Anfrage {request.Id}" : $"Anfrage {request.Id}: {request.Note}", ct); // saves both
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        return request;
    }
}
