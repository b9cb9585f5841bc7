using System.Collections.Concurrent;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Deploys started from the web app ("Neu veröffentlichen", a git URL, a starter's first deploy): the deploy runs in the
/// background and the caller gets the new deployment's id as soon as it is recorded, to open its live build log
/// (<see cref="BuildLogFeed"/>) at once.
/// </summary>
/// <remarks>
/// A refusal that comes before a deployment exists (staff stopped the project, no code on the branch, another deploy of
/// the project running, no right to the project) reaches the caller as its <see cref="DomainException"/>. The deploy
/// itself does not use the caller's token — the page moves on at once — but stops when the platform shuts down.
/// </remarks>
public sealed class BackgroundDeploys(
    DeployPipeline pipeline, BuildLogFeed feed, ProjectLocks locks, ProjectRepositories repositories, IOptions<BuildOptions> build,
    IHostApplicationLifetime lifetime, ILogger<BackgroundDeploys> logger) : IAsyncDisposable
{
    /// <summary>How long shutting down waits for cancelled deploys to record that they were cancelled.</summary>
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Starts the deploy and returns the new deployment's id once it is recorded (before the build).</summary>
    public async Task<int> StartAsync(DeployRequest request, CancellationToken ct)
    {
        await pipeline.EnsureCanStartAsync(request, ct);
        if (locks.IsWorking(request.ProjectId)) throw AlreadyDeploying();

        var recorded = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(() => RunAsync(request, recorded), CancellationToken.None);
        _running.TryAdd(run, 0);
        _ = run.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        // Either the deployment is recorded, or the deploy ended before it was (its exception is the caller's answer).
        return await recorded.Task.WaitAsync(ct);
    }

    /// <summary>"Neu veröffentlichen": deploys the newest commit of the project's deploy branch again.</summary>
    public async Task<int> RedeployAsync(Project project, Actor actor, Language language, CancellationToken ct)
    {
        var repository = await repositories.FindAsync(project.Team.Name, project.Slug, ct)
                         ?? throw SourceReceiver.NoCodeOnBranch(project.DeployBranch);
        return await StartAsync(new DeployRequest(project.Id, new RepositoryBranch(repository, project.DeployBranch), actor, language), ct);
    }

    private async Task RunAsync(DeployRequest request, TaskCompletionSource<int> recorded)
    {
        try
        {
            await feed.RunAsync(request.Language, build.Value.MaxLogBytes, static _ => { }, id => recorded.TrySetResult(id),
                log => pipeline.DeployAsync(request, log, lifetime.ApplicationStopping));
            // The pipeline records every deployment before it can fail; this only guards against a change there.
            recorded.TrySetException(new InvalidOperationException("The deploy ended without a deployment."));
        }
        catch (Exception e)
        {
            if (!recorded.TrySetException(e) && e is not OperationCanceledException)
                logger.LogError(e, "Background deploy of project {ProjectId} failed", request.ProjectId);
        }
    }

    private static DomainException AlreadyDeploying() => DomainException.Conflict(
        "Gerade wird schon eine Version von diesem Projekt veröffentlicht. Warte, bis sie fertig ist (im Verlauf), und probier es dann nochmals.",
        "A version of this project is being published right now. Wait until it is done (see History), then try again.");

    /// <summary>On shutdown the deploys were cancelled; give them a moment to record that, so none stays "building".</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(ShutdownWait);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Shutting down with background deploys still running");
        }
    }
}
