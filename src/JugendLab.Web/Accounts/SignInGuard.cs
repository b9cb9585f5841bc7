using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Accounts;

/// <summary>
/// Stands before every password check (issue 9): an account or an address that failed too often waits, growing with each
/// failure, and its attempts are refused WITHOUT hashing; one address gets only a few checks at once. Tokens pass
/// untouched (they are random and cheap to check); a wrong token counts as a failure of its address.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    private const int MaxAccountKeyLength = 100;
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;
    private readonly FailureTracker _accounts;
    private readonly FailureTracker _addresses;
    private readonly KnownSignIns _known;
    private readonly PartitionedRateLimiter<string> _checksPerAddress;
    private readonly HashSet<IPAddress> _trustedProxies;

    public SignInGuard(IOptions<SignInOptions> options, TimeProvider time)
    {
        var o = _options = options.Value;
        _time = time;
        _accounts = new FailureTracker(o.AccountFailuresBeforeDelay, o.FirstDelay, o.MaxDelay, o.ForgetAfter, o.MaxTracked, time);
        _addresses = new FailureTracker(o.AddressFailuresBeforeDelay, o.FirstDelay, o.MaxDelay, o.ForgetAfter, o.MaxTracked, time);
        _known = new KnownSignIns(o.KnownAddressFor, o.MaxTracked, time);
        // The framework drops an address's limiter after it has been idle for a few seconds, so this stays small too.
        _checksPerAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetConcurrencyLimiter(address,
            _ => new ConcurrencyLimiterOptions { PermitLimit = o.ChecksPerAddress, QueueLimit = o.QueuedChecksPerAddress }));
        _trustedProxies = o.TrustedProxies.Select(IPAddress.Parse).ToHashSet();
    }

    /// <summary>Signs in with a password through <paramref name="check"/>, unless the account or the address has to wait.</summary>
    public async Task<SignInOutcome> SignInWithPasswordAsync(string account, string address, Func<CancellationToken, Task<Actor?>> check,
        CancellationToken ct)
    {
        account = account.Length > MaxAccountKeyLength ? account[..MaxAccountKeyLength] : account;
        if (WaitFor(account, address) is { } wait) return await RefuseAsync(RefusalReason.TooManyFailures, wait, ct);

        (RefusalReason Reason, TimeSpan Wait) refusal;
        using (var lease = await _checksPerAddress.AcquireAsync(address, 1, ct))
        {
            if (!lease.IsAcquired) refusal = (RefusalReason.TooManyAtOnce, TimeSpan.FromSeconds(1));
            // Again: attempts that queued behind the failure that started a wait must not be hashed either.
            else if (WaitFor(account, address) is { } waitNow) refusal = (RefusalReason.TooManyFailures, waitNow);
            else return await CheckAsync(account, address, check, ct);
        }
        // The pause comes after the lease is given back: a refused guess must not keep the address's turn.
        return await RefuseAsync(refusal.Reason, refusal.Wait, ct);
    }

    private async Task<SignInOutcome> CheckAsync(string account, string address, Func<CancellationToken, Task<Actor?>> check,
        CancellationToken ct)
    {
        Actor? actor;
        try
        {
            actor = await check(ct);
        }
        catch (HashingBusyException busy)
        {
            return new SignInOutcome(null, new SignInRefusal(RefusalReason.Busy, _time.GetUtcNow() + busy.RetryAfter));
        }
        if (actor is null)
        {
            _accounts.Fail(account);
            _addresses.Fail(address);
            return SignInOutcome.WrongPassword;
        }
        // Only the account's count starts over: one good account must not wipe out its address's failures.
        _accounts.Forget(account);
        _known.Remember(address, account);
        return new SignInOutcome(actor, null);
    }

    /// <summary>A wrong token: it costs nothing to check, but an address that sends them is not trusted with passwords.</summary>
    public void TokenFailed(string address) => _addresses.Fail(address);

    /// <summary>The address limits count: the connection's own, or what a configured reverse proxy says in X-Forwarded-For.
    /// IPv6 counts per /64, the block one household or one server gets.</summary>
    public string AddressOf(HttpContext http) => Key(ClientAddress(http));

    /// <summary>The client's address: the connection's own, or what a configured reverse proxy says in X-Forwarded-For.</summary>
    public IPAddress? ClientAddress(HttpContext http) => Gateway.Routing.ClientAddresses.Of(http, _trustedProxies);

    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private TimeSpan? WaitFor(string account, string address)
    {
        var wait = _accounts.WaitFor(account);
        if (!_known.Knows(address, account))
        {
            var addressWait = _addresses.WaitFor(address);
            if (addressWait > wait) wait = addressWait;
        }
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>
    /// Answers after a pause (a timer, no CPU): a guesser's connection gets one answer per pause instead of thousands,
    /// so even a flood of refused guesses costs the server almost nothing. A person waits one second longer for a 429.
    /// </summary>
    private async Task<SignInOutcome> RefuseAsync(RefusalReason reason, TimeSpan wait, CancellationToken ct)
    {
        var tryAgainAt = _time.GetUtcNow() + wait;
        var pause = wait < _options.RefusalPause ? wait : _options.RefusalPause;
        try
        {
            if (pause > TimeSpan.Zero) await Task.Delay(pause, _time, ct);
        }
        catch (OperationCanceledException) { }   // the guesser hung up; nobody reads the answer
        return new SignInOutcome(null, new SignInRefusal(reason, tryAgainAt));
    }

    public void Dispose() => _checksPerAddress.Dispose();
}
