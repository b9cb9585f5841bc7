using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// Mentors and admins look after the neighbourhood chat: the accounts, and the messages people report in their apps.
/// Deactivating an account erases it (its messages are hidden from people who join later) and needs a reason; both
/// actions are in the audit log.
/// </summary>
public sealed class ChatModeration(HomeserverAdmin admin, AuditLog audit, JugendLabDb db)
{
    public const int ListedAccounts = 200;

    public async Task<IReadOnlyList<NeighbourAccount>> AccountsAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await HomeserverUnavailable.Guard(() => admin.AccountsAsync(ListedAccounts, ct));
    }

    public async Task<IReadOnlyList<ChatReport>> ReportsAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await HomeserverUnavailable.Guard(() => admin.ReportsAsync(ct));
    }

    public async Task DeactivateAsync(Actor actor, string userId, string? reason, CancellationToken ct)
    {
        actor.EnsureStaff();
        if (string.IsNullOrWhiteSpace(reason))
            throw DomainException.Invalid("Schreib einen Grund: Er steht im Protokoll.", "Write a reason: it goes into the audit log.");
        if (userId.StartsWith($"@{HomeserverAdmin.AccountName}:", StringComparison.Ordinal))
            throw DomainException.Forbidden("Das Konto der Plattform selbst kann man nicht sperren.", "The platform's own account cannot be deactivated.");
        var account = await HomeserverUnavailable.Guard(() => admin.AccountAsync(userId, ct));
        if (account is { Admin: true } && actor.Role != Role.Admin)
            throw DomainException.Forbidden("Ein Admin-Konto des Chats kann nur ein Admin sperren.", "Only an admin can deactivate a chat admin's account.");
        await HomeserverUnavailable.Guard(() => admin.DeactivateAsync(userId, ct));
        audit.Record(actor, AuditAction.NeighbourDeactivated, null, userId, reason);
        await db.SaveChangesAsync(ct);
    }

    public async Task DismissReportAsync(Actor actor, long id, string? note, CancellationToken ct)
    {
        actor.EnsureStaff();
        var report = await HomeserverUnavailable.Guard(() => admin.ReportAsync(id, ct))
                     ?? throw DomainException.NotFound("Diese Meldung gibt es nicht mehr.", "This report no longer exists.");
        await HomeserverUnavailable.Guard(() => admin.DeleteReportAsync(id, ct));
        audit.Record(actor, AuditAction.ChatReportDismissed, null, $"{report.Sender} in {report.Room}", note);
        await db.SaveChangesAsync(ct);
    }
}
