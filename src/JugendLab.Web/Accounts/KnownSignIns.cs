namespace JugendLab.Web.Accounts;

/// <summary>
/// Which account recently signed in from which address. An address that fails too often (a guesser, or one kid in a
/// youth centre's shared Wi-Fi) does not hold back the accounts that already signed in from it; only new ones wait.
/// </summary>
public sealed class KnownSignIns
{
    private readonly TimeSpan _rememberFor;
    private readonly TimeProvider _time;
    private readonly CappedTable<DateTimeOffset> _lastSuccess;
    private readonly Lock _lock = new();

    public KnownSignIns(TimeSpan rememberFor, int capacity, TimeProvider time)
    {
        _rememberFor = rememberFor;
        _time = time;
        _lastSuccess = new CappedTable<DateTimeOffset>(capacity, IsStale, last => last);
    }

    public int Count { get { lock (_lock) return _lastSuccess.Count; } }

    public void Remember(string address, string account)
    {
        var now = _time.GetUtcNow();
        lock (_lock) _lastSuccess.Set(Key(address, account), now, now);
    }

    public bool Knows(string address, string account)
    {
        var now = _time.GetUtcNow();
        lock (_lock) return _lastSuccess.TryGet(Key(address, account), out var last) && !IsStale(last, now);
    }

    private bool IsStale(DateTimeOffset last, DateTimeOffset now) => now - last >= _rememberFor;

    private static string Key(string address, string account) => $"{address} {account}";
}
