using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// Every project on the platform for staff, on one page: how it stands, its last deploy, its newest CPU and memory sample
/// and its open reports, problems first. Four queries however many projects there are (projects, newest deployments,
/// recent samples, open report counts), so the page stays quick as the platform grows.
/// </summary>
public sealed class ProjectOverview(JugendLabDb db, TimeProvider time)
{
    /// <summary>A sample older than this says nothing about now (the sampler runs every minute), as on the project cards.</summary>
    public static readonly TimeSpan SampleFreshFor = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<ProjectOverviewRow>> ListAsync(Actor actor, OverviewFilter filter, CancellationToken ct)
    {
        actor.EnsureStaff();
        var query = db.Projects.AsNoTracking().Include(p => p.Team).AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.Team)) query = query.Where(p => p.Team.Name == filter.Team);
        // Slugs are lower-case letters, digits and dashes, so a lower-case search finds them whatever was typed.
        if (filter.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search) query = query.Where(p => p.Slug.Contains(search));
        var projects = await query.ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();

        var newest = await db.Deployments.AsNoTracking()
            .Where(d => ids.Contains(d.ProjectId) && !db.Deployments.Any(later => later.ProjectId == d.ProjectId && later.Id > d.Id))
            .ToDictionaryAsync(d => d.ProjectId, ct);
        var since = time.GetUtcNow() - SampleFreshFor;
        var samples = (await db.ResourceSamples.AsNoTracking().Where(s => ids.Contains(s.ProjectId) && s.At >= since).ToListAsync(ct))
            .GroupBy(s => s.ProjectId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.At)!);
        var reports = await db.Reports.Where(r => ids.Contains(r.ProjectId) && r.Outcome == null)
            .GroupBy(r => r.ProjectId).Select(g => new { Project = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Project, g => g.Count, ct);

        var rows = projects.Select(p => ProjectOverviewRow.From(p, newest.GetValueOrDefault(p.Id), samples.GetValueOrDefault(p.Id),
            reports.GetValueOrDefault(p.Id)));
        return ProjectOverviewRow.ProblemsFirst(rows.Where(filter.Matches));
    }
}

/// <summary>What staff look for: one team, part of a name, one status or only the projects with a problem.</summary>
public sealed record OverviewFilter(string? Team = null, string? Search = null, OverviewStatus? Status = null, bool ProblemsOnly = false)
{
    public bool Matches(ProjectOverviewRow row) => (Status is null || row.Status == Status) && (!ProblemsOnly || row.IsProblem);
}

/// <summary>How a project stands, as staff need to tell it apart (finer than <see cref="ProjectStatus"/>: who stopped it, and why).</summary>
public enum OverviewStatus
{
    /// <summary>Serving its live deployment.</summary>
    Online,
    /// <summary>Crashed again and again; restarting stopped.</summary>
    Crashed,
    /// <summary>Paused after residents' reports until a mentor has looked (see <see cref="Project.UnderReview"/>).</summary>
    UnderReview,
    /// <summary>A mentor or an admin stopped it: it stays stopped until staff start it.</summary>
    StoppedByStaff,
    /// <summary>Its team stopped it; the team can start it again.</summary>
    StoppedByTeam,
    /// <summary>Nothing ever went live.</summary>
    NeverPublished,
}

/// <summary>One line of the overview. The newest deployment and the sample are null when there are none (or none lately).</summary>
public sealed record ProjectOverviewRow(
    string Team, string Slug, OverviewStatus Status, string? StoppedBy, string? StopReason, bool HasLiveDeployment,
    int MemoryMb, double Cpus, Deployment? LastDeploy, ResourceSample? Usage, int OpenReports)
{
    /// <summary>The rank of rows without a problem: after every problem.</summary>
    public const int NoProblem = 4;

    public static ProjectOverviewRow From(Project project, Deployment? lastDeploy, ResourceSample? usage, int openReports)
    {
        var status = StatusOf(project);
        return new ProjectOverviewRow(project.Team.Name, project.Slug, status, project.StoppedBy, project.StopReason,
            project.LiveDeploymentId is not null, project.MemoryMb, project.Cpus, lastDeploy,
            status == OverviewStatus.Online && usage is { MemoryLimitBytes: > 0 } ? usage : null, openReports);
    }

    /// <summary>A pause after reports shows as such even when a mentor had stopped the project before (the reports are new).</summary>
    public static OverviewStatus StatusOf(Project project) => project switch
    {
        { UnderReview: true } => OverviewStatus.UnderReview,
        { Status: ProjectStatus.Crashed } => OverviewStatus.Crashed,
        { IsStoppedByStaff: true } => OverviewStatus.StoppedByStaff,
        { Status: ProjectStatus.Stopped } => OverviewStatus.StoppedByTeam,
        { Status: ProjectStatus.Live } => OverviewStatus.Online,
        _ => OverviewStatus.NeverPublished,
    };

    public bool LastDeployFailed => LastDeploy?.Status == DeploymentStatus.Failed;

    /// <summary>The most urgent first: crashed, paused after reports, stopped by staff, last deploy failed; then the rest.</summary>
    public int ProblemRank => Status switch
    {
        OverviewStatus.Crashed => 0,
        OverviewStatus.UnderReview => 1,
        OverviewStatus.StoppedByStaff => 2,
        _ when LastDeployFailed => 3,
        _ => NoProblem,
    };

    public bool IsProblem => ProblemRank < NoProblem;

    /// <summary>Who stopped it, when staff did (not the platform's pause after reports, which <see cref="Status"/> says).</summary>
    public string? StoppedByPerson => StoppedBy is { } who && who != Project.ReviewPauser ? who : null;

    /// <summary>Staff may stop anything that is not already held by staff or by a pause after reports.</summary>
    public bool CanStop => Status is OverviewStatus.Online or OverviewStatus.Crashed or OverviewStatus.StoppedByTeam;

    /// <summary>Starting needs a version that went live once; a project that serves needs no start.</summary>
    public bool CanStart => HasLiveDeployment && Status is not OverviewStatus.Online;

    /// <summary>Problems first (most urgent first), then by name.</summary>
    public static IReadOnlyList<ProjectOverviewRow> ProblemsFirst(IEnumerable<ProjectOverviewRow> rows) =>
        rows.OrderBy(r => r.ProblemRank).ThenBy(r => r.Slug, StringComparer.Ordinal).ThenBy(r => r.Team, StringComparer.Ordinal).ToList();
}
