namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// The command lines behind a project's size-limited /data: an ext4 filesystem in an image file, attached to a loop
/// device (FACTS.md: "Hard disk limits for a volume work with loop devices"). Pure, so the tests can read them.
/// </summary>
public static class LoopCommands
{
    /// <summary>
    /// No blocks reserved for root (the app never runs as root, so reserved blocks would only hide space from it);
    /// the root directory belongs to the engine's root, which may be remapped (userns-remap), so the chown helper
    /// container can hand it on to the app user.
    /// </summary>
    public static CommandLine MakeFilesystem(string image, string rootOwner) =>
        new("mkfs.ext4", ["-q", "-F", "-m", "0", "-E", $"root_owner={rootOwner}", image]);

    public static CommandLine Attach(string image) => new("losetup", ["--find", "--show", image]);

    /// <summary>Tells the loop device that its image file grew.</summary>
    public static CommandLine RefreshSize(string device) => new("losetup", ["--set-capacity", device]);

    public static CommandLine Detach(string device) => new("losetup", ["--detach", device]);

    /// <summary>Grows the filesystem to the device's size (online when mounted, which needs CAP_SYS_RESOURCE).</summary>
    public static CommandLine Grow(string device) => new("resize2fs", [device]);

    /// <summary>resize2fs refuses an unmounted filesystem that was mounted since its last check.</summary>
    public static CommandLine Check(string device) => new("e2fsck", ["-f", "-p", device]);

    /// <summary>Engine options for a local volume that mounts the device (<c>o=loop</c> with a file path does NOT work: FACTS.md).
    /// <c>discard</c> gives the host back the space of deleted files, as the image file is sparse.</summary>
    public static Dictionary<string, string> VolumeOptions(string device) =>
        new() { ["type"] = "ext4", ["device"] = device, ["o"] = "discard" };

    /// <summary>The loop device (e.g. /dev/loop3) whose sysfs backing_file names <paramref name="image"/>, among (device, backing file) pairs.</summary>
    public static string? DeviceFor(string image, IEnumerable<(string Device, string BackingFile)> loops) =>
        loops.Where(l => l.BackingFile == image).Select(l => l.Device).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Whether /proc/mounts (its text) mounts <paramref name="device"/> anywhere.</summary>
    public static bool IsMounted(string device, string procMounts) =>
        procMounts.Split('\n').Any(line => line.Split(' ', 2)[0] == device);
}
