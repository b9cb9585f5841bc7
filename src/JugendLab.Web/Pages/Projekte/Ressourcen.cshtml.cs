using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Ressourcen: memory and CPU over 24 hours (a chart with a text summary and a table), and /data against the quota.</summary>
public sealed class RessourcenModel(ProjectService projects, TeamUsageService usage, TimeProvider time) : ProjectPageModel(projects)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private const double Mb = 1024 * 1024;

    public override ProjectTab Tab => ProjectTab.Resources;
    public IReadOnlyList<ResourceSample> Samples { get; private set; } = [];
    public IReadOnlyList<HourRow> Hours { get; private set; } = [];
    public DiskUsage Disk { get; private set; } = new(null, 0);

    public string ChartUrl => TabUrl(ProjectTab.Resources) + "?handler=Chart";

    /// <summary>A static website the platform serves itself: no container, so no memory or CPU to show.</summary>
    public bool ServesFiles { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        ServesFiles = await Projects.ServesFilesAsync(Project, ct);
        if (ServesFiles) return;
        Samples = await Projects.UsageAsync(User.ToActor(), Team, Slug, time.GetUtcNow() - Window, ct);
        Hours = Samples.GroupBy(s => Hour(s.At))
            .Select(g => new HourRow(g.Key, g.Average(s => s.MemoryBytes) / Mb, g.Max(s => s.MemoryBytes) / Mb, g.Max(s => s.CpuPercent)))
            .ToList();
        Disk = await usage.DiskAsync(User.ToActor(), Team, Slug, ct);
    }

    /// <summary>The chart as an image for this page (the API's usage.svg takes tokens, not the sign-in cookie).</summary>
    public async Task<IActionResult> OnGetChartAsync(CancellationToken ct)
    {
        var samples = await Projects.UsageAsync(User.ToActor(), Team, Slug, time.GetUtcNow() - Window, ct);
        var models = samples.Select(s => new UsageSampleModel(s.At, s.CpuPercent, s.MemoryBytes, s.MemoryLimitBytes)).ToList();
        Response.Headers.CacheControl = "private, no-store";
        return Content(UsageChart.Svg(Slug, models), "image/svg+xml; charset=utf-8");
    }

    public double NowMemoryMb => Samples[^1].MemoryBytes / Mb;
    public double LimitMemoryMb => Samples[^1].MemoryLimitBytes / Mb;
    public double PeakMemoryMb => Samples.Max(s => s.MemoryBytes) / Mb;
    public double NowCpu => Samples[^1].CpuPercent;
    public double PeakCpu => Samples.Max(s => s.CpuPercent);
    public double? DiskUsedMb => Disk.UsedBytes / Mb;

    private static DateTimeOffset Hour(DateTimeOffset at)
    {
        var local = at.ToLocalTime();
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
    }

    /// <summary>One row of the table that says in numbers what the chart shows.</summary>
    public sealed record HourRow(DateTimeOffset Hour, double MemoryAverageMb, double MemoryPeakMb, double CpuPeak);
}
