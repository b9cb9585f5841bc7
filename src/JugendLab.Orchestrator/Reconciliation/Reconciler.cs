using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Reconciliation;

/// <summary>
/// Makes the engine match the database: restarts what is missing, removes orphans, marks crash loops and rebuilds the
/// route table. Runs at start-up and periodically, so a crash, an engine restart or a container removed by hand all end
/// in the state the database describes.
/// </summary>
public sealed class Reconciler(
    IDbContextFactory<JugendLabDb> dbFactory,
    IContainerRuntime runtime,
    Sandbox sandbox,
    ContainerLauncher launcher,
    ReadinessProbe probe,
    ProjectLocks locks,
    ContainerRetirer retirer,
    RoutePublisher routes,
    DataVolumes data,
    SiteFiles sites,
    Notices.ChatNotifier notices,
    IOptions<RuntimeOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger)
{
    // How long a start call waits for the app it started to answer before it publishes the route anyway (an app that
    // never answers is then handled like any other: restarts, then Crashed).
    private static readonly TimeSpan StartedAppWait = TimeSpan.FromSeconds(20);

    // How often the reconciler itself started each container again (in memory: a platform restart forgives).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _starts = new();

    /// <summary>At start-up nothing can be mid-deploy any more: deployments left Building or Starting were interrupted.</summary>
    public async Task FailInterruptedDeploymentsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var interrupted = await db.Deployments
            .Where(d => d.Status == DeploymentStatus.Building || d.Status == DeploymentStatus.Starting).ToListAsync(ct);
        foreach (var deployment in interrupted)
            deployment.Fail("Die Plattform wurde während des Deploys neu gestartet. / The platform restarted during the deploy.", time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (interrupted.Count > 0) logger.LogWarning("Marked {Count} interrupted deployments as failed", interrupted.Count);
    }

    /// <summary>
    /// At start-up, after <see cref="FailInterruptedDeploymentsAsync"/>: site folders no live or retired deployment names
    /// go (an interrupted deploy's, a half-unpacked one, one of a project deleted while its folder was busy).
    /// </summary>
    public async Task RemoveUnusedSitesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = await db.Deployments
            .Where(d => d.Site != null && (d.Status == DeploymentStatus.Live || d.Status == DeploymentStatus.Retired))
            .Select(d => d.Site!).Distinct().ToListAsync(ct);
        sites.Sweep(wanted.ToHashSet(StringComparer.Ordinal));
    }

    public async Task ReconcileAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projectIds = await db.Projects.Select(p => p.Id).ToListAsync(ct);
        // One list of every container for the whole pass, not one per project: with many projects, those lists were
        // most of the platform's work while nothing happened. A project whose lock someone held since is listed again.
        var generations = projectIds.ToDictionary(id => id, locks.Generation);
        var containers = await runtime.ListAsync(null, ct);
        var byProject = containers.Where(c => c.ProjectId is not null).ToLookup(c => c.ProjectId!.Value);
        foreach (var projectId in projectIds)
            await ReconcileProjectAsync(projectId, new Seen(byProject[projectId].ToList(), generations[projectId]), ct);

        // Containers of projects the database does not know. Projects are read after the containers, so a
        // project created meanwhile is known by then and its first container is safe.
        var known = (await db.Projects.Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        await RemoveOrphansAsync(containers.Where(c => c.ProjectId is null || !known.Contains(c.ProjectId.Value)), ct);
    }

    /// <summary>A project's containers as the pass's list showed them, and the lock's generation just before it was read.</summary>
    private sealed record Seen(IReadOnlyList<ManagedContainer> Containers, long Generation);

    /// <summary>
    /// Makes one project's containers and route match the database (a stop or start acts on its project only). A
    /// container it starts gets its route once the app answers (at most <see cref="StartedAppWait"/>), so visitors see
    /// the app, not "not answering", right after a start; the periodic pass does not wait, so many apps boot at once.
    /// </summary>
    public Task ReconcileProjectAsync(int projectId, CancellationToken ct) => ReconcileProjectAsync(projectId, null, ct);

    private async Task ReconcileProjectAsync(int projectId, Seen? seen, CancellationToken ct)
    {
        // Under the project's lock, with state read after taking it: a deploy that finished a moment ago must
        // not have its new container taken for an orphan, nor its fresh route overwritten with an old one.
        using var held = locks.TryAcquire(projectId);
        if (held is null) return; // mid-deploy: the pipeline owns this project's containers and route right now
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var project = await db.Projects.Include(p => p.Team).SingleOrDefaultAsync(p => p.Id == projectId, ct);
            if (project is null) return; // deleted since the list was read
            var own = seen is not null && locks.Generation(projectId) == seen.Generation
                ? seen.Containers
                : await runtime.ListAsync(projectId, ct);
            if (project.Status is ProjectStatus.Stopped or ProjectStatus.NotDeployed or ProjectStatus.Crashed)
                routes.Set(new ProjectRoute(project.Slug, RouteStateOf(project))); // before any container goes away
            // /data first: after a reboot its loop device must be attached again before any container can start.
            // While a deploy's old container is retiring, wait for the next pass.
            if (!own.Any(c => retirer.IsRetiring(c.Name))
                && await data.ReconcileAsync(project.TeamId, project.Id, project.Team.Quota.DiskMb, own, ct))
                own = await runtime.ListAsync(projectId, ct);
            var live = own.FirstOrDefault(c => project.LiveDeploymentId is not null && c.DeploymentId == project.LiveDeploymentId);
            await RemoveOrphansAsync(own.Where(c => c.DeploymentId != project.LiveDeploymentId), ct);
            var wasCrashed = project.Status == ProjectStatus.Crashed;
            var route = await ReconcileProjectAsync(db, project, live, waitForStarted: seen is null, ct);
            if (!wasCrashed && project.Status == ProjectStatus.Crashed) notices.Crashed(db, project);
            await db.SaveChangesAsync(ct);
            routes.Set(route);
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or DataVolumeException)
        {
            // One project the engine refuses to fix must not keep the others from healing; the next run tries again.
            logger.LogWarning(e, "Could not reconcile project {ProjectId}", projectId);
        }
    }

    private static RouteState RouteStateOf(Project project) => project.Status switch
    {
        ProjectStatus.Stopped when project.UnderReview => RouteState.UnderReview,
        ProjectStatus.Stopped => RouteState.Stopped,
        ProjectStatus.Crashed => RouteState.Crashed,
        _ => RouteState.NotDeployed,
    };

    private async Task<ProjectRoute> ReconcileProjectAsync(JugendLabDb db, Project project, ManagedContainer? live, bool waitForStarted, CancellationToken ct)
    {
        switch (project.Status)
        {
            case ProjectStatus.NotDeployed:
                return new ProjectRoute(project.Slug, RouteState.NotDeployed);
            case ProjectStatus.Stopped:
                if (live is { Running: true }) await runtime.RemoveAsync(live.Name, options.Value.StopTimeout, ct);
                return new ProjectRoute(project.Slug, RouteStateOf(project));
            case ProjectStatus.Crashed:
                return new ProjectRoute(project.Slug, RouteState.Crashed);
        }

        var deployment = await db.Deployments.FindAsync([project.LiveDeploymentId!.Value], ct);
        if (deployment?.Site is { } site) return ServeFiles(project, site);
        var started = false;
        if (live is null)
        {
            live = await RecreateAsync(project, deployment, ct);
            if (live is null) return new ProjectRoute(project.Slug, RouteState.Crashed);
            started = true;
        }
        else if (!live.Running && !live.Restarting)
        {
            live = await RestartOrGiveUpAsync(project, live, ct);
            if (live is null) return new ProjectRoute(project.Slug, RouteState.Crashed);
            started = true;
        }
        if (started && waitForStarted) await probe.AnswersWithinAsync(live, StartedAppWait, ct);
        return new ProjectRoute(project.Slug, RouteState.Live, sandbox.Address(live));
    }

    /// <summary>
    /// A live container that stopped: the engine's own restarts (on-failure, with back-off) plus ours count together,
    /// so an app that keeps exiting — with an error, or with code 0, which the engine does not restart — ends Crashed.
    /// </summary>
    private async Task<ManagedContainer?> RestartOrGiveUpAsync(Project project, ManagedContainer live, CancellationToken ct)
    {
        var ours = _starts.GetValueOrDefault(live.Name);
        if (live.RestartCount + ours >= options.Value.MaxRestarts)
        {
            var lastLines = await runtime.TailLogsAsync(live.Name, 20, ct);
            var reason = live.OomKilled ? "Out of memory (quota limit). / Zu wenig Arbeitsspeicher (Quota)."
                : live.ExitCode == 0 ? "Exit code 0: the app ended, but a web app must keep running. / Die App hat sich beendet, muss aber weiterlaufen."
                : $"Exit code {live.ExitCode}.";
            project.MarkCrashed(reason + "\n" + lastLines);
            _starts.TryRemove(live.Name, out _);
            logger.LogWarning("Project {Project} stopped {Count} times; no more restarts", project.Slug, live.RestartCount + ours);
            return null;
        }
        _starts[live.Name] = ours + 1;
        logger.LogInformation("Starting stopped container {Container} of {Project}", live.Name, project.Slug);
        return await runtime.StartAsync(live.Name, ct) ?? live;
    }

    /// <summary>
    /// A static website has no container to keep running: its route points at its folder, after a restart of the platform
    /// too. Only a folder gone from the disk (removed by hand, a restore without it) makes it crashed.
    /// </summary>
    private ProjectRoute ServeFiles(Project project, string site)
    {
        if (sites.Exists(site)) return new ProjectRoute(project.Slug, RouteState.Live, SiteRoot: sites.Root(site));
        project.MarkCrashed("Die Dateien der Website fehlen auf dem Server; bitte neu veröffentlichen. / The website's files are gone from the server; publish again.");
        return new ProjectRoute(project.Slug, RouteState.Crashed);
    }

    /// <summary>The live container is gone (removed by hand, engine reset): start the live deployment's image again.</summary>
    private async Task<ManagedContainer?> RecreateAsync(Project project, Deployment? deployment, CancellationToken ct)
    {
        if (deployment?.Image is null || !await runtime.ImageExistsAsync(deployment.Image, ct))
        {
            project.MarkCrashed("The image of the live deployment is gone; deploy again. / Das Image fehlt; bitte neu deployen.");
            return null;
        }
        logger.LogInformation("Recreating missing container of {Project} from {Image}", project.Slug, deployment.Image);
        return await launcher.LaunchAsync(project, deployment, ct);
    }

    private async Task RemoveOrphansAsync(IEnumerable<ManagedContainer> orphans, CancellationToken ct)
    {
        foreach (var orphan in orphans.Where(o => !retirer.IsRetiring(o.Name)))
        {
            logger.LogInformation("Removing orphan container {Container}", orphan.Name);
            await runtime.RemoveAsync(orphan.Name, options.Value.StopTimeout, ct);
        }
    }
}
