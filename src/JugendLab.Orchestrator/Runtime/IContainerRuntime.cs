namespace JugendLab.Orchestrator.Runtime;

/// <summary>The small part of a container engine the platform needs. Implemented with Docker.DotNet by <see cref="DockerContainerRuntime"/>.</summary>
public interface IContainerRuntime
{
    /// <summary>Fails with a message that says how to start the engine when it cannot be reached.</summary>
    Task EnsureReachableAsync(CancellationToken ct);

    /// <summary>Creates the team's own bridge network when missing, with a free subnet from the platform's pool;
    /// containers of other teams cannot reach it.</summary>
    Task EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    /// <summary>Creates a project's persistent volume when missing, owned by <paramref name="owner"/> (uid:gid).</summary>
    Task EnsureVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, string owner, CancellationToken ct);

    /// <summary>Builds an image; every line of build output goes to <paramref name="log"/> as it arrives.</summary>
    Task<BuildResult> BuildImageAsync(ImageBuild build, Action<string> log, CancellationToken ct);

    Task<bool> ImageExistsAsync(string image, CancellationToken ct);

    /// <summary>Bytes stored in a volume; 0 when it does not exist yet; null when the platform cannot read it (not root).</summary>
    Task<long?> VolumeSizeAsync(string name, CancellationToken ct);

    /// <summary>Creates and starts a container; returns it with its address on its network.</summary>
    Task<ManagedContainer> RunAsync(ContainerSpec spec, CancellationToken ct);

    /// <summary>Starts an existing stopped container again.</summary>
    Task<ManagedContainer?> StartAsync(string name, CancellationToken ct);

    Task<ManagedContainer?> InspectAsync(string name, CancellationToken ct);

    /// <summary>
    /// The containers of one project (or, with null, all) that carry this platform's labels, running or not. Restart
    /// count, exit code and out-of-memory kill are read for containers that are not running only (0 and false otherwise).
    /// </summary>
    Task<IReadOnlyList<ManagedContainer>> ListAsync(int? projectId, CancellationToken ct);

    /// <summary>Stops (SIGTERM, then SIGKILL after <paramref name="grace"/>) and removes a container; no error when it is gone.</summary>
    Task RemoveAsync(string name, TimeSpan grace, CancellationToken ct);

    /// <summary>The last lines a container wrote to stdout and stderr.</summary>
    Task<string> TailLogsAsync(string name, int lines, CancellationToken ct);

    Task<IReadOnlyList<ManagedImage>> ListImagesAsync(CancellationToken ct);

    Task RemoveImageAsync(string id, CancellationToken ct);

    Task<ContainerUsage?> SampleAsync(string name, CancellationToken ct);

    /// <summary>The engine's cgroup driver ("cgroupfs" or "systemd"); builds get their own control group only with cgroupfs.</summary>
    Task<string?> CgroupDriverAsync(CancellationToken ct);

    /// <summary>Like <see cref="EnsureVolumeAsync(string, IReadOnlyDictionary{string, string}, string, CancellationToken)"/>,
    /// with options for the engine's local volume driver (e.g. a device to mount). A null <paramref name="owner"/>: the
    /// volume's filesystem already belongs to the app user, so no helper container hands it over.</summary>
    Task EnsureVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, string? owner,
        IReadOnlyDictionary<string, string> driverOptions, CancellationToken ct);

    /// <summary>A volume and the device it mounts (null for a plain volume); null when there is no such volume.</summary>
    Task<VolumeInfo?> InspectVolumeAsync(string name, CancellationToken ct);

    /// <summary>Removes a volume no container uses; no error when it is gone.</summary>
    Task RemoveVolumeAsync(string name, CancellationToken ct);

    /// <summary>The host uid:gid that root in a container is ("0:0", or e.g. "100000:100000" with userns-remap).</summary>
    Task<string> EngineRootOwnerAsync(CancellationToken ct);

    /// <summary>This platform's team networks that no container names, running or not (a hint: check again before removing).</summary>
    Task<IReadOnlyList<ManagedNetwork>> ListIdleNetworksAsync(CancellationToken ct);

    /// <summary>Removes a network no container is attached to, running or not; false (and nothing removed) when one is.</summary>
    Task<bool> RemoveNetworkIfUnusedAsync(ManagedNetwork network, CancellationToken ct);

    /// <summary>The image's size in bytes as <c>docker images</c> shows it (base layers included); null when it does not exist.</summary>
    Task<long?> ImageSizeAsync(string image, CancellationToken ct);

    /// <summary>
    /// Removes dangling images (untagged leaves: the layers failed builds leave behind) created before
    /// <paramref name="createdBefore"/>, engine-wide, as <c>docker image prune</c> does; images a container uses stay.
    /// Returns how many were removed.
    /// </summary>
    Task<int> PruneDanglingImagesAsync(DateTimeOffset createdBefore, CancellationToken ct);

    /// <summary>Volumes no container (running or not) uses, engine-wide. Choose carefully what to remove from this list.</summary>
    Task<IReadOnlyList<EngineVolume>> ListDanglingVolumesAsync(CancellationToken ct);

    /// <summary>
    /// A container's log, stdout and stderr apart, each line with the engine's timestamp: the last lines, then (with
    /// <see cref="ContainerLogQuery.Follow"/>) new ones as they come, until the container stops or <paramref name="ct"/>
    /// ends it. Lines are cut at <see cref="LogLineSplitter.MaxLineChars"/>. Nothing when the container does not exist.
    /// </summary>
    IAsyncEnumerable<ContainerLogLine> ReadLogsAsync(string name, ContainerLogQuery query, CancellationToken ct);
}

/// <summary>A volume in the engine; <see cref="Device"/> is set when it mounts a block device (a size-limited /data).</summary>
public sealed record VolumeInfo(string Name, string? Device);

/// <summary>A volume as the engine lists it.</summary>
public sealed record EngineVolume(string Name, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? CreatedAt);
