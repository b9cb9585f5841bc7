using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Build logs for watchers in a browser or the API, by deployment id: a reader gets every line so far, then new ones
/// as they come, then how the deploy ended. Every deploy feeds it (git push, "Neu veröffentlichen", a git URL).
/// </summary>
/// <remarks>
/// The log file is the one source of lines: a reader reads it, then waits for a nudge from the running deploy and reads
/// on. The deploy only nudges, so a slow reader never slows a build, and a reader holds no more than one read buffer:
/// memory does not grow with the log or with the reader's lag. Line numbers are the file's, so a reader that comes back
/// (SSE's Last-Event-ID) resumes after the line it had, during the deploy and after it alike.
/// </remarks>
public sealed class BuildLogFeed(IDbContextFactory<JugendLabDb> dbFactory, IOptions<OrchestratorOptions> options, TimeProvider time)
{
    /// <summary>How long a reader waits for a deployment that is recorded but not yet on the feed (a moment at its start).</summary>
    private static readonly TimeSpan JoinWait = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<int, LiveBuild> _running = new();

    /// <summary>A new deploy's connection to the feed; pass <see cref="BuildLogTap.Line"/> and <see cref="BuildLogTap.Recorded"/> to its <see cref="DeployLog"/>.</summary>
    public BuildLogTap Tap() => new(this);

    /// <summary>
    /// Runs one deploy with its log on the feed as well as going to <paramref name="watcher"/> (a pusher's terminal, an
    /// API caller); <paramref name="recorded"/> learns the deployment's id once it is recorded.
    /// </summary>
    public async Task<DeployOutcome> RunAsync(Language language, long maxLogBytes, Action<string> watcher, Action<int>? recorded,
        Func<DeployLog, Task<DeployOutcome>> deploy)
    {
        var tap = Tap();
        DeployOutcome? outcome = null;
        try
        {
            // Readers are nudged first: the watcher may block on a slow reader of its own.
            await using var log = new DeployLog(language, line =>
            {
                tap.Line(line);
                watcher(line);
            }, maxLogBytes, id =>
            {
                tap.Recorded(id);
                recorded?.Invoke(id);
            });
            outcome = await deploy(log);
            return outcome;
        }
        finally
        {
            tap.End(outcome); // after the log is closed: readers that see the end find every line in the file
        }
    }

    /// <summary>True while the deployment's deploy runs on this platform.</summary>
    public bool IsRunning(int deploymentId) => _running.ContainsKey(deploymentId);

    /// <summary>The deployment's complete log lines so far (for a page rendered on the server).</summary>
    public Task<IReadOnlyList<string>> LinesAsync(int deploymentId, CancellationToken ct) =>
        LogFileLines.ReadAllAsync(options.Value.DeploymentLogPath(deploymentId), ct);

    /// <summary>
    /// The log after line <paramref name="afterLine"/> (0: from the start), live while the deploy runs, and its end.
    /// The caller has checked that the person may see the deployment.
    /// </summary>
    public async IAsyncEnumerable<BuildLogEvent> ReadAsync(int deploymentId, long afterLine, [EnumeratorCancellation] CancellationToken ct)
    {
        var live = await FindRunningAsync(deploymentId, ct);
        using var file = new LogFileLines(options.Value.DeploymentLogPath(deploymentId));
        var progress = new BuildProgress();
        (DeployPhase, int)? told = null;
        long number = 0;
        while (true)
        {
            // Take the nudge before reading, so a line written during the read still wakes the next wait.
            var nudged = live?.Nudged;
            var ended = live is null || live.Outcome is not null;
            await foreach (var line in file.ReadNewAsync(ct))
            {
                number++;
                progress.Add(line);
                if (number > afterLine) yield return new BuildLogLine(number, line);
            }
            if (ended) break;
            if (told != (progress.Phase, progress.Step))
            {
                told = (progress.Phase, progress.Step);
                yield return new BuildLogProgress(progress.Phase, progress.Step);
            }
            await nudged!.WaitAsync(ct);
        }
        yield return await EndAsync(deploymentId, live, progress.Step, ct);
    }

    private async Task<BuildLogEnd> EndAsync(int deploymentId, LiveBuild? live, int step, CancellationToken ct)
    {
        if (live?.Outcome is { } outcome)
            return new BuildLogEnd(outcome.Succeeded ? DeploymentStatus.Live : DeploymentStatus.Failed, step, outcome.Error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deploymentId, ct);
        return new BuildLogEnd(deployment?.Status ?? DeploymentStatus.Failed, step, deployment?.Error);
    }

    /// <summary>The running deploy, or null when it has ended (or ended without this platform, e.g. cut off by a restart).</summary>
    private async Task<LiveBuild?> FindRunningAsync(int deploymentId, CancellationToken ct)
    {
        if (_running.TryGetValue(deploymentId, out var live)) return live;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deployment = await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deploymentId, ct);
        if (deployment is null || deployment.IsFinished) return null;
        // Recorded a moment ago: the deploy joins the feed right after the row is written.
        var until = time.GetUtcNow() + JoinWait;
        while (time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
            if (_running.TryGetValue(deploymentId, out live)) return live;
        }
        return null;
    }

    internal void Join(int deploymentId, LiveBuild live) => _running[deploymentId] = live;

    internal void Leave(int deploymentId, LiveBuild live) => _running.TryRemove(KeyValuePair.Create(deploymentId, live));
}

/// <summary>One running deploy on the feed: readers wait on <see cref="Nudged"/>; the deploy nudges on each line.</summary>
internal sealed class LiveBuild
{
    private TaskCompletionSource _nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DeployOutcome? _outcome;

    /// <summary>Completes at the next line or at the end.</summary>
    public Task Nudged => Volatile.Read(ref _nudge).Task;

    public DeployOutcome? Outcome => Volatile.Read(ref _outcome);

    public void Nudge() =>
        Interlocked.Exchange(ref _nudge, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Finish(DeployOutcome outcome)
    {
        Volatile.Write(ref _outcome, outcome);
        Nudge();
    }
}

/// <summary>
/// One deploy's connection to the <see cref="BuildLogFeed"/>: it joins the feed when the deployment is recorded, nudges
/// readers on each line (after the line is in the file) and leaves with the outcome.
/// </summary>
public sealed class BuildLogTap
{
    private readonly BuildLogFeed _feed;
    private LiveBuild? _live;
    private int _deploymentId;

    internal BuildLogTap(BuildLogFeed feed) => _feed = feed;

    /// <summary>The <see cref="DeployLog"/>'s watcher: a line was written.</summary>
    public void Line(string line) => Volatile.Read(ref _live)?.Nudge();

    /// <summary>The <see cref="DeployLog"/>'s "recorded" callback: the deployment exists and readers may come.</summary>
    public void Recorded(int deploymentId)
    {
        var live = new LiveBuild();
        _deploymentId = deploymentId;
        _feed.Join(deploymentId, live);
        Volatile.Write(ref _live, live);
    }

    /// <summary>The deploy is over (call after the log's last line); null when it ended by an exception.</summary>
    public void End(DeployOutcome? outcome)
    {
        var live = Interlocked.Exchange(ref _live, null);
        if (live is null) return;
        live.Finish(outcome ?? new DeployOutcome(_deploymentId, false, null, null));
        _feed.Leave(_deploymentId, live);
    }
}
