namespace JugendLab.Orchestrator.Configuration;

/// <summary>
/// How hard password guessing is made (issue 9): growing delays after failed sign-ins, per account and per address,
/// and a small pool for the deliberately slow password hashing, so guessing can never starve the gateway.
/// Tokens are not affected: they are random and cheap to check.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "JugendLab:SignIn";

    /// <summary>Wrong passwords for one account before each further attempt has to wait.</summary>
    public int AccountFailuresBeforeDelay { get; set; } = 5;

    /// <summary>Failed sign-ins from one address before its password attempts have to wait. Higher than per account:
    /// a youth centre's whole Wi-Fi shares one address.</summary>
    public int AddressFailuresBeforeDelay { get; set; } = 20;

    /// <summary>The first wait; it doubles with every further failure, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten after this long without a new one (longer than <see cref="MaxDelay"/>,
    /// or a patient guesser would start from zero every time).</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Accounts (and, separately, addresses) remembered at most; beyond it the oldest are forgotten first.</summary>
    public int MaxTracked { get; set; } = 10_000;

    /// <summary>How long an account that signed in from an address is not held back by that address's failures.</summary>
    public TimeSpan KnownAddressFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A refused attempt is answered after this pause (capped by the wait), so a flood of guesses costs
    /// the server a timer, not CPU: every connection gets one answer per pause.</summary>
    public TimeSpan RefusalPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Password checks from one address at the same time, so one address cannot take every hasher.</summary>
    public int ChecksPerAddress { get; set; } = 2;

    /// <summary>Password checks from one address waiting for their turn; beyond it they get 429 at once. Generous: a
    /// script (or a test run) that sends ten requests at once with a password waits rather than fails.</summary>
    public int QueuedChecksPerAddress { get; set; } = 32;

    /// <summary>Password hashes computed at the same time; 0 means half the cores (at least 1).</summary>
    public int ConcurrentHashes { get; set; }

    /// <summary>Password checks waiting for a free hasher at most; beyond it the platform answers 503.</summary>
    public int HashQueueLimit { get; set; } = 32;

    /// <summary>How long a password check may wait for a free hasher.</summary>
    public TimeSpan HashQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Reverse proxies (exact addresses) whose X-Forwarded-For names the client. Empty: the connection's
    /// own address counts, and X-Forwarded-For is ignored (anyone can write it).</summary>
    public string[] TrustedProxies { get; set; } = [];

    public int HashWorkers => ConcurrentHashes > 0 ? ConcurrentHashes : Math.Max(1, Environment.ProcessorCount / 2);

    public bool IsValid() =>
        AccountFailuresBeforeDelay >= 1 && AddressFailuresBeforeDelay >= 1 && FirstDelay > TimeSpan.Zero
        && MaxDelay >= FirstDelay && ForgetAfter > MaxDelay && MaxTracked >= 10 && RefusalPause >= TimeSpan.Zero
        && ChecksPerAddress >= 1 && QueuedChecksPerAddress >= 0 && ConcurrentHashes >= 0 && HashQueueLimit >= 0 && HashQueueTimeout > TimeSpan.Zero
        && TrustedProxies.All(p => System.Net.IPAddress.TryParse(p, out _));
}
