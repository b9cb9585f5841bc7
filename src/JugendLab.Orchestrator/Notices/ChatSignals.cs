using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Runtime.CompilerServices;

namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// Notices when who belongs in which chat room changes — a member added or removed (by a mentor, an invite code, an
/// approved team request), a Matrix account linked, someone suspended or let back in — so the rooms follow at once
/// instead of on the next full pass. It watches what is saved, so no service has to remember to tell it.
/// </summary>
/// <remarks>
/// The signal goes up only once the change is in the database: raised while saving, the outbox could take it and read
/// the rooms' members before the save had landed, and the change would then wait for the next full pass (minutes).
/// </remarks>
public sealed class ChatSignals : SaveChangesInterceptor
{
    private int _membersChanged = 1; // the first pass after a start checks every room

    // Contexts whose save under way changes a room's members: looked at before the save (after it, a removed
    // membership is no longer tracked), signalled after it.
    private readonly ConditionalWeakTable<DbContext, object> _saving = new();

    public void MembersChanged() => Volatile.Write(ref _membersChanged, 1);

    /// <summary>True once per change.</summary>
    public bool TakeMembersChanged() => Interlocked.Exchange(ref _membersChanged, 0) == 1;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Look(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Look(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) _saving.Remove(context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) _saving.Remove(context);
    }

    private void Look(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var changed = entry switch
            {
                { Entity: Membership, State: EntityState.Added or EntityState.Deleted } => true,
                { Entity: User, State: EntityState.Modified } => entry.Property(nameof(User.MatrixUserId)).IsModified
                                                                 || entry.Property(nameof(User.SuspendedAt)).IsModified,
                _ => false,
            };
            if (!changed) continue;
            _saving.AddOrUpdate(context, context);
            return;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _saving.Remove(context)) MembersChanged();
    }
}
