namespace JugendLab.Orchestrator.Runtime;

/// <summary>Everything the engine needs to start one project container. The sandbox rules are fields here, set in one place: <see cref="Sandbox"/>.</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string Network { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public string? DataVolume { get; init; }
    public required string User { get; init; }
    public required int Port { get; init; }
    public required long MemoryBytes { get; init; }
    public required long NanoCpus { get; init; }
    public required long PidsLimit { get; init; }
    public required int TmpSizeMb { get; init; }
    public required int MaxRestarts { get; init; }
    public required string LogMaxSize { get; init; }
    public required int LogMaxFiles { get; init; }
}

/// <summary>The engine's view of a platform container.</summary>
public sealed record ManagedContainer(
    string Id,
    string Name,
    string Image,
    int? TeamId,
    int? ProjectId,
    int? DeploymentId,
    bool Running,
    bool Restarting,
    int RestartCount,
    bool OomKilled,
    long ExitCode,
    string? IpAddress);

/// <summary>One image the platform built for a project, found by its name <c>jugendlab-&lt;instance&gt;/&lt;slug&gt;:&lt;deployment&gt;</c>.</summary>
public sealed record ManagedImage(string Id, string ProjectSlug, int DeploymentId, DateTime Created);

/// <summary>CPU and memory use of a container at one moment.</summary>
public sealed record ContainerUsage(double CpuPercent, long MemoryBytes, long MemoryLimitBytes);

/// <summary>What to build: a tar of the files, which Dockerfile in it, the tag, and the limits.</summary>
public sealed record ImageBuild(
    Stream Context,
    string Dockerfile,
    string Tag,
    string Network,
    IReadOnlyDictionary<string, string> BuildArgs,
    long MemoryBytes,
    double Cpus,
    string? CgroupParent = null);

/// <summary>How a build ended. <see cref="Error"/> is the engine's message when it failed.</summary>
public sealed record BuildResult(bool Succeeded, string? Error)
{
    public static readonly BuildResult Success = new(true, null);
    public static BuildResult Failure(string error) => new(false, error);
}
