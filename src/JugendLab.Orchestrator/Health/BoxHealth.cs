using System.Diagnostics;
using System.Globalization;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Health;

/// <summary>
/// How the box itself is doing, for the mentors' start page: the machine's CPU load, memory and the disk that holds the
/// platform's data; the platform's own process; and what went wrong lately (failed deploys, crashed projects).
/// Read from /proc and the file system on each visit; nothing is sent anywhere.
/// </summary>
public sealed class BoxHealth(JugendLabDb db, IOptions<OrchestratorOptions> options)
{
    public async Task<HealthReport> ReadAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        var memory = ReadMeminfo();
        var disk = new DriveInfo(Path.GetFullPath(options.Value.DataDirectory));
        using var self = Process.GetCurrentProcess();
        var failed = await db.Deployments.Where(d => d.Status == DeploymentStatus.Failed)
            .OrderByDescending(d => d.Id).Take(5)
            .Join(db.Projects.Include(p => p.Team), d => d.ProjectId, p => p.Id, (d, p) => new RecentProblem(p.Team.Name, p.Slug, d.Id, d.Error))
            .ToListAsync(ct);
        var crashed = await db.Projects.Include(p => p.Team).Where(p => p.Status == ProjectStatus.Crashed)
            .Select(p => new RecentProblem(p.Team.Name, p.Slug, null, p.StatusDetail)).ToListAsync(ct);
        return new HealthReport(
            Environment.ProcessorCount, ReadLoad(), memory.TotalBytes, memory.AvailableBytes,
            disk.TotalSize, disk.AvailableFreeSpace, self.WorkingSet64, DateTime.Now - self.StartTime,
            failed, crashed);
    }

    /// <summary>The 5-minute load average (how many cores were busy on average), or null where /proc is missing.</summary>
    private static double? ReadLoad()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return double.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static (long? TotalBytes, long? AvailableBytes) ReadMeminfo()
    {
        try
        {
            var values = File.ReadAllLines("/proc/meminfo").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024);
            return (values.GetValueOrDefault("MemTotal"), values.GetValueOrDefault("MemAvailable"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return (null, null);
        }
    }
}

public sealed record HealthReport(
    int Cores, double? Load, long? MemoryTotalBytes, long? MemoryAvailableBytes, long DiskTotalBytes, long DiskFreeBytes,
    long PlatformMemoryBytes, TimeSpan PlatformUptime, IReadOnlyList<RecentProblem> FailedDeploys, IReadOnlyList<RecentProblem> Crashed)
{
    public double? LoadShare => Load / Cores;
    public long? MemoryUsedBytes => MemoryTotalBytes - MemoryAvailableBytes;
    public long DiskUsedBytes => DiskTotalBytes - DiskFreeBytes;
}

/// <summary>A failed deploy (with its deployment) or a crashed project, with what went wrong in its own words.</summary>
public sealed record RecentProblem(string Team, string Project, int? DeploymentId, string? Detail);
