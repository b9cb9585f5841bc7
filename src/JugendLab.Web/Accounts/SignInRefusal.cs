namespace JugendLab.Web.Accounts;

/// <summary>Why a password sign-in was not even checked.</summary>
public enum RefusalReason
{
    /// <summary>Too many failures for this account or from this address: wait, growing with each failure (429).</summary>
    TooManyFailures,
    /// <summary>Too many password checks from this address at the same time (429).</summary>
    TooManyAtOnce,
    /// <summary>Every password hasher is busy (503).</summary>
    Busy,
}

/// <summary>A sign-in that was answered without checking the password, and from when on it may be tried again.</summary>
public sealed record SignInRefusal(RefusalReason Reason, DateTimeOffset TryAgainAt)
{
    public int Status => Reason == RefusalReason.Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;

    /// <summary>Whole seconds until <see cref="TryAgainAt"/>, at least 1 (the value of Retry-After).</summary>
    public int RetryAfterSeconds(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((TryAgainAt - now).TotalSeconds));
}

/// <summary>The result of a password sign-in: the person, or nobody (wrong name or password), or a refusal.</summary>
public sealed record SignInOutcome(Orchestrator.Accounts.Actor? Actor, SignInRefusal? Refusal)
{
    public static readonly SignInOutcome WrongPassword = new(null, null);
}
