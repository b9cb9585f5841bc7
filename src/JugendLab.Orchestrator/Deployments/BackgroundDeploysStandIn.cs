using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

// STAND-IN until the real BackgroundDeploys (another helper's work) is on main: same signature, crude inside.
// Delete this file when main has it.

/// <summary>Stand-in: runs the pipeline on a background task and polls for the new deployment's id.</summary>
public sealed class BackgroundDeploys(DeployPipeline pipeline, IDbContextFactory<JugendLabDb> dbFactory, IOptions<BuildOptions> build,
    ILogger<BackgroundDeploys> logger)
{
    public async Task<int> StartAsync(DeployRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = await db.Deployments.Where(d => d.ProjectId == request.ProjectId).MaxAsync(d => (int?)d.Id, ct) ?? 0;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var log = new DeployLog(request.Language, _ => { }, build.Value.MaxLogBytes);
                await pipeline.DeployAsync(request, log, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background deploy of project {ProjectId} failed", request.ProjectId);
            }
        }, CancellationToken.None);
        while (true)
        {
            await Task.Delay(100, ct);
            var id = await db.Deployments.Where(d => d.ProjectId == request.ProjectId && d.Id > before).MinAsync(d => (int?)d.Id, ct);
            if (id is { } found) return found;
        }
    }
}
