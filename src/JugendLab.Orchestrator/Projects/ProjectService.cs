using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;
using JugendLab.Orchestrator.Reconciliation;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Projects;

/// <summary>A team's projects: create within the quota, configure, stop and start, and read their deployments.</summary>
public sealed class ProjectService(
    JugendLabDb db, TeamService teams, ProjectRepositories repositories, RoutePublisher routes, Reconciler reconciler,
    Runtime.IContainerRuntime runtime, AuditLog audit, Notices.ChatNotifier notices, IOptions<OrchestratorOptions> options, TimeProvider time)
{
    public async Task<Project> CreateAsync(Actor actor, string teamName, ProjectSettings settings, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        actor.EnsureCanWorkOn(team);
        var slug = Slug.Validate(settings.Name, NameKind.Project);
        var memory = settings.MemoryMb ?? team.Quota.MemoryMb;
        var cpus = settings.Cpus ?? team.Quota.Cpus;
        team.Quota.Allow(memory, cpus);
        var project = new Project(team, slug, settings.Template, ValidBranch(settings.DeployBranch), memory, cpus, time.GetUtcNow());

        // Check and insert in one write transaction (SQLite's BEGIN IMMEDIATE): parallel requests queue here, so the
        // project count can never pass the quota and a name taken a moment ago is a clear 409, not a database error.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (await db.Projects.AnyAsync(p => p.Slug == slug, ct)) throw NameTaken(slug);
            team.Quota.AllowAnotherProject(await db.Projects.CountAsync(p => p.TeamId == team.Id, ct));
            db.Projects.Add(project);
            await UniqueNames.SaveAsync(db, () => NameTaken(slug), ct);
            await transaction.CommitAsync(ct);
        }
        await repositories.CreateAsync(team.Name, project.Slug, ct);
        routes.Set(new ProjectRoute(slug, RouteState.NotDeployed));
        return project;
    }

    private static DomainException NameTaken(string slug) =>
        DomainException.Conflict($"Den Projektnamen „{slug}“ gibt es schon auf dieser Plattform. Bitte wählt einen anderen.",
            $"The project name \"{slug}\" is already taken on this platform. Please choose another one.");

    public async Task<IReadOnlyList<Project>> ListAsync(Actor actor, string teamName, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        return await db.Projects.Include(p => p.Team).Where(p => p.TeamId == team.Id).OrderBy(p => p.Slug).ToListAsync(ct);
    }

    /// <summary>The newest deployment of each of the team's projects that has one (for the project cards).</summary>
    public async Task<IReadOnlyDictionary<int, Deployment>> LatestDeploymentsAsync(Actor actor, string teamName, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        var newest = await db.Deployments.Where(d => db.Projects.Any(p => p.Id == d.ProjectId && p.TeamId == team.Id))
            .GroupBy(d => d.ProjectId).Select(g => g.Max(d => d.Id)).ToListAsync(ct);
        return await db.Deployments.Where(d => newest.Contains(d.Id)).ToDictionaryAsync(d => d.ProjectId, ct);
    }

    /// <summary>The newest CPU and memory sample of each of the team's projects, from the last few minutes (for the cards' usage bar).</summary>
    public async Task<IReadOnlyDictionary<int, Jobs.ResourceSample>> RecentSamplesAsync(Actor actor, string teamName, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(5);
        var samples = await db.ResourceSamples.Where(s => s.At >= since && db.Projects.Any(p => p.Id == s.ProjectId && p.TeamId == team.Id))
            .ToListAsync(ct);
        return samples.GroupBy(s => s.ProjectId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.At)!);
    }

    /// <summary>A project of a team the actor may see.</summary>
    public async Task<Project> GetAsync(Actor actor, string teamName, string slug, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        return await db.Projects.Include(p => p.Team).SingleOrDefaultAsync(p => p.TeamId == team.Id && p.Slug == slug, ct)
               ?? throw DomainException.NotFound($"Das Projekt „{slug}“ gibt es im Team „{teamName}“ nicht.",
                   $"Team \"{teamName}\" has no project \"{slug}\".");
    }

    public async Task<Project> ConfigureAsync(Actor actor, string teamName, string slug, ProjectSettings settings, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        project.Team.Quota.Allow(settings.MemoryMb ?? project.MemoryMb, settings.Cpus ?? project.Cpus);
        project.Configure(settings.Template, settings.DeployBranch is null ? null : ValidBranch(settings.DeployBranch), settings.MemoryMb, settings.Cpus,
            settings.DetectTemplate);
        await db.SaveChangesAsync(ct);
        return project;
    }

    /// <summary>Stops serving. Visitors see the pause page at once: the route switches before the container goes away.
    /// A stop by staff sticks until staff resume the project, and is written to the audit log with its reason.</summary>
    public async Task<Project> StopAsync(Actor actor, string teamName, string slug, string? reason, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        project.Stop(actor, reason);
        if (actor.IsStaff)
        {
            audit.Record(actor, AuditAction.ProjectStopped, project.Team.Name, project.Slug, reason);
            notices.StoppedByStaff(db, project, actor.Name, reason);
        }
        await db.SaveChangesAsync(ct);
        routes.Set(new ProjectRoute(project.Slug, RouteState.Stopped));
        await reconciler.ReconcileProjectAsync(project.Id, ct);
        await db.Entry(project).ReloadAsync(ct);
        return project;
    }

    public async Task<Project> StartAsync(Actor actor, string teamName, string slug, string? reason, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        var wasCrashed = project.Status == ProjectStatus.Crashed;
        var wasStoppedByStaff = project.IsStoppedByStaff;
        if (!project.Resume(actor))
            throw DomainException.Conflict("Das Projekt wurde noch nie deployt. Macht zuerst einen git push.",
                "The project was never deployed. Do a git push first.");
        if (actor.IsStaff && wasStoppedByStaff)
        {
            audit.Record(actor, AuditAction.ProjectResumed, project.Team.Name, project.Slug, reason);
            notices.Resumed(db, project, actor.Name);
        }
        await db.SaveChangesAsync(ct);
        if (wasCrashed && await db.Deployments.FindAsync([project.LiveDeploymentId!.Value], ct) is { ContainerName: { } crashed })
            await runtime.RemoveAsync(crashed, TimeSpan.Zero, ct); // a fresh container gets a fresh restart count
        await reconciler.ReconcileProjectAsync(project.Id, ct);
        await db.Entry(project).ReloadAsync(ct);
        return project;
    }

    public async Task<IReadOnlyList<Deployment>> DeploymentsAsync(Actor actor, string teamName, string slug, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        return await db.Deployments.Where(d => d.ProjectId == project.Id).OrderByDescending(d => d.Id).ToListAsync(ct);
    }

    public async Task<(Deployment Deployment, string Log)> DeploymentAsync(Actor actor, string teamName, string slug, int id, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        var deployment = await db.Deployments.SingleOrDefaultAsync(d => d.ProjectId == project.Id && d.Id == id, ct)
                         ?? throw DomainException.NotFound($"Den Deploy {id} gibt es nicht.", $"There is no deployment {id}.");
        var path = options.Value.DeploymentLogPath(id);
        return (deployment, File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "");
    }

    /// <summary>Whether the project's live deployment is a static website the platform serves itself (no container, no memory, no CPU).</summary>
    public async Task<bool> ServesFilesAsync(Project project, CancellationToken ct) =>
        project.LiveDeploymentId is { } live && await db.Deployments.AnyAsync(d => d.Id == live && d.Site != null, ct);

    /// <summary>The team's projects whose live deployment is a static website (see <see cref="ServesFilesAsync"/>).</summary>
    public async Task<IReadOnlySet<int>> ServingFilesAsync(int teamId, CancellationToken ct) =>
        (await db.Projects.Where(p => p.TeamId == teamId)
            .Join(db.Deployments, p => p.LiveDeploymentId, d => d.Id, (p, d) => new { p.Id, d.Site })
            .Where(x => x.Site != null).Select(x => x.Id).ToListAsync(ct)).ToHashSet();

    /// <summary>CPU and memory samples of the project's live container since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Jobs.ResourceSample>> UsageAsync(Actor actor, string teamName, string slug, DateTimeOffset since, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        return await db.ResourceSamples.Where(s => s.ProjectId == project.Id && s.At >= since).OrderBy(s => s.At).ToListAsync(ct);
    }

    /// <summary>A deployment of a project the actor may see (without its log, which <see cref="BuildLogFeed"/> reads).</summary>
    public async Task<(Project Project, Deployment Deployment)> FindDeploymentAsync(Actor actor, string teamName, string slug, int id, CancellationToken ct)
    {
        var project = await GetAsync(actor, teamName, slug, ct);
        var deployment = await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.ProjectId == project.Id && d.Id == id, ct)
                         ?? throw DomainException.NotFound($"Die Version {id} gibt es nicht.", $"There is no version {id}.");
        return (project, deployment);
    }

    private static string ValidBranch(string? branch)
    {
        branch = string.IsNullOrWhiteSpace(branch) ? "main" : branch.Trim();
        if (branch.Length > 100 || !System.Text.RegularExpressions.Regex.IsMatch(branch, "^[A-Za-z0-9._/-]+$") || branch.Contains(".."))
            throw DomainException.Invalid($"„{branch}“ ist kein gültiger Branch-Name.", $"\"{branch}\" is not a valid branch name.");
        return branch;
    }
}

/// <summary>What a team can set on a project. Null means "keep" (or "default" when creating);
/// <see cref="DetectTemplate"/> goes back to detecting the template from the files.</summary>
public sealed record ProjectSettings(string? Name, Template? Template, string? DeployBranch, int? MemoryMb, double? Cpus, bool DetectTemplate = false);
