using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace JugendLab.Orchestrator.Jobs;

/// <summary>Samples each live container's CPU and memory use for the UI; keeps a week of samples.</summary>
[DisallowConcurrentExecution]
public sealed class ResourceSampleJob(IContainerRuntime runtime, IDbContextFactory<JugendLabDb> dbFactory, TimeProvider time,
    ILogger<ResourceSampleJob> logger) : IJob
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(7);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await SampleAsync(ct);

    /// <summary>One container that is restarting, gone or slow to answer must not cost the samples of all the others.</summary>
    private async Task<ContainerUsage?> TrySampleAsync(string container, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await runtime.SampleAsync(container, timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogDebug(e, "No usage sample for {Container}", container);
            return null;
        }
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var live = await db.Projects.Where(p => p.Status == ProjectStatus.Live)
            .Join(db.Deployments, p => p.LiveDeploymentId, d => d.Id, (p, d) => new { p.Id, d.ContainerName })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        // The engine takes about a second per sample (it measures CPU over an interval), so ask for all at once.
        var samples = new System.Collections.Concurrent.ConcurrentBag<ResourceSample>();
        await Parallel.ForEachAsync(live.Where(p => p.ContainerName is not null),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (project, token) =>
            {
                if (await TrySampleAsync(project.ContainerName!, token) is { } usage)
                    samples.Add(new ResourceSample(project.Id, now, usage.CpuPercent, usage.MemoryBytes, usage.MemoryLimitBytes));
            });
        db.ResourceSamples.AddRange(samples);
        await db.SaveChangesAsync(ct);
        var cutoff = now - Kept;
        await db.ResourceSamples.Where(s => s.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
