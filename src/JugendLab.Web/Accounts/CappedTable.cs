namespace JugendLab.Web.Accounts;

/// <summary>
/// A dictionary that never holds more than its capacity, so an attacker who invents new account names or addresses
/// cannot grow it without end. When full, it first drops stale entries, then keeps the higher-ranked half.
/// Not thread-safe: its owner locks.
/// </summary>
internal sealed class CappedTable<T>(int capacity, Func<T, DateTimeOffset, bool> isStale, Func<T, DateTimeOffset> rank)
{
    private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string key, out T value) => _entries.TryGetValue(key, out value!);

    public void Set(string key, T value, DateTimeOffset now)
    {
        if (!_entries.ContainsKey(key) && _entries.Count >= capacity) Trim(now);
        _entries[key] = value;
    }

    public void Remove(string key) => _entries.Remove(key);

    /// <summary>Halving (not evicting one by one) keeps the cost per insert small even when a flood fills the table.</summary>
    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, value) in _entries.ToList())
            if (isStale(value, now)) _entries.Remove(key);
        if (_entries.Count < capacity) return;
        var kept = _entries.OrderByDescending(e => rank(e.Value)).Take(capacity / 2).ToList();
        _entries.Clear();
        foreach (var (key, value) in kept) _entries[key] = value;
    }
}
