namespace JugendLab.Web.Accounts;

/// <summary>
/// Counts failed sign-ins per key (an account name or an address). From the <c>failuresBeforeDelay</c>-th failure on,
/// the key has to wait before its next attempt: <c>firstDelay</c>, doubling with each further failure, up to <c>maxDelay</c>.
/// Failures are forgotten after <c>forgetAfter</c> without a new one, or when <see cref="Forget"/> is called (a success).
/// </summary>
public sealed class FailureTracker
{
    private readonly int _failuresBeforeDelay;
    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _forgetAfter;
    private readonly TimeProvider _time;
    private readonly CappedTable<Entry> _entries;
    private readonly Lock _lock = new();

    public FailureTracker(int failuresBeforeDelay, TimeSpan firstDelay, TimeSpan maxDelay, TimeSpan forgetAfter, int capacity, TimeProvider time)
    {
        _failuresBeforeDelay = failuresBeforeDelay;
        _firstDelay = firstDelay;
        _maxDelay = maxDelay;
        _forgetAfter = forgetAfter;
        _time = time;
        // When full, the keys that wait longest (most failures) are the last to be forgotten.
        _entries = new CappedTable<Entry>(capacity, IsForgotten, e => e.WaitUntil);
    }

    private readonly record struct Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset WaitUntil);

    /// <summary>Keys remembered right now (never more than the capacity).</summary>
    public int Count { get { lock (_lock) return _entries.Count; } }

    /// <summary>How long the key still has to wait (zero: it may try now).</summary>
    public TimeSpan WaitFor(string key)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
            return _entries.TryGet(key, out var entry) && entry.WaitUntil > now ? entry.WaitUntil - now : TimeSpan.Zero;
    }

    /// <summary>Counts a failure; returns how long the key now has to wait.</summary>
    public TimeSpan Fail(string key)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var failures = _entries.TryGet(key, out var entry) && !IsForgotten(entry, now) ? entry.Failures + 1 : 1;
            var wait = failures >= _failuresBeforeDelay ? DelayAfter(failures) : TimeSpan.Zero;
            _entries.Set(key, new Entry(failures, now, now + wait), now);
            return wait;
        }
    }

    public void Forget(string key)
    {
        lock (_lock) _entries.Remove(key);
    }

    private TimeSpan DelayAfter(int failures)
    {
        var doublings = Math.Min(failures - _failuresBeforeDelay, 30);   // 2^30 s is decades: no overflow, always capped
        var delay = _firstDelay * Math.Pow(2, doublings);
        return delay < _maxDelay ? delay : _maxDelay;
    }

    private bool IsForgotten(Entry entry, DateTimeOffset now) => entry.WaitUntil <= now && now - entry.LastFailure >= _forgetAfter;
}
