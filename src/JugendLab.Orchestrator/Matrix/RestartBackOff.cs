namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// When to try starting a service again after it went down: at once the first time, then 5 s after it, 10 s after the second, 20 s …
/// up to 5 minutes, so a service that cannot start does not keep the box busy. Healthy again resets it.
/// </summary>
public sealed class RestartBackOff(TimeProvider time)
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    private int _attempts;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public int Attempts => _attempts;

    /// <summary>True when a start may be tried now; it then counts as an attempt.</summary>
    public bool TryAttempt()
    {
        var now = time.GetUtcNow();
        if (now < _notBefore) return false;
        _attempts++;
        _notBefore = now + TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(_attempts - 1, 16)));
        return true;
    }

    public void Succeeded()
    {
        _attempts = 0;
        _notBefore = DateTimeOffset.MinValue;
    }
}
