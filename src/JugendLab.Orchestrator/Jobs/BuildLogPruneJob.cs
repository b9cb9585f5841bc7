using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace JugendLab.Orchestrator.Jobs;

/// <summary>Deletes the build logs of old deployments, keeping the newest ones per project, so logs cannot fill the disk.</summary>
[DisallowConcurrentExecution]
public sealed class BuildLogPruneJob(IDbContextFactory<JugendLabDb> dbFactory, IOptions<OrchestratorOptions> options) : IJob
{
    public const int KeptPerProject = 20;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await PruneAsync(ct);

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployments = await db.Deployments.Select(d => new { d.Id, d.ProjectId }).ToListAsync(ct);
        var old = deployments.GroupBy(d => d.ProjectId).SelectMany(g => g.OrderByDescending(d => d.Id).Skip(KeptPerProject));
        var removed = 0;
        foreach (var deployment in old)
        {
            var path = options.Value.DeploymentLogPath(deployment.Id);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            removed++;
        }
        return removed;
    }
}
