using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Versions whose image the platform keeps: "Zu dieser Version zurück" starts one again, and new settings (variables,
/// memory, CPU) start the live one again. Nothing is built; the route switches only once the app answers, as in any deploy.
/// </summary>
public sealed class KeptVersions(ProjectService projects, BackgroundDeploys deploys, IContainerRuntime runtime, SiteFiles sites,
    IOptions<OrchestratorOptions> options)
{
    /// <summary>How many earlier versions one can go back to: the images kept besides the live one.</summary>
    public int Count => Math.Max(0, options.Value.ImagesKeptPerProject - 1);

    /// <summary>The ids of the deployments one can go back to now, newest first: retired ones whose image (or site folder) is still kept.</summary>
    public async Task<IReadOnlySet<int>> ChoicesAsync(Project project, IReadOnlyList<Deployment> deployments, CancellationToken ct)
    {
        var kept = (await runtime.ListImagesAsync(ct)).Where(i => i.ProjectSlug == project.Slug).Select(i => i.DeploymentId).ToHashSet();
        var live = deployments.FirstOrDefault(d => d.Id == project.LiveDeploymentId)?.ImageOwner;
        bool IsKept(Deployment d) => d.Site is { } site ? sites.Exists(site) : kept.Contains(d.ImageOwner);
        return deployments.Where(d => d.CanGoBackTo && IsKept(d) && d.ImageOwner != live)
            .DistinctBy(d => d.ImageOwner).Take(Count).Select(d => d.Id).ToHashSet();
    }

    /// <summary>Goes back to an earlier version; returns the new deployment's id (its build log shows the switch).</summary>
    public async Task<int> GoBackAsync(Actor actor, string team, string slug, int deploymentId, Language language, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        var deployments = await projects.DeploymentsAsync(actor, team, slug, ct);
        if (deployments.All(d => d.Id != deploymentId))
            throw DomainException.NotFound($"Die Version {deploymentId} gibt es nicht.", $"There is no version {deploymentId}.");
        if (!(await ChoicesAsync(project, deployments, ct)).Contains(deploymentId))
            throw DomainException.Conflict(
                $"Zu Version {deploymentId} geht es nicht zurück: Es geht nur zu einer der letzten {Count} Versionen, die online waren und nicht gerade laufen.",
                $"You cannot go back to version {deploymentId}: only to one of the last {Count} versions that were online and are not running now.");
        return await deploys.StartAsync(new DeployRequest(project.Id, new KeptImage(deploymentId, KeptImageReason.Rollback), actor, language), ct);
    }

    /// <summary>Changes a project's settings; new memory or CPU restart a live project with them at once (the new
    /// deployment's id, else null). Template and branch count from the next version.</summary>
    public async Task<(Project Project, int? Restart)> ConfigureAsync(Actor actor, string team, string slug, ProjectSettings settings,
        Language language, CancellationToken ct)
    {
        var before = await projects.GetAsync(actor, team, slug, ct);
        var (memory, cpus) = (before.MemoryMb, before.Cpus);
        var saved = await projects.ConfigureAsync(actor, team, slug, settings, ct);
        var limitsChanged = saved.MemoryMb != memory || Math.Abs(saved.Cpus - cpus) > 1e-9;
        return (saved, limitsChanged ? await RestartWithSettingsAsync(actor, saved, language, ct) : null);
    }

    /// <summary>After new settings: a live project starts again with them (returns the new deployment's id); otherwise
    /// they apply at its next start (null).</summary>
    public async Task<int?> RestartWithSettingsAsync(Actor actor, Project project, Language language, CancellationToken ct)
    {
        if (project is not { Status: ProjectStatus.Live, LiveDeploymentId: { } live }) return null;
        // A static website has no container that memory or CPU could limit: nothing to restart.
        if (await projects.ServesFilesAsync(project, ct)) return null;
        return await deploys.StartAsync(new DeployRequest(project.Id, new KeptImage(live, KeptImageReason.Settings), actor, language), ct);
    }
}
