using Microsoft.Extensions.Logging;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// A control group per build, given to the engine as the build's cgroup parent. It carries the build's PID limit (the
/// engine's build API has none), and it lets the platform kill a build's processes when the build runs over its time
/// limit or the pusher gives up: the classic builder does not reliably stop a RUN step when its client goes away.
/// Works with the engine's "cgroupfs" driver, on cgroup v1 and v2; with another driver builds run without it (logged).
/// </summary>
public sealed class BuildCgroups(ILogger<BuildCgroups> logger)
{
    private const string Root = "/sys/fs/cgroup";

    /// <summary>Makes the group <paramref name="name"/> with at most <paramref name="pidsLimit"/> processes and threads.
    /// Empty groups that earlier builds with the same <paramref name="prefix"/> left behind are removed first.</summary>
    public BuildCgroup Create(string prefix, string name, int pidsLimit, string? cgroupDriver)
    {
        if (!OperatingSystem.IsLinux() || cgroupDriver != "cgroupfs")
        {
            logger.LogWarning("Builds run without a PID limit: the engine's cgroup driver is {Driver}, not cgroupfs", cgroupDriver ?? "unknown");
            return new BuildCgroup(null, []);
        }
        var unified = File.Exists(Path.Combine(Root, "cgroup.controllers"));
        RemoveLeftovers(prefix, unified);
        var pids = unified ? Path.Combine(Root, name) : Path.Combine(Root, "pids", name);
        try
        {
            Directory.CreateDirectory(pids);
            File.WriteAllText(Path.Combine(pids, "pids.max"), pidsLimit.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not make the build cgroup {Cgroup}; the build runs without a PID limit", pids);
            return new BuildCgroup(null, []);
        }
        // On cgroup v1 the engine creates the same group under every controller; all of them are removed afterwards.
        var everywhere = unified
            ? [pids]
            : Directory.EnumerateDirectories(Root).Select(controller => Path.Combine(controller, name)).ToArray();
        return new BuildCgroup("/" + name, everywhere, pids);
    }

    /// <summary>A group is removed only once the engine has torn its container down, which can be a moment after the build ended.</summary>
    private static void RemoveLeftovers(string prefix, bool unified)
    {
        var controllers = unified ? [Root] : Directory.EnumerateDirectories(Root).ToArray();
        foreach (var controller in controllers)
        {
            IEnumerable<string> stale;
            try { stale = Directory.EnumerateDirectories(controller, prefix + "*").ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var group in stale) new BuildCgroup(null, [group]).Dispose();
        }
    }
}

/// <summary>One build's control group: its name for the engine, and what is left to kill and remove when the build ends.</summary>
public sealed class BuildCgroup(string? parent, string[] directories, string? pidsDirectory = null) : IDisposable
{
    /// <summary>The engine's <c>cgroupparent</c> for the build; null when builds run without one.</summary>
    public string? Parent { get; } = parent;

    /// <summary>Kills every process still in the group (a RUN step of a build that ran out of time or was cancelled).</summary>
    public int KillAll()
    {
        if (pidsDirectory is null || !Directory.Exists(pidsDirectory)) return 0;
        var killed = 0;
        foreach (var procs in Directory.EnumerateFiles(pidsDirectory, "cgroup.procs", SearchOption.AllDirectories))
        {
            foreach (var line in ReadLines(procs))
            {
                if (!int.TryParse(line, out var pid)) continue;
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                    killed++;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
        }
        return killed;
    }

    /// <summary>Removes the (by then empty) groups; a group that still holds processes stays and is retried by the next build's clean-up.</summary>
    public void Dispose()
    {
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory)) continue;
            // cgroupfs directories are removed with rmdir, deepest first; their files are not real files.
            foreach (var child in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
                TryRemove(child);
            TryRemove(directory);
        }
    }

    private static void TryRemove(string directory)
    {
        try { Directory.Delete(directory); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (IOException) { return []; }
    }
}
