using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// The deploy path, top to bottom: receive the code → pick the template → build the image → start the container →
/// wait until it answers → switch the route → retire the old container → record. A static website takes a shorter
/// path: receive → pick the template → unpack its files → switch the route (the gateway serves them; no container).
/// A failure anywhere leaves the last good deployment serving.
/// </summary>
public sealed class DeployPipeline(
    IDbContextFactory<JugendLabDb> dbFactory,
    ProjectLocks locks,
    SourceReceiver receiver,
    ImageBuilder builder,
    ContainerLauncher launcher,
    ReadinessProbe probe,
    RoutePublisher routes,
    ContainerRetirer retirer,
    SiteFiles sites,
    IContainerRuntime runtime,
    Sandbox sandbox,
    ResourceNames names,
    IOptions<OrchestratorOptions> options,
    IOptions<DomainOptions> domain,
    Notices.ChatNotifier notices,
    TimeProvider time,
    ILogger<DeployPipeline> logger)
{
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, DeployLog log, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ProjectId"] = request.ProjectId });
        if (locks.IsWorking(request.ProjectId))
            log.Step("Warte, bis der laufende Deploy dieses Projekts fertig ist …", "Waiting for this project's running deploy to finish …");
        using var held = await locks.AcquireAsync(request.ProjectId, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.Include(p => p.Team).SingleAsync(p => p.Id == request.ProjectId, ct);
        request.RequestedBy.EnsureCanWorkOn(project.Team);
        var deployment = new Deployment(project.Id, request.Source.Describe(), request.RequestedBy.Name, time.GetUtcNow());
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync(ct);
        log.AttachDeployment(deployment.Id, options.Value.DeploymentLogPath(deployment.Id));
        try
        {
            return await RunStepsAsync(db, project, deployment, request, log, ct);
        }
        catch (Exception e)
        {
            return await FailAsync(db, project, deployment, e, log);
        }
    }

    /// <summary>
    /// What can be refused before a deployment is recorded: the person may not work on the project, staff stopped it,
    /// or the code is not there. A deploy started in the background checks this first, so its caller gets the refusal
    /// (the deploy itself checks again).
    /// </summary>
    public async Task EnsureCanStartAsync(DeployRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.Include(p => p.Team).SingleAsync(p => p.Id == request.ProjectId, ct);
        request.RequestedBy.EnsureCanWorkOn(project.Team);
        project.EnsureDeployAllowed(request.RequestedBy);
        await receiver.EnsureAvailableAsync(request.Source, ct);
    }

    private async Task<DeployOutcome> RunStepsAsync(JugendLabDb db, Project project, Deployment deployment, DeployRequest request, DeployLog log, CancellationToken ct)
    {
        project.EnsureDeployAllowed(request.RequestedBy);

        if (request.Source is KeptImage kept) await ReuseAsync(db, project, deployment, kept, log, ct);
        else await BuildAsync(db, project, deployment, request.Source, log, ct);

        var route = deployment.Site is { } site
            ? await ServeFilesAsync(db, project, deployment, site, ct)
            : await StartContainerAsync(db, project, deployment, log, ct);

        var previous = await SwitchRouteAsync(db, project, deployment, route, request.RequestedBy, ct);
        var url = domain.Value.ProjectUrl(project.Slug);
        log.Step($"Live: {url}", $"Live: {url}");
        if (previous is not null) retirer.Retire(previous);
        if (deployment.Site is not null) await sites.PruneAsync(db, project.Id, CancellationToken.None);
        return new DeployOutcome(deployment.Id, true, url, null);
    }

    /// <summary>Steps 4–5 — start the container and wait until it answers; returns the route to it.</summary>
    private async Task<ProjectRoute> StartContainerAsync(JugendLabDb db, Project project, Deployment deployment, DeployLog log, CancellationToken ct)
    {
        log.Step(DeploySteps.StartingGerman, DeploySteps.StartingEnglish);
        deployment.Starting(names.Container(project.Slug, deployment.Id));
        await db.SaveChangesAsync(ct);
        var started = await launcher.LaunchAsync(project, deployment, ct);

        log.Step(DeploySteps.WaitingGerman, DeploySteps.WaitingEnglish);
        await probe.WaitAsync(started, log, ct);
        return new ProjectRoute(project.Slug, RouteState.Live, sandbox.Address(started));
    }

    /// <summary>Instead of steps 4–5, for a static website: nothing to start or wait for; the gateway serves its folder.</summary>
    private async Task<ProjectRoute> ServeFilesAsync(JugendLabDb db, Project project, Deployment deployment, string site, CancellationToken ct)
    {
        if (deployment.Status == DeploymentStatus.Building) deployment.Unpacked(site); // a reused site: unpacked long ago
        await db.SaveChangesAsync(ct);
        return new ProjectRoute(project.Slug, RouteState.Live, SiteRoot: sites.Root(site));
    }

    /// <summary>Steps 1–3 — receive the code, pick the template, build the image (or, for a static website, unpack its files).</summary>
    private async Task BuildAsync(JugendLabDb db, Project project, Deployment deployment, CodeSource code, DeployLog log, CancellationToken ct)
    {
        var source = await receiver.ReceiveAsync(code, log, ct);
        var template = TemplateDetector.Detect(project.Template, source);
        var servesFiles = template == Template.Static;
        deployment.Describe(source.Commit, source.Message, template, servesFiles ? null : names.Image(project.Slug, deployment.Id));
        await db.SaveChangesAsync(ct);
        if (servesFiles)
        {
            await UnpackAsync(db, project, deployment, source, log, ct);
            return;
        }
        await EnsureWithinQuotaAsync(project, ct);
        log.Step($"Baue {project.Slug} ({ShortCommit(source.Commit)}) mit der Vorlage „{template}“",
                 $"Building {project.Slug} ({ShortCommit(source.Commit)}) with the {template} template");
        await builder.BuildAsync(project, deployment, source, template, log, ct);
    }

    /// <summary>
    /// Before a container is built or started: its memory, CPU and /data within the team's quota. A static website is
    /// not checked: it runs in no container and uses none of them.
    /// </summary>
    private async Task EnsureWithinQuotaAsync(Project project, CancellationToken ct)
    {
        project.Team.Quota.Allow(project.MemoryMb, project.Cpus);
        if (await runtime.VolumeSizeAsync(names.Volume(project.Id), ct) is { } dataBytes) project.Team.Quota.AllowData(dataBytes);
    }

    /// <summary>Instead of step 3, for a static website: its files go into a folder of their own, written once.</summary>
    private async Task UnpackAsync(JugendLabDb db, Project project, Deployment deployment, SourceSnapshot source, DeployLog log, CancellationToken ct)
    {
        log.Step($"Statische Website {project.Slug} ({ShortCommit(source.Commit)}): Dateien entpacken …",
                 $"Static website {project.Slug} ({ShortCommit(source.Commit)}): unpacking files …");
        var (site, unpacked) = await sites.UnpackAsync(source, deployment.Id, ct);
        // Set before anything else can fail: a failed deploy removes the folder it made (FailAsync).
        deployment.Unpacked(site);
        await db.SaveChangesAsync(ct);
        foreach (var (de, en) in unpacked.LogLines()) log.Info(de, en);
    }

    /// <summary>Instead of steps 1–3: take the image an earlier deployment built (a rollback, or new settings); nothing is built.</summary>
    private async Task ReuseAsync(JugendLabDb db, Project project, Deployment deployment, KeptImage kept, DeployLog log, CancellationToken ct)
    {
        var earlier = await db.Deployments.SingleOrDefaultAsync(d => d.Id == kept.DeploymentId && d.ProjectId == project.Id, ct);
        var isKept = earlier switch
        {
            { Site: { } site } => sites.Exists(site),
            { Image: { } image } => await runtime.ImageExistsAsync(image, ct),
            _ => false,
        };
        if (earlier is null || !isKept)
            throw DomainException.Conflict(
                $"Version {kept.DeploymentId} ist nicht mehr aufbewahrt. Die Plattform behält die letzten {options.Value.ImagesKeptPerProject} Versionen. Schick den Code dieser Version nochmals mit git push.",
                $"Version {kept.DeploymentId} is no longer kept. The platform keeps the last {options.Value.ImagesKeptPerProject} versions. Push that version's code again with git push.");
        if (earlier.Site is null) await EnsureWithinQuotaAsync(project, ct);
        deployment.Reuse(earlier);
        await db.SaveChangesAsync(ct);
        log.Step(kept.Reason == KeptImageReason.Rollback
                ? $"Zurück zu Version {earlier.Id} ({ShortCommit(earlier.Commit ?? "")}): nichts wird neu gebaut"
                : $"Starte Version {earlier.Id} mit den neuen Einstellungen: nichts wird neu gebaut",
            kept.Reason == KeptImageReason.Rollback
                ? $"Going back to version {earlier.Id} ({ShortCommit(earlier.Commit ?? "")}): nothing is rebuilt"
                : $"Starting version {earlier.Id} with the new settings: nothing is rebuilt");
    }

    /// <summary>Any failure: say why, record it, remove the new container (or the new site folder). The route was not touched, so the last good deployment keeps serving.</summary>
    private async Task<DeployOutcome> FailAsync(JugendLabDb db, Project project, Deployment deployment, Exception e, DeployLog log)
    {
        var lastLines = log.Tail(); // the build's own last words, before the refusal below
        var message = e switch
        {
            DomainException d => d.In(log.Language),
            OperationCanceledException => log.Pick("Abgebrochen.", "Cancelled."),
            GitFailedException or Docker.DotNet.DockerApiException => e.Message,
            _ => log.Pick($"Interner Fehler der Plattform ({e.GetType().Name}). Die Admins finden Details im Log.",
                          $"Internal platform error ({e.GetType().Name}). The admins find details in the log."),
        };
        if (e is not (DomainException or OperationCanceledException))
            logger.LogError(e, "Deployment {DeploymentId} failed", deployment.Id);
        foreach (var line in message.Split('\n')) log.Error(line);
        log.Error(log.Pick("Deploy fehlgeschlagen. Die bisherige Version läuft weiter.",
                           "Deploy failed. The previous version keeps running."));
        deployment.Fail(message, time.GetUtcNow());
        if (e is not OperationCanceledException) notices.DeployFailed(db, project, deployment, message, lastLines);
        await db.SaveChangesAsync(CancellationToken.None);
        if (deployment.ContainerName is not null)
            await runtime.RemoveAsync(deployment.ContainerName, TimeSpan.Zero, CancellationToken.None);
        if (deployment is { Site: { } site, BasedOn: null }) sites.Delete(site); // its own folder; never a kept one it reused
        return new DeployOutcome(deployment.Id, false, null, message);
    }

    /// <summary>Step 6 — the new deployment takes the route; the old one's container (if it had one) is returned for retirement.</summary>
    private async Task<string?> SwitchRouteAsync(JugendLabDb db, Project project, Deployment deployment, ProjectRoute route,
        Accounts.Actor deploymentRequester, CancellationToken ct)
    {
        // Staff may have stopped the project while it built: then it stays stopped and this deployment does not go live.
        await db.Entry(project).ReloadAsync(ct);
        project.EnsureDeployAllowed(deploymentRequester);
        Deployment? previous = project.LiveDeploymentId is { } id ? await db.Deployments.FindAsync([id], ct) : null;
        previous?.Retire();
        deployment.Live(time.GetUtcNow());
        project.GoLive(deployment.Id);
        notices.DeployLive(db, project, deployment);
        await db.SaveChangesAsync(CancellationToken.None);
        routes.Set(route);
        return previous?.ContainerName;
    }

    private static string ShortCommit(string commit) => commit.Length > 7 ? commit[..7] : commit;
}
