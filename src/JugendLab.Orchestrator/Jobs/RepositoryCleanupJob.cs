using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace JugendLab.Orchestrator.Jobs;

/// <summary>
/// Removes what aborted pushes leave in the bare repositories: git keeps the objects of a push in a quarantine folder
/// (objects/tmp_objdir-incoming-*) and forgets to delete it when the push is cut off (Ctrl-C, size limit).
/// </summary>
[DisallowConcurrentExecution]
public sealed class RepositoryCleanupJob(IDbContextFactory<JugendLabDb> dbFactory, ProjectRepositories repositories,
    ProjectLocks locks, TimeProvider time, ILogger<RepositoryCleanupJob> logger) : IJob
{
    private static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await CleanAsync(ct);

    public async Task<int> CleanAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projects = await db.Projects.Select(p => new { p.Id, Team = p.Team.Name, p.Slug }).ToListAsync(ct);
        var removed = 0;
        foreach (var project in projects)
        {
            using var held = locks.TryAcquire(project.Id); // skip projects being deployed; young folders are spared anyway
            var objects = Path.Combine(repositories.Root, project.Team, project.Slug + ".git", "objects");
            if (held is null || !Directory.Exists(objects)) continue;
            foreach (var leftover in Directory.EnumerateDirectories(objects, "tmp_objdir-incoming-*"))
            {
                if (time.GetUtcNow() - Directory.GetLastWriteTimeUtc(leftover) < MinimumAge) continue;
                Directory.Delete(leftover, recursive: true);
                removed++;
            }
        }
        if (removed > 0) logger.LogInformation("Removed {Count} leftovers of aborted pushes", removed);
        return removed;
    }
}
