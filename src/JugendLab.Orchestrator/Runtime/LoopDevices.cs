using System.ComponentModel;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>A loop device or filesystem command failed; the message carries the command and what it printed.</summary>
public sealed class DataVolumeException(string message) : Exception(message);

/// <summary>
/// Image files holding an ext4 filesystem each, attached to loop devices: the host side of a size-limited /data.
/// Every command runs with an argument list (no shell). Needs root on Linux and e2fsprogs + util-linux.
/// </summary>
public sealed class LoopDevices
{
    private static readonly string[] Tools = ["losetup", "mkfs.ext4", "resize2fs", "e2fsck"];

    /// <summary>Root on Linux with the tools installed; otherwise the platform falls back to plain (unlimited) volumes.</summary>
    public bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.UserName == "root" && Tools.All(OnPath);

    /// <summary>Makes a sparse image file of <paramref name="bytes"/> with an empty ext4 filesystem in it.</summary>
    public async Task CreateImageAsync(string image, long bytes, string rootOwner, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        var partial = image + ".new";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write)) file.SetLength(bytes); // = truncate -s
        await RunAsync(LoopCommands.MakeFilesystem(partial, rootOwner), ct);
        File.Move(partial, image); // only a finished filesystem carries the real name
    }

    /// <summary>The loop device the image is attached to, attaching it when it is not (after a reboot none is).</summary>
    public async Task<string> AttachAsync(string image, CancellationToken ct) =>
        DeviceFor(image) ?? (await RunAsync(LoopCommands.Attach(image), ct)).Trim();

    // The device each image was last found on: a reconcile pass asks for every project's device, and checking one
    // device's backing file is much cheaper than reading every loop device the kernel has.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _lastSeen = new();

    /// <summary>The loop device that currently serves this exact file, if any. Read from sysfs: no process per call.</summary>
    public string? DeviceFor(string image)
    {
        image = Path.GetFullPath(image);
        if (_lastSeen.TryGetValue(image, out var known) && BackingFileOf("/sys/block/" + Path.GetFileName(known)) == image) return known;
        var device = LoopCommands.DeviceFor(image, AttachedLoops());
        if (device is null) _lastSeen.TryRemove(image, out _);
        else _lastSeen[image] = device;
        return device;
    }

    public bool IsMounted(string device) => LoopCommands.IsMounted(device, File.ReadAllText("/proc/mounts"));

    /// <summary>
    /// Grows image, device and filesystem to <paramref name="bytes"/>. Returns false when the filesystem is mounted and the
    /// kernel refused to grow it online (root without CAP_SYS_RESOURCE, as on our Firecracker VMs): call again once
    /// nothing mounts it. A marker file remembers an unfinished growth, because the image file has grown by then.
    /// </summary>
    public async Task<bool> GrowAsync(string image, string device, long bytes, CancellationToken ct)
    {
        var marker = image + ".growing";
        await File.WriteAllTextAsync(marker, bytes.ToString(), ct);
        await using (var file = new FileStream(image, FileMode.Open, FileAccess.Write))
            if (file.Length < bytes) file.SetLength(bytes);
        await RunAsync(LoopCommands.RefreshSize(device), ct);
        if (IsMounted(device))
        {
            if (await TryRunAsync(LoopCommands.Grow(device), ct) is not null) return false;
        }
        else
        {
            await RunAsync(LoopCommands.Check(device), ct, okExitCodes: [0, 1]); // 1: errors corrected
            await RunAsync(LoopCommands.Grow(device), ct);
        }
        File.Delete(marker);
        return true;
    }

    /// <summary>Whether a growth was started and not finished (see <see cref="GrowAsync"/>).</summary>
    public bool IsGrowing(string image) => File.Exists(image + ".growing");

    /// <summary>Detaches every loop device of the image and deletes the file. The volume using it must be gone first.</summary>
    public async Task DetachAndDeleteAsync(string image, CancellationToken ct)
    {
        while (DeviceFor(image) is { } device) await RunAsync(LoopCommands.Detach(device), ct);
        File.Delete(image);
        File.Delete(image + ".growing");
    }

    private static IEnumerable<(string Device, string BackingFile)> AttachedLoops()
    {
        if (!Directory.Exists("/sys/block")) yield break;
        foreach (var dir in Directory.EnumerateDirectories("/sys/block", "loop*"))
            if (BackingFileOf(dir) is { } backing) yield return ("/dev/" + Path.GetFileName(dir), backing);
    }

    /// <summary>The file a loop device (its sysfs folder) serves; null when it serves none. A free device has no backing_file.</summary>
    private static string? BackingFileOf(string sysfsDirectory)
    {
        var path = Path.Combine(sysfsDirectory, "loop", "backing_file");
        if (!File.Exists(path)) return null; // asked first: an exception per free device was most of a reconcile pass's time
        try { return File.ReadAllText(path).TrimEnd('\n'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; } // detached in between
    }

    private static async Task<string> RunAsync(CommandLine command, CancellationToken ct, int[]? okExitCodes = null)
    {
        var (exit, stdout, stderr) = await ExecuteAsync(command, ct);
        if (!(okExitCodes ?? [0]).Contains(exit))
            throw new DataVolumeException($"`{command}` failed (exit {exit}): {(stderr + stdout).Trim()}");
        return stdout;
    }

    /// <summary>Null on success, else what the command said.</summary>
    private static async Task<string?> TryRunAsync(CommandLine command, CancellationToken ct)
    {
        var (exit, stdout, stderr) = await ExecuteAsync(command, ct);
        return exit == 0 ? null : (stderr + stdout).Trim();
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ExecuteAsync(CommandLine command, CancellationToken ct)
    {
        try
        {
            var result = await HostCommand.RunAsync(command, ct);
            return (result.ExitCode, result.Stdout, result.Stderr);
        }
        catch (Win32Exception e)
        {
            throw new DataVolumeException($"`{command.Program}` could not be started: {e.Message}");
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
}
