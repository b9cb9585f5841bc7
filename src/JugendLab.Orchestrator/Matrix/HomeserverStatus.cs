namespace JugendLab.Orchestrator.Matrix;

public enum HomeserverState
{
    /// <summary>Matrix is switched off in the configuration.</summary>
    Off,
    /// <summary>The platform uses a homeserver someone else runs.</summary>
    Existing,
    /// <summary>The containers are being made or the homeserver is not answering yet.</summary>
    Starting,
    /// <summary>The homeserver answers its health check.</summary>
    Ready,
    /// <summary>It cannot run; <see cref="HomeserverStatus.Problem"/> says why and what to do.</summary>
    Down,
}

/// <summary>How the homeserver is doing, in words an admin can act on.</summary>
/// <param name="Problem">Why it does not run, in English (the log's language).</param>
/// <param name="ProblemGerman">The same in German, for the mentors' page; null where <paramref name="Problem"/> is only a state in passing.</param>
public sealed record HomeserverStatus(HomeserverState State, string? Problem = null, DateTimeOffset? ReadySince = null, string? ProblemGerman = null);
