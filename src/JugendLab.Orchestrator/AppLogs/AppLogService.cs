using System.Runtime.CompilerServices;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.AppLogs;

/// <summary>
/// What a project's app prints (stdout and stderr of its live container), for its own team: the last lines, and live.
/// The app's output belongs to the team; the platform adds nothing of its own to it (no secrets, no platform logs).
/// </summary>
public sealed class AppLogService(ProjectService projects, JugendLabDb db, IContainerRuntime runtime, IRouteTableSource routes,
    AppLogFollowers followers)
{
    public const int DefaultLines = 500;
    public const int MaxLines = 5000;

    /// <summary>How often a follower looks whether the route moved to a new version.</summary>
    public static readonly TimeSpan RouteCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The project's live container, for a person who may see the project (another team's project is "not found").</summary>
    public async Task<AppLogSource> OpenAsync(Actor actor, string team, string slug, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        // The route is read before the database: a version that goes live after this moment is always noticed.
        var route = routes.Current.Find(project.Slug);
        var container = await LiveContainerAsync(project.Id, ct);
        var state = project.LiveDeploymentId is null ? AppLogState.NeverDeployed
            : await projects.ServesFilesAsync(project, ct) ? AppLogState.StaticSite
            : project.Status == ProjectStatus.Live ? AppLogState.Live : AppLogState.NotRunning;
        return new AppLogSource(project.Id, project.Slug, container, state, route);
    }

    /// <summary>The last <paramref name="lines"/> lines, oldest first (also from a crashed container, which keeps its log).</summary>
    public async Task<IReadOnlyList<ContainerLogLine>> TailAsync(AppLogSource source, int lines, CancellationToken ct)
    {
        if (source.ContainerName is null) return [];
        var result = new List<ContainerLogLine>();
        await foreach (var line in runtime.ReadLogsAsync(source.ContainerName, new ContainerLogQuery(Clamp(lines), null, false), ct))
            result.Add(line);
        return result;
    }

    /// <summary>
    /// The last lines after <paramref name="after"/> (or the last <paramref name="lines"/>), then new lines as the app prints
    /// them. Ends with <see cref="AppLogEnd.NewVersion"/> when another version took the route (connect again to read the new
    /// container), <see cref="AppLogEnd.NotRunning"/> when the app stopped, or <see cref="AppLogEnd.TooMany"/> at once when
    /// the project already has <see cref="AppLogFollowers.MaxPerProject"/> live logs open.
    /// </summary>
    public async IAsyncEnumerable<AppLogEvent> FollowAsync(AppLogSource source, LogTimestamp? after, int lines,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (source.State != AppLogState.Live || source.ContainerName is null)
        {
            yield return new AppLogEvent.End(AppLogEnd.NotRunning);
            yield break;
        }
        using var slot = followers.TryEnter(source.ProjectId);
        if (slot is null)
        {
            yield return new AppLogEvent.End(AppLogEnd.TooMany);
            yield break;
        }
        using var moved = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = WatchRouteAsync(source, moved, moved.Token);
        try
        {
            var query = new ContainerLogQuery(Clamp(lines), after, Follow: true);
            await foreach (var line in runtime.ReadLogsAsync(source.ContainerName, query, moved.Token))
            {
                // The engine's "since" includes the line at that very time: the one the reader saw last.
                if (after is { } seen && line.Time <= seen) continue;
                yield return new AppLogEvent.Line(line);
            }
        }
        finally
        {
            // Also when the reader went away mid-stream: the route watch must never outlive its follower.
            await moved.CancelAsync();
            await watch;
        }
        if (ct.IsCancellationRequested) yield break;
        var now = await LiveContainerAsync(source.ProjectId, ct);
        var live = await db.Projects.AsNoTracking().AnyAsync(p => p.Id == source.ProjectId && p.Status == ProjectStatus.Live, ct);
        yield return new AppLogEvent.End(live && now is not null && now != source.ContainerName ? AppLogEnd.NewVersion : AppLogEnd.NotRunning);
    }

    /// <summary>Ends the follow (cancels <paramref name="moved"/>) when the project's route changes: another version went live, or it stopped.</summary>
    private async Task WatchRouteAsync(AppLogSource source, CancellationTokenSource moved, CancellationToken token)
    {
        try
        {
            while (Equals(routes.Current.Find(source.Slug), source.Route))
                await Task.Delay(RouteCheckInterval, token);
            await moved.CancelAsync();
        }
        catch (OperationCanceledException) { }
    }

    private async Task<string?> LiveContainerAsync(int projectId, CancellationToken ct) =>
        await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Join(db.Deployments, p => p.LiveDeploymentId, d => d.Id, (_, d) => d.ContainerName)
            .SingleOrDefaultAsync(ct);

    private static int Clamp(int lines) => Math.Clamp(lines, 1, MaxLines);
}

/// <summary>Whether a project has an app whose output can be read.</summary>
public enum AppLogState
{
    NeverDeployed,
    NotRunning,
    Live,
    /// <summary>The live version is a static website the platform serves itself: there is no app that could print anything.</summary>
    StaticSite,
}

/// <summary>Why a live log ended.</summary>
public enum AppLogEnd { NewVersion, NotRunning, TooMany }

/// <summary>A project's log as it was when a reader opened it: the live container and the route it was serving by.</summary>
public sealed record AppLogSource(int ProjectId, string Slug, string? ContainerName, AppLogState State, ProjectRoute? Route);

/// <summary>What a follower receives: lines, then one end.</summary>
public abstract record AppLogEvent
{
    public sealed record Line(ContainerLogLine Value) : AppLogEvent;
    public sealed record End(AppLogEnd Reason) : AppLogEvent;
}
