namespace JugendLab.Orchestrator.Configuration;

/// <summary>Limits for one build. A runaway build must never freeze the box the neighbourhood's chat runs on.</summary>
public sealed class BuildOptions
{
    public const string Section = "JugendLab:Build";

    public int MemoryMb { get; set; } = 1024;
    public double Cpus { get; set; } = 1.0;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Processes and threads one build may run at once (a fork bomb in a RUN step stops here).</summary>
    public int PidsLimit { get; set; } = 512;

    /// <summary>Largest build context (the repository's files) accepted.</summary>
    public int MaxContextMb { get; set; } = 200;

    /// <summary>Largest push accepted by the git endpoint.</summary>
    public int MaxPushMb { get; set; } = 100;

    /// <summary>Whether "deploy from a git URL" may clone from loopback or private addresses (the box's own LAN).
    /// Off: a youth must not make the platform fetch from the neighbourhood's internal services. Tests switch it on.</summary>
    public bool AllowPrivateGitHosts { get; set; }

    /// <summary>npm registry passed into node builds, so a box with a local mirror uses it. Empty: the image's default.</summary>
    public string NpmRegistry { get; set; } = "";

    /// <summary>pip package index passed into python builds. Empty: pip's default.</summary>
    public string PipIndexUrl { get; set; } = "";

    /// <summary>Largest repository on disk: all branches and tags together, including the objects of the push being
    /// received. A push that would take it over is refused, whatever branch it goes to.</summary>
    public int MaxRepositoryMb { get; set; } = 200;

    /// <summary>Largest image a build may produce (base image included, as <c>docker images</c> shows it).</summary>
    public int MaxImageMb { get; set; } = 1500;

    /// <summary>Largest build log. A build that writes more is almost always a runaway loop: the log is cut and the build stopped.</summary>
    public int MaxLogMb { get; set; } = 5;

    /// <summary><see cref="MaxLogMb"/> in bytes, as <see cref="Deployments.DeployLog"/> takes it.</summary>
    public long MaxLogBytes => MaxLogMb * 1024L * 1024L;
}
