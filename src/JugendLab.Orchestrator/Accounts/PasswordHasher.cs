using System.Threading.RateLimiting;
using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Accounts;

/// <summary>
/// Runs the deliberately slow password hashing (PBKDF2, <see cref="Secrets"/>) on a small pool: at most
/// <see cref="SignInOptions.HashWorkers"/> at once, a bounded queue and a bounded wait. However many sign-ins arrive,
/// the other cores stay free for the gateway and the API (issue 9: guessing once took a neighbour from 13,000 to 7 req/s).
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(2);
    private readonly ConcurrencyLimiter _pool;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    // Checked against when the account does not exist, so the answer takes as long as for a real one:
    // the timing does not tell a guesser which names exist.
    private readonly Lazy<string> _decoy = new(() => Secrets.HashPassword(Secrets.NewPassword()));

    public PasswordHasher(IOptions<SignInOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _pool = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.HashWorkers,
            QueueLimit = o.HashQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timeout = o.HashQueueTimeout;
        _time = time;
    }

    /// <summary>Checks a password against its stored hash (none: the account does not exist, and the answer is false
    /// after the same work). Throws <see cref="HashingBusyException"/> when no hasher is free in time.</summary>
    public Task<bool> VerifyAsync(string password, string? stored, CancellationToken ct) =>
        RunAsync(() => Secrets.VerifyPassword(password, stored ?? _decoy.Value) && stored is not null, ct);

    /// <summary>Hashes a new password. Throws <see cref="HashingBusyException"/> when no hasher is free in time.</summary>
    public Task<string> HashAsync(string password, CancellationToken ct) =>
        RunAsync(() => Secrets.HashPassword(password), ct);

    private async Task<T> RunAsync<T>(Func<T> hash, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        RateLimitLease lease;
        try
        {
            lease = await _pool.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new HashingBusyException(BusyRetryAfter);
        }
        using (lease)
        {
            // Queue full: answer at once rather than pile up waiting requests.
            if (!lease.IsAcquired) throw new HashingBusyException(BusyRetryAfter);
            // Synchronous on purpose: the pool already bounds how many threads do this, and a hash takes only tens of ms.
            return hash();
        }
    }

    public void Dispose() => _pool.Dispose();
}

/// <summary>Every password hasher is busy: the caller should try again after <see cref="RetryAfter"/> (or use a token).</summary>
public sealed class HashingBusyException(TimeSpan retryAfter)
    : Exception("All password hashers are busy; try again shortly or sign in with a token.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
