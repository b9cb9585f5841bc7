using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>The container runtime on a real Docker engine, through Docker.DotNet.</summary>
public sealed class DockerContainerRuntime(IOptions<OrchestratorOptions> options, IOptions<RuntimeOptions> runtimeOptions, ResourceNames names,
    IOptions<NetworkOptions> networkOptions) : IContainerRuntime, IDisposable
{
    private readonly DockerClient _docker = new DockerClientConfiguration(new Uri(options.Value.DockerEndpoint)).CreateClient();
    private readonly EngineBuildClient _builds = new(options.Value.DockerEndpoint);
    private DockerNetworks? _networks;

    // Lazily, because a field initializer cannot use _docker; one instance only, as it holds the creation lock.
    private DockerNetworks Networks => LazyInitializer.EnsureInitialized(ref _networks, () => new DockerNetworks(_docker, networkOptions.Value, names));

    public async Task EnsureReachableAsync(CancellationToken ct)
    {
        try
        {
            await _docker.System.PingAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or DockerApiException
                                       or System.Net.Sockets.SocketException)
        {
            throw new EngineUnreachableException(options.Value.DockerEndpoint, e);
        }
    }

    public Task EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        Networks.EnsureAsync(name, labels, ct);

    public Task EnsureVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, string owner, CancellationToken ct) =>
        EnsureVolumeAsync(name, labels, owner, new Dictionary<string, string>(), ct);

    public async Task EnsureVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, string? owner,
        IReadOnlyDictionary<string, string> driverOptions, CancellationToken ct)
    {
        try
        {
            await _docker.Volumes.InspectAsync(name, ct);
            return;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }

        await _docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels.ToDictionary(), DriverOpts = driverOptions.ToDictionary() }, ct);
        if (owner is null) return; // its filesystem was made for the app user
        // A new volume belongs to root; hand it to the app user once, in a container that can do nothing else.
        var helper = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = runtimeOptions.Value.HelperImage,
            Cmd = ["chown", owner, "/data"],
            User = "0:0",
            Labels = new Dictionary<string, string> { [ContainerLabels.Managed] = "helper" },
            HostConfig = new HostConfig
            {
                Mounts = [new Mount { Type = "volume", Source = name, Target = "/data" }],
                NetworkMode = "none",
                CapDrop = ["ALL"],
                CapAdd = ["CHOWN"],
                SecurityOpt = ["no-new-privileges"],
            },
        }, ct);
        try
        {
            await _docker.Containers.StartContainerAsync(helper.ID, new ContainerStartParameters(), ct);
            var exit = await _docker.Containers.WaitContainerAsync(helper.ID, ct);
            if (exit.StatusCode != 0) throw new InvalidOperationException($"Could not set the owner of volume {name} (exit {exit.StatusCode}).");
        }
        finally
        {
            await _docker.Containers.RemoveContainerAsync(helper.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    public Task<BuildResult> BuildImageAsync(ImageBuild build, Action<string> log, CancellationToken ct) =>
        _builds.BuildAsync(build, log, ct);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken ct)
    {
        try
        {
            await _docker.Images.InspectImageAsync(image, ct);
            return true;
        }
        catch (DockerImageNotFoundException) { return false; }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return false; }
    }

    public async Task<long?> VolumeSizeAsync(string name, CancellationToken ct)
    {
        VolumeResponse volume;
        try { volume = await _docker.Volumes.InspectAsync(name, ct); }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return 0; }
        try
        {
            // The engine's own disk-usage call walks every volume on the box; one folder is cheaper.
            var root = new DirectoryInfo(volume.Mountpoint);
            return root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Sum(f => f.Length);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { return null; }
    }

    public async Task<ManagedContainer> RunAsync(ContainerSpec spec, CancellationToken ct)
    {
        var created = await _docker.Containers.CreateContainerAsync(ContainerParameters.From(spec), ct);
        await _docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        return await InspectAsync(created.ID, ct)
               ?? throw new InvalidOperationException($"Container {spec.Name} vanished right after it started.");
    }

    public async Task<ManagedContainer?> StartAsync(string name, CancellationToken ct)
    {
        await _docker.Containers.StartContainerAsync(name, new ContainerStartParameters(), ct);
        return await InspectAsync(name, ct);
    }

    public async Task<ManagedContainer?> InspectAsync(string name, CancellationToken ct)
    {
        try
        {
            var c = await _docker.Containers.InspectContainerAsync(name, ct);
            var labels = c.Config.Labels;
            return new ManagedContainer(
                c.ID, c.Name.TrimStart('/'), c.Config.Image,
                ContainerLabels.Read(labels, ContainerLabels.Team),
                ContainerLabels.Read(labels, ContainerLabels.Project),
                ContainerLabels.Read(labels, ContainerLabels.Deployment),
                c.State.Running, c.State.Restarting, (int)c.RestartCount, c.State.OOMKilled, c.State.ExitCode,
                c.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip)));
        }
        catch (DockerContainerNotFoundException) { return null; }
    }

    public async Task<IReadOnlyList<ManagedContainer>> ListAsync(int? projectId, CancellationToken ct)
    {
        var labels = new Dictionary<string, bool> { [names.ManagedLabelFilter] = true };
        if (projectId is not null) labels[$"{ContainerLabels.Project}={projectId}"] = true;
        var list = await _docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        }, ct);
        // The list already says what a running container is and where it answers. Only a container that is not
        // running is inspected, for what its restarts, exit code and out-of-memory kill tell the reconciler: with many
        // projects, an inspection of every container on every pass kept the engine busy.
        var result = new List<ManagedContainer>(list.Count);
        foreach (var item in list)
        {
            if (item.State == "running") result.Add(FromListing(item));
            else if (await InspectAsync(item.ID, ct) is { } container) result.Add(container);
        }
        return result;
    }

    private static ManagedContainer FromListing(ContainerListResponse c) => new(
        c.ID, c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID, c.Image,
        ContainerLabels.Read(c.Labels, ContainerLabels.Team),
        ContainerLabels.Read(c.Labels, ContainerLabels.Project),
        ContainerLabels.Read(c.Labels, ContainerLabels.Deployment),
        Running: true, Restarting: false, RestartCount: 0, OomKilled: false, ExitCode: 0,
        c.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip)));

    public async Task RemoveAsync(string name, TimeSpan grace, CancellationToken ct)
    {
        try
        {
            await _docker.Containers.StopContainerAsync(name, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, ct);
            // RemoveVolumes takes the anonymous volumes of a Dockerfile's VOLUME along; named volumes (the project's /data) stay.
            await _docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
        }
        catch (DockerContainerNotFoundException) { }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict) { }
    }

    public async Task<string> TailLogsAsync(string name, int lines, CancellationToken ct)
    {
        try
        {
            using var stream = await _docker.Containers.GetContainerLogsAsync(name, false, new ContainerLogsParameters
            {
                ShowStdout = true, ShowStderr = true, Tail = lines.ToString(),
            }, ct);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct);
            return (stdout + stderr).TrimEnd();
        }
        catch (DockerContainerNotFoundException) { return ""; }
    }

    public async Task<IReadOnlyList<ManagedImage>> ListImagesAsync(CancellationToken ct)
    {
        var images = await _docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [$"{names.ImageRepository}/*"] = true },
            },
        }, ct);
        return images.SelectMany(i => (i.RepoTags ?? []).Select(names.ParseImage).OfType<(string Slug, int DeploymentId)>()
                .Select(tag => new ManagedImage(i.ID, tag.Slug, tag.DeploymentId, i.Created)))
            .ToList();
    }

    public async Task RemoveImageAsync(string id, CancellationToken ct)
    {
        try { await _docker.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = false }, ct); }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict) { }
    }

    public async Task<ContainerUsage?> SampleAsync(string name, CancellationToken ct)
    {
        // The engine's own CPU figure compares two readings a second apart, which keeps it reading every sampled
        // container's counters each second. Only a container's first sample pays for that; later ones are a single
        // reading (one-shot), compared with the reading the previous sample left here.
        var previous = _cpuReadings.TryGetValue(name, out var last) ? last : null;
        var stats = await ReadStatsAsync(name, oneShot: previous is not null, ct);
        // A container that is not running answers with an empty sample (no CPU or memory figures).
        if (stats?.CPUStats?.CPUUsage is null || stats.MemoryStats is null || stats.MemoryStats.Limit == 0)
        {
            _cpuReadings.TryRemove(name, out _);
            return null;
        }
        var now = new CpuReading(stats.CPUStats.CPUUsage.TotalUsage, stats.CPUStats.SystemUsage, DateTimeOffset.UtcNow);
        var before = previous ?? (stats.PreCPUStats?.CPUUsage is { } pre ? new CpuReading(pre.TotalUsage, stats.PreCPUStats.SystemUsage, now.At) : null);
        _cpuReadings[name] = now;
        ForgetOldReadings(now.At);
        if (before is null || now.TotalUsage < before.TotalUsage) return null; // restarted in between: the next sample has a figure
        var cpuDelta = (double)now.TotalUsage - before.TotalUsage;
        var systemDelta = (double)now.SystemUsage - before.SystemUsage;
        var cpus = stats.CPUStats.OnlineCPUs > 0 ? stats.CPUStats.OnlineCPUs : 1;
        var cpuPercent = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
        return new ContainerUsage(cpuPercent, (long)stats.MemoryStats.Usage, (long)stats.MemoryStats.Limit);
    }

    private sealed record CpuReading(ulong TotalUsage, ulong SystemUsage, DateTimeOffset At);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CpuReading> _cpuReadings = new();

    private async Task<ContainerStatsResponse?> ReadStatsAsync(string name, bool oneShot, CancellationToken ct)
    {
        ContainerStatsResponse? stats = null;
        try
        {
            await _docker.Containers.GetContainerStatsAsync(name, new ContainerStatsParameters { Stream = false, OneShot = oneShot },
                new SynchronousProgress<ContainerStatsResponse>(s => stats = s), ct);
        }
        catch (DockerContainerNotFoundException) { return null; }
        return stats;
    }

    /// <summary>Readings of containers no longer sampled (removed, replaced by a new deployment) are dropped after an hour.</summary>
    private void ForgetOldReadings(DateTimeOffset now)
    {
        foreach (var (name, reading) in _cpuReadings)
            if (now - reading.At > TimeSpan.FromHours(1)) _cpuReadings.TryRemove(name, out _);
    }

    public Task<IReadOnlyList<ManagedNetwork>> ListIdleNetworksAsync(CancellationToken ct) => Networks.ListIdleAsync(ct);

    public Task<bool> RemoveNetworkIfUnusedAsync(ManagedNetwork network, CancellationToken ct) => Networks.RemoveIfUnusedAsync(network, ct);


    public async Task<VolumeInfo?> InspectVolumeAsync(string name, CancellationToken ct)
    {
        try
        {
            var volume = await _docker.Volumes.InspectAsync(name, ct);
            return new VolumeInfo(volume.Name, volume.Options is { } o && o.TryGetValue("device", out var device) ? device : null);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    public async Task RemoveVolumeAsync(string name, CancellationToken ct)
    {
        try { await _docker.Volumes.RemoveAsync(name, force: false, ct); }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
    }

    public async Task<string> EngineRootOwnerAsync(CancellationToken ct)
    {
        // With userns-remap the engine keeps its state in <root>/<uid>.<gid>: the host ids its containers' root maps to.
        var info = await _docker.System.GetSystemInfoAsync(ct);
        var last = Path.GetFileName(info.DockerRootDir.TrimEnd('/')).Split('.');
        return last.Length == 2 && int.TryParse(last[0], out var uid) && int.TryParse(last[1], out var gid) ? $"{uid}:{gid}" : "0:0";
    }


    public async Task<string?> CgroupDriverAsync(CancellationToken ct) =>
        _cgroupDriver ??= (await _docker.System.GetSystemInfoAsync(ct)).CgroupDriver;

    private string? _cgroupDriver;

    public async Task<long?> ImageSizeAsync(string image, CancellationToken ct)
    {
        try { return (await _docker.Images.InspectImageAsync(image, ct)).Size; }
        catch (DockerImageNotFoundException) { return null; }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    public async Task<int> PruneDanglingImagesAsync(DateTimeOffset createdBefore, CancellationToken ct)
    {
        var pruned = await _docker.Images.PruneImagesAsync(new ImagesPruneParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
                ["until"] = new Dictionary<string, bool> { [createdBefore.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)] = true },
            },
        }, ct);
        return pruned.ImagesDeleted?.Count(d => !string.IsNullOrEmpty(d.Deleted)) ?? 0;
    }

    public async Task<IReadOnlyList<EngineVolume>> ListDanglingVolumesAsync(CancellationToken ct)
    {
        var list = await _docker.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["dangling"] = new Dictionary<string, bool> { ["true"] = true } },
        }, ct);
        return (list.Volumes ?? []).Select(v => new EngineVolume(v.Name,
                (IReadOnlyDictionary<string, string>?)v.Labels?.AsReadOnly() ?? new Dictionary<string, string>(),
                DateTimeOffset.TryParse(v.CreatedAt, System.Globalization.CultureInfo.InvariantCulture, out var created) ? created : null))
            .ToList();
    }

    public async IAsyncEnumerable<ContainerLogLine> ReadLogsAsync(string name, ContainerLogQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        MultiplexedStream stream;
        try
        {
            stream = await _docker.Containers.GetContainerLogsAsync(name, false, new ContainerLogsParameters
            {
                ShowStdout = true, ShowStderr = true, Timestamps = true, Follow = query.Follow,
                Tail = Math.Max(query.Tail, 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Since = query.Since?.ToEngineSince(),
            }, ct);
        }
        catch (DockerContainerNotFoundException) { yield break; }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { yield break; }

        // A follower waits in a read for the next line; closing the stream is what ends that wait when the reader leaves.
        using var _ = stream;
        await using var stop = ct.Register(stream.Dispose);
        var stdout = new LogLineSplitter(LogStream.Stdout);
        var stderr = new LogLineSplitter(LogStream.Stderr);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            MultiplexedStream.ReadResult read;
            try { read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct); }
            catch (Exception e) when (ct.IsCancellationRequested && e is ObjectDisposedException or IOException or OperationCanceledException) { yield break; }
            if (read.EOF) break;
            var splitter = read.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
            foreach (var line in splitter.Add(buffer.AsSpan(0, read.Count))) yield return line;
        }
        if (stdout.Flush() is { } lastOut) yield return lastOut;
        if (stderr.Flush() is { } lastErr) yield return lastErr;
    }

    public void Dispose()
    {
        _docker.Dispose();
        _builds.Dispose();
    }

    /// <summary>Docker.DotNet's Progress callbacks arrive out of order on the thread pool (FACTS.md); this one runs in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
