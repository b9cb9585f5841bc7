namespace JugendLab.Orchestrator.Configuration;

/// <summary>How project containers run: hardening that is not part of a team's quota.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "JugendLab:Runtime";

    /// <summary>The uid:gid every project process runs as; the sandbox images own /data for it.</summary>
    public string User { get; set; } = "10001:10001";

    public int PidsLimit { get; set; } = 256;
    public int TmpSizeMb { get; set; } = 64;
    public string LogMaxSize { get; set; } = "10m";
    public int LogMaxFiles { get; set; } = 3;

    /// <summary>Port every app listens on inside its container (also given to it as PORT).</summary>
    public int AppPort { get; set; } = 8080;

    /// <summary>How long a new container may take to answer HTTP before the deploy fails.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the old container keeps serving requests that are already under way after the route switched.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Grace period between SIGTERM and SIGKILL when a container stops.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Crashes the engine restarts (with growing back-off) before the project counts as crashed.</summary>
    public int MaxRestarts { get; set; } = 5;

    /// <summary>Image used for small housekeeping containers (setting /data ownership).</summary>
    public string HelperImage { get; set; } = "jugendlab/debian:bookworm";
}
