using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace JugendLab.Orchestrator.Jobs;

/// <summary>Removes project images no deployment needs: keeps the newest few per project for rollback, and always the live one.</summary>
[DisallowConcurrentExecution]
public sealed class ImagePruneJob(IContainerRuntime runtime, IDbContextFactory<JugendLabDb> dbFactory,
    IOptions<OrchestratorOptions> options, ILogger<ImagePruneJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await PruneAsync(ct);

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var live = (await db.Projects.Where(p => p.LiveDeploymentId != null).Select(p => p.LiveDeploymentId!.Value).ToListAsync(ct)).ToHashSet();
        var images = await runtime.ListImagesAsync(ct);
        var removed = 0;
        foreach (var group in images.GroupBy(i => i.ProjectSlug))
        {
            var surplus = group.OrderByDescending(i => i.DeploymentId).Skip(options.Value.ImagesKeptPerProject)
                .Where(i => !live.Contains(i.DeploymentId));
            foreach (var image in surplus)
            {
                await runtime.RemoveImageAsync(image.Id, ct);
                removed++;
            }
        }
        if (removed > 0) logger.LogInformation("Pruned {Count} old project images", removed);
        return removed;
    }
}
