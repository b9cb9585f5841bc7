using System.Collections.Concurrent;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// One lock per project, as Dokku's deploy lock: two deploys of one project never overlap, and the reconciler and the
/// cleanup jobs keep their hands off a project being deployed.
/// </summary>
/// <remarks>
/// Two kinds of holder: <b>work</b> (a deploy, a deletion) waits for the lock with <see cref="AcquireAsync"/> and may
/// hold it for minutes; <b>upkeep</b> (reconciler, cleanup jobs) only ever takes a free lock with
/// <see cref="TryAcquire"/>, for a moment. "Is a deploy running?" is <see cref="IsWorking"/>: a reconciler that
/// happens to pass by a new project must not make its first deploy look refused.
/// </remarks>
public sealed class ProjectLocks
{
    private readonly ConcurrentDictionary<int, Entry> _locks = new();

    /// <summary>For a deploy or a deletion: waits until the project is free. Counts as work from the first moment of waiting.</summary>
    public async Task<IDisposable> AcquireAsync(int projectId, CancellationToken ct)
    {
        var entry = EntryOf(projectId);
        Interlocked.Increment(ref entry.Work);
        try
        {
            await entry.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref entry.Work);
            throw;
        }
        return new Release(entry, work: true);
    }

    /// <summary>For upkeep: takes the lock only when it is free right now.</summary>
    public IDisposable? TryAcquire(int projectId)
    {
        var entry = EntryOf(projectId);
        return entry.Semaphore.Wait(0) ? new Release(entry, work: false) : null;
    }

    /// <summary>Whether anyone holds the project's lock right now (work or upkeep).</summary>
    public bool IsBusy(int projectId) => _locks.TryGetValue(projectId, out var e) && e.Semaphore.CurrentCount == 0;

    /// <summary>
    /// How often the project's lock was let go so far. Read before looking at the engine and compared once the lock is
    /// held: the same number means nobody held the lock in between, so what was seen is still what is there.
    /// </summary>
    public long Generation(int projectId) => _locks.TryGetValue(projectId, out var e) ? Interlocked.Read(ref e.Generation) : 0;

    /// <summary>Whether a deploy or a deletion of the project runs or waits to run.</summary>
    public bool IsWorking(int projectId) => _locks.TryGetValue(projectId, out var e) && Volatile.Read(ref e.Work) > 0;

    private Entry EntryOf(int projectId) => _locks.GetOrAdd(projectId, _ => new Entry());

    private sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Work;
        public long Generation;
    }

    private sealed class Release(Entry entry, bool work) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            if (work) Interlocked.Decrement(ref entry.Work);
            Interlocked.Increment(ref entry.Generation);
            entry.Semaphore.Release();
        }
    }
}
