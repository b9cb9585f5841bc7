using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace JugendLab.Orchestrator.Jobs;

/// <summary>
/// Gives back the subnet of every team that has nothing running: its network goes, and the team's next deploy creates it
/// again. So the pool holds the teams that are active, not every team there ever was.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NetworkCleanupJob(IContainerRuntime runtime, IDbContextFactory<JugendLabDb> dbFactory, ProjectLocks locks,
    ILogger<NetworkCleanupJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RemoveUnusedAsync(ct);

    public async Task<int> RemoveUnusedAsync(CancellationToken ct)
    {
        var networks = await runtime.ListIdleNetworksAsync(ct);
        if (networks.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projectsOfTeam = (await db.Projects.Select(p => new { p.Id, p.TeamId }).ToListAsync(ct)).ToLookup(p => p.TeamId, p => p.Id);
        var removed = 0;
        foreach (var network in networks)
        {
            // A deploy (or the reconciler) ensures the network, then starts its container a moment later, all under the
            // project's lock. Holding every lock of the team keeps the network from vanishing in between.
            var held = new List<IDisposable>();
            try
            {
                if (TryHoldAll(projectsOfTeam[network.TeamId!.Value], held) && await runtime.RemoveNetworkIfUnusedAsync(network, ct))
                {
                    logger.LogInformation("Removed network {Network} ({Subnet}): nothing of team {TeamId} runs", network.Name, network.Subnet, network.TeamId);
                    removed++;
                }
            }
            finally
            {
                held.ForEach(h => h.Dispose());
            }
        }
        return removed;
    }

    /// <summary>Takes the locks of all these projects, or reports false as soon as one is busy (a deploy under way).</summary>
    private bool TryHoldAll(IEnumerable<int> projectIds, List<IDisposable> held)
    {
        foreach (var id in projectIds)
        {
            if (locks.TryAcquire(id) is not { } handle) return false;
            held.Add(handle);
        }
        return true;
    }
}
