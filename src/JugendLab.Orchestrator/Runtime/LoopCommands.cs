namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// The command lines behind a project's size-limited /data: an ext4 filesystem in an image file, attached to a loop
/// device (FACTS.md: "Hard disk limits for a volume work with loop devices"). Pure, so the tests can read them.
/// </summary>
public static class LoopCommands
{
    /// <summary>
    /// No blocks reserved for root (the app never runs as root, so reserved blocks would only hide space from it);
    /// the root directory belongs to the app user from the start (<paramref name="rootOwner"/>: its ids as the host
    /// sees them, see <see cref="HostIds"/>), so no helper container has to hand /data over before the app starts.
    /// </summary>
    public static CommandLine MakeFilesystem(string image, string rootOwner) =>
        new("mkfs.ext4", ["-q", "-F", "-m", "0", "-E", $"root_owner={rootOwner}", image]);

    /// <summary>
    /// The host's uid:gid for a container's <paramref name="containerUser"/> ("10001:10001"), given what container root
    /// is on the host (<paramref name="engineRoot"/>: "0:0", or e.g. "100000:100000" with userns-remap, which maps
    /// container id n to host id base + n). Null when the user is not in numeric uid:gid form.
    /// </summary>
    public static string? HostIds(string containerUser, string engineRoot)
    {
        var user = containerUser.Split(':');
        var root = engineRoot.Split(':');
        if (user.Length != 2 || root.Length != 2
            || !long.TryParse(user[0], out var uid) || !long.TryParse(user[1], out var gid)
            || !long.TryParse(root[0], out var rootUid) || !long.TryParse(root[1], out var rootGid))
            return null;
        return $"{rootUid + uid}:{rootGid + gid}";
    }

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
