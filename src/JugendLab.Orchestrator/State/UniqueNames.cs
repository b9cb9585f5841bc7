using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.State;

/// <summary>
/// Saving a row whose unique name a parallel request took a moment earlier: the database's unique index wins the race,
/// and the person gets the same clear conflict as when the name was taken long ago (not a 500).
/// </summary>
public static class UniqueNames
{
    public static async Task SaveAsync(JugendLabDb db, Func<Exception> taken, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            throw taken();
        }
    }

    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal);
}
