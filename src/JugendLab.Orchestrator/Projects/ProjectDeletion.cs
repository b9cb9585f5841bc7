using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// Deletes a project for good, after its name was typed again: the record (with its versions, variables and samples),
/// then its route, containers, images, /data, repository, build logs and static website folders. Under the project's lock, so no deploy runs
/// meanwhile; the record goes first, so nothing (a reconcile pass) starts the project again while it is taken apart.
/// </summary>
public sealed class ProjectDeletion(
    JugendLabDb db, ProjectService projects, ProjectLocks locks, RoutePublisher routes, IContainerRuntime runtime,
    DataVolumes data, SiteFiles sites, ProjectRepositories repositories, AuditLog audit, IOptions<OrchestratorOptions> options,
    ILogger<ProjectDeletion> logger)
{
    public async Task DeleteAsync(Actor actor, string teamName, string slug, string? typedName, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, teamName, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        if (!string.Equals(typedName?.Trim(), project.Slug, StringComparison.Ordinal))
            throw DomainException.Invalid(
                $"Zum Löschen tipp den Namen des Projekts genau so ein: {project.Slug}",
                $"To delete, type the project's name exactly like this: {project.Slug}");
        if (project.IsStoppedByStaff && !actor.IsStaff)
            throw DomainException.Forbidden(
                $"{project.StoppedBy} hat das Projekt angehalten. Löschen kann es jetzt nur eine Mentor:in. Sprich mit {project.StoppedBy}.",
                $"{project.StoppedBy} stopped this project. Only a mentor can delete it now. Talk to {project.StoppedBy}.");

        using var held = await locks.AcquireAsync(project.Id, ct);
        var deployments = await db.Deployments.Where(d => d.ProjectId == project.Id).Select(d => d.Id).ToListAsync(ct);
        var siteFolders = await db.Deployments.Where(d => d.ProjectId == project.Id && d.Site != null).Select(d => d.Site!).Distinct().ToListAsync(ct);
        db.Projects.Remove(project);
        if (actor.IsStaff) audit.Record(actor, AuditAction.ProjectDeleted, project.Team.Name, project.Slug, null);
        await db.SaveChangesAsync(ct);
        routes.Remove(project.Slug);
        // From here on the project is gone for everyone; what is left is tidying up, which must not stop half-way.
        await RemoveEngineObjectsAsync(project, CancellationToken.None);
        var repository = await repositories.FindAsync(project.Team.Name, project.Slug, CancellationToken.None);
        if (repository is not null) Directory.Delete(repository, recursive: true);
        foreach (var id in deployments) File.Delete(options.Value.DeploymentLogPath(id));
        foreach (var site in siteFolders) sites.Delete(site);
        logger.LogInformation("Project {Project} of team {Team} deleted by {Actor}", project.Slug, project.Team.Name, actor.Name);
    }

    private async Task RemoveEngineObjectsAsync(Project project, CancellationToken ct)
    {
        // A busy engine can still hold the volume of a container it has just removed: try again a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var container in await runtime.ListAsync(project.Id, ct))
                    await runtime.RemoveAsync(container.Name, TimeSpan.Zero, ct);
                foreach (var image in (await runtime.ListImagesAsync(ct)).Where(i => i.ProjectSlug == project.Slug))
                    await runtime.RemoveImageAsync(image.Id, ct);
                // The engine keeps an image while a container of it is still being removed, for example by the
                // reconciler tidying up the containers of a project that no longer exists: look again, and try again.
                if (attempt < RemoveAttempts && await AnythingLeftAsync(project, ct))
                {
                    logger.LogInformation("Removing deleted project {ProjectId} from the engine, attempt {Attempt}: something is still there", project.Id, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct);
                    continue;
                }
                await data.DeleteAsync(project.Id, ct);
                return;
            }
            catch (Exception e) when (e is Docker.DotNet.DockerApiException or DataVolumeException && attempt < RemoveAttempts)
            {
                logger.LogInformation("Removing deleted project {ProjectId} from the engine, attempt {Attempt}: {Error}", project.Id, attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct);
            }
            catch (Exception e) when (e is Docker.DotNet.DockerApiException or DataVolumeException)
            {
                // The reconciler removes containers of unknown projects; an image or volume left here is pruned by hand.
                logger.LogWarning(e, "Could not remove everything of deleted project {ProjectId} from the engine", project.Id);
                return;
            }
        }
    }

    private async Task<bool> AnythingLeftAsync(Project project, CancellationToken ct) =>
        (await runtime.ListAsync(project.Id, ct)).Count > 0
        || (await runtime.ListImagesAsync(ct)).Any(i => i.ProjectSlug == project.Slug);

    private const int RemoveAttempts = 5;
}
