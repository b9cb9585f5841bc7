using System.Collections.Concurrent;

namespace JugendLab.Orchestrator.AppLogs;

/// <summary>
/// Counts open live logs per project. Each one holds a connection to the engine; a script opening hundreds of streams
/// must not tie up the engine that every team shares.
/// </summary>
public sealed class AppLogFollowers
{
    /// <summary>Plenty for a team with a few phones and laptops open.</summary>
    public const int MaxPerProject = 20;

    private readonly ConcurrentDictionary<int, int> _open = new();

    /// <summary>A slot for one follower (dispose it when the stream ends); null when the project has too many open.</summary>
    public IDisposable? TryEnter(int projectId)
    {
        var now = _open.AddOrUpdate(projectId, 1, (_, n) => n + 1);
        if (now <= MaxPerProject) return new Slot(this, projectId);
        Leave(projectId);
        return null;
    }

    private void Leave(int projectId)
    {
        if (_open.AddOrUpdate(projectId, 0, (_, n) => n - 1) <= 0) _open.TryRemove(new KeyValuePair<int, int>(projectId, 0));
    }

    private sealed class Slot(AppLogFollowers owner, int projectId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Leave(projectId);
        }
    }
}
