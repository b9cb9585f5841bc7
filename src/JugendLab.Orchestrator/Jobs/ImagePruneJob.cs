using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace JugendLab.Orchestrator.Jobs;

/// <summary>
/// Removes project images no deployment needs: keeps the newest few per project for rollback, and always the live one.
/// Then the engine's leftovers older than <see cref="OrchestratorOptions.PruneLeftoversAfter"/>: dangling images (the
/// layers of failed builds) and dangling anonymous volumes (a Dockerfile's VOLUME, of containers removed without them).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ImagePruneJob(IContainerRuntime runtime, IDbContextFactory<JugendLabDb> dbFactory,
    IOptions<OrchestratorOptions> options, TimeProvider time, ILogger<ImagePruneJob> logger) : IJob
{
    /// <summary>The engine names an anonymous volume with 64 hex digits; no one names a volume like that by hand.</summary>
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex AnonymousVolumeName();

    // Newer engines (API 1.42+) mark anonymous volumes with this label; 20.10 gives them no labels at all.
    private const string AnonymousVolumeLabel = "com.docker.volume.anonymous";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await PruneAsync(ct);
        await PruneLeftoversAsync(ct);
    }

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A live rollback runs the image of the deployment it is based on: that image is the live one.
        var live = (await db.Deployments.Where(d => db.Projects.Any(p => p.LiveDeploymentId == d.Id))
            .Select(d => d.BasedOn ?? d.Id).ToListAsync(ct)).ToHashSet(); // (ImageOwner, in SQL)
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

    /// <summary>Removes old dangling images and old dangling anonymous volumes; returns how many of each.</summary>
    public async Task<(int Images, int Volumes)> PruneLeftoversAsync(CancellationToken ct)
    {
        var age = options.Value.PruneLeftoversAfter;
        if (age <= TimeSpan.Zero) return (0, 0);
        // Only old ones: a running build's newest layer is dangling too until its next step, and must stay.
        var cutoff = time.GetUtcNow() - age;
        var images = await runtime.PruneDanglingImagesAsync(cutoff, ct);
        var volumes = 0;
        foreach (var volume in (await runtime.ListDanglingVolumesAsync(ct)).Where(v => IsAnonymousLeftover(v, cutoff)))
        {
            try
            {
                await runtime.RemoveVolumeAsync(volume.Name, ct);
                volumes++;
            }
            catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict) { } // in use again since the list

        }
        if (images + volumes > 0) logger.LogInformation("Pruned {Images} dangling images and {Volumes} anonymous volumes", images, volumes);
        return (images, volumes);
    }

    /// <summary>
    /// Whether a dangling volume is an anonymous leftover that is safe to remove: an engine-made name, no labels of
    /// anyone (the anonymous marker aside), and older than the cutoff. Named volumes are never touched: they may be
    /// some other program's data, and a project's /data volume is named.
    /// </summary>
    internal static bool IsAnonymousLeftover(EngineVolume volume, DateTimeOffset cutoff) =>
        AnonymousVolumeName().IsMatch(volume.Name)
        && volume.Labels.Keys.All(k => k == AnonymousVolumeLabel)
        && volume.CreatedAt is { } created && created < cutoff;
}
