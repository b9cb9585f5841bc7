using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Orchestrator.Teams;

/// <summary>How much of its quota a team uses: projects, the memory and CPU its projects reserve (a static website none), and what lies in their /data.</summary>
public sealed class TeamUsageService(TeamService teams, ProjectService projects, IContainerRuntime runtime, ResourceNames names)
{
    public async Task<TeamUsage> UsageAsync(Actor actor, string teamName, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        var list = await projects.ListAsync(actor, teamName, ct);
        // A static website is served by the platform itself: it reserves no memory and no CPU (it still counts as a project).
        var files = await projects.ServingFilesAsync(team.Id, ct);
        var each = new List<ProjectUsage>(list.Count);
        foreach (var project in list)
            each.Add(files.Contains(project.Id)
                ? new ProjectUsage(project.Slug, 0, 0, await runtime.VolumeSizeAsync(names.Volume(project.Id), ct))
                : new ProjectUsage(project.Slug, project.MemoryMb, project.Cpus, await runtime.VolumeSizeAsync(names.Volume(project.Id), ct)));
        return new TeamUsage(team.Name, team.Quota, await teams.MemberNamesAsync(team, ct), each);
    }

    /// <summary>The bytes in one project's /data (null when the platform cannot read them) and the quota per project.</summary>
    public async Task<DiskUsage> DiskAsync(Actor actor, string teamName, string slug, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, teamName, slug, ct);
        return new DiskUsage(await runtime.VolumeSizeAsync(names.Volume(project.Id), ct), project.Team.Quota.DiskMb);
    }
}

/// <summary>One project's share: what it reserves and what its /data holds (null: cannot be read).</summary>
public sealed record ProjectUsage(string Slug, int MemoryMb, double Cpus, long? DataBytes);

/// <summary>/data of one project against the quota (per project).</summary>
public sealed record DiskUsage(long? UsedBytes, int QuotaMb);

/// <summary>
/// A team's use against its quota. Memory, CPU and disk are limits per project, so the team's ceiling is the limit times
/// the number of projects it may have: "384 MB of 768 MB" reads as "room for one more project of 256 MB".
/// </summary>
public sealed record TeamUsage(string Team, Quota Quota, IReadOnlyList<string> Members, IReadOnlyList<ProjectUsage> Projects)
{
    public int MemoryCommittedMb => Projects.Sum(p => p.MemoryMb);
    public int MemoryCeilingMb => Quota.MaxProjects * Quota.MemoryMb;
    public double CpusCommitted => Projects.Sum(p => p.Cpus);
    public double CpusCeiling => Quota.MaxProjects * Quota.Cpus;

    /// <summary>Bytes in all /data folders together; null when one of them cannot be read.</summary>
    public long? DiskUsedBytes => Projects.Any(p => p.DataBytes is null) ? null : Projects.Sum(p => p.DataBytes!.Value);

    public long DiskCeilingBytes => Quota.MaxProjects * (long)Quota.DiskMb * 1024 * 1024;
}
