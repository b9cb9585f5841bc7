using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Audit;

/// <summary>
/// Writes and reads the audit log. An entry is added to the same unit of work as the change it describes, so the
/// change and its record are saved together or not at all (DESIGN.md: "Staff actions write an audit entry in the same transaction").
/// </summary>
public sealed class AuditLog(JugendLabDb db, TimeProvider time)
{
    /// <summary>Adds an entry to the pending changes of <see cref="JugendLabDb"/>; the caller's SaveChanges writes it.</summary>
    public void Record(Actor actor, AuditAction action, string? team, string target, string? reason = null) =>
        db.AuditEntries.Add(new AuditEntry(actor, action, team, target, reason, time.GetUtcNow()));

    /// <summary>The newest entries first; staff only. Filters are exact matches and may be combined.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Actor actor, AuditFilter filter, CancellationToken ct)
    {
        actor.EnsureStaff();
        var query = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.Team)) query = query.Where(e => e.Team == filter.Team);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.ActorName == filter.Actor);
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        return await query.OrderByDescending(e => e.Id).Take(Math.Clamp(filter.Limit, 1, 1000)).ToListAsync(ct);
    }
}

/// <summary>What to look for in the audit log.</summary>
public sealed record AuditFilter(string? Team = null, string? Actor = null, AuditAction? Action = null, int Limit = 200);
