using System.Collections.Concurrent;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>One lock per project, as Dokku's deploy lock: two deploys of one project never overlap, and the reconciler keeps its hands off a project being deployed.</summary>
public sealed class ProjectLocks
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> AcquireAsync(int projectId, CancellationToken ct)
    {
        var semaphore = _locks.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(ct);
        return new Release(semaphore);
    }

    /// <summary>Takes the lock only when it is free right now.</summary>
    public IDisposable? TryAcquire(int projectId)
    {
        var semaphore = _locks.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        return semaphore.Wait(0) ? new Release(semaphore) : null;
    }

    public bool IsBusy(int projectId) => _locks.TryGetValue(projectId, out var s) && s.CurrentCount == 0;

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}
