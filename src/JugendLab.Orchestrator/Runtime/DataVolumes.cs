using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// A project's /data with a hard size limit: an ext4 image file in the data directory, attached to a loop device and
/// mounted by the engine as a local volume. A running app that writes past its team's disk quota gets "no space left
/// on device" instead of filling the disk everyone shares. Without root or the tools, /data falls back to a plain
/// (unlimited) volume, held only by the deploy-time check.
/// </summary>
public sealed class DataVolumes(
    IContainerRuntime runtime,
    LoopDevices loops,
    ResourceNames names,
    IOptions<OrchestratorOptions> options,
    IOptions<RuntimeOptions> runtimeOptions,
    ILogger<DataVolumes> logger)
{
    /// <summary>The smallest image: ext4 with a journal needs about 2 MB for itself. A smaller quota still holds at deploy.</summary>
    public const int MinimumMb = 8;

    // Warn once per process, not on every reconcile pass.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _warned = new();

    // The device each project's engine volume was last seen to mount: a reconcile pass asks the engine again only
    // when the file's device changed (after a reboot), not for every project on every pass.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _mounts = new();

    /// <summary>Size of the image file for a quota of <paramref name="diskMb"/> per project.</summary>
    public static long ImageBytes(int diskMb) => Math.Max(diskMb, MinimumMb) * 1024L * 1024L;

    public string ImagePath(int projectId) => Path.GetFullPath(Path.Combine(options.Value.VolumesDirectory, $"{projectId}.ext4"));

    /// <summary>Before a container starts: the image exists, is attached, and the engine's volume mounts its device.</summary>
    public async Task EnsureAsync(int teamId, int projectId, int diskMb, CancellationToken ct)
    {
        var name = names.Volume(projectId);
        var labels = names.Labels(teamId, projectId);
        if (!loops.IsSupported)
        {
            WarnOnce("unsupported", "Not root, or losetup/mkfs.ext4/resize2fs missing: project /data volumes have NO size limit while apps run (only the deploy-time check)");
            await runtime.EnsureVolumeAsync(name, labels, runtimeOptions.Value.User, ct);
            return;
        }
        var volume = await runtime.InspectVolumeAsync(name, ct);
        if (volume is { Device: null })
        {
            // Made before /data had a size limit: it keeps working, held by the deploy-time check (docs/operations.md tells how to move it).
            WarnOnce(name, "Volume {Volume} is a plain volume from before size-limited /data: no hard limit while its app runs", name);
            return;
        }
        var image = ImagePath(projectId);
        // A new filesystem belongs to the app user from the start: its volume then needs no helper container to hand
        // it over, which saves the first deploy of every project about half a second. Images made before that (their
        // root was the engine's) keep the helper.
        var ownedByApp = false;
        if (!File.Exists(image))
        {
            var engineRoot = await runtime.EngineRootOwnerAsync(ct);
            var appOnHost = LoopCommands.HostIds(runtimeOptions.Value.User, engineRoot);
            await loops.CreateImageAsync(image, ImageBytes(diskMb), appOnHost ?? engineRoot, ct);
            ownedByApp = appOnHost is not null;
        }
        var device = await loops.AttachAsync(image, ct);
        if (volume?.Device == device)
        {
            _mounts[projectId] = device;
            return;
        }
        if (volume is not null)
        {
            // After a reboot the loop numbers are handed out anew: the old volume names a device that is gone or now
            // serves another file. It has no containers now (they would not start), so it can be made again.
            logger.LogInformation("Volume {Volume} named {Old}; its image is now on {New}: recreating the volume", name, volume.Device, device);
            await runtime.RemoveVolumeAsync(name, ct);
        }
        await runtime.EnsureVolumeAsync(name, labels, ownedByApp ? null : runtimeOptions.Value.User, LoopCommands.VolumeOptions(device), ct);
        _mounts[projectId] = device;
    }

    /// <summary>
    /// One reconcile pass for a project that has an image: re-attach it after a reboot (removing the project's stopped
    /// containers, which name the old device) and grow it to a raised quota. Returns true when it removed containers,
    /// which the reconciler then starts again from the live deployment.
    /// </summary>
    public async Task<bool> ReconcileAsync(int teamId, int projectId, int diskMb, IReadOnlyList<ManagedContainer> containers, CancellationToken ct)
    {
        var image = ImagePath(projectId);
        if (!loops.IsSupported || !File.Exists(image)) return false;
        var removed = false;
        var device = loops.DeviceFor(image);
        if (device is null || !await MountsAsync(projectId, device, ct))
        {
            if (containers.Any(c => c.Running)) return false; // something still mounts it; never pull a volume from under an app
            removed = await RemoveAsync(containers, ct);
            await EnsureAsync(teamId, projectId, diskMb, ct);
            device = loops.DeviceFor(image)!;
        }
        var wanted = ImageBytes(diskMb);
        if (new FileInfo(image).Length >= wanted && !loops.IsGrowing(image)) return removed;

        // Lowering the quota never shrinks the image (ext4 cannot shrink while mounted, and data may not fit): the lower
        // number holds at the next deploy. Growing works online where root has CAP_SYS_RESOURCE; where it has not,
        // the app stops for a moment, its filesystem grows unmounted, and the reconciler starts it again.
        var target = Math.Max(wanted, new FileInfo(image).Length);
        if (await loops.GrowAsync(image, device, target, ct))
        {
            logger.LogInformation("Grew /data of project {ProjectId} to {Mb} MB", projectId, target / (1024 * 1024));
            return removed;
        }
        logger.LogInformation("Restarting project {ProjectId} to grow its /data to {Mb} MB (the kernel refused to grow it while mounted)",
            projectId, target / (1024 * 1024));
        removed |= await RemoveAsync(containers, ct);
        if (loops.IsMounted(device)) return removed; // a container we do not know of holds it; the next pass tries again
        await loops.GrowAsync(image, device, target, ct);
        logger.LogInformation("Grew /data of project {ProjectId} to {Mb} MB", projectId, target / (1024 * 1024));
        return removed;
    }

    private async Task<bool> MountsAsync(int projectId, string device, CancellationToken ct)
    {
        if (_mounts.TryGetValue(projectId, out var known) && known == device) return true;
        if ((await runtime.InspectVolumeAsync(names.Volume(projectId), ct))?.Device != device) return false;
        _mounts[projectId] = device;
        return true;
    }

    /// <summary>Deletes a project's /data for good: the engine's volume, the loop device and the image file.</summary>
    public async Task DeleteAsync(int projectId, CancellationToken ct)
    {
        _mounts.TryRemove(projectId, out _);
        await runtime.RemoveVolumeAsync(names.Volume(projectId), ct);
        if (loops.IsSupported) await loops.DetachAndDeleteAsync(ImagePath(projectId), ct);
    }

    private async Task<bool> RemoveAsync(IReadOnlyList<ManagedContainer> containers, CancellationToken ct)
    {
        foreach (var container in containers) await runtime.RemoveAsync(container.Name, runtimeOptions.Value.StopTimeout, ct);
        return containers.Count > 0;
    }

    private void WarnOnce(string key, string message, params object?[] args)
    {
        if (_warned.TryAdd(key, true)) logger.LogWarning(message, args);
    }
}
