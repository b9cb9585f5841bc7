using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// A container the platform runs for the whole box (the homeserver and its database), owned by no team: one folder of
/// the platform's data directory mounted at /data, no capabilities, a read-only root with /tmp in memory.
/// </summary>
public sealed record ServiceSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string Network { get; init; }
    public required string User { get; init; }
    /// <summary>A folder on the host, mounted read-write at /data.</summary>
    public required string DataFolder { get; init; }
    public required long MemoryBytes { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public long PidsLimit { get; init; } = 512;
    public int TmpSizeMb { get; init; } = 64;
    /// <summary>A hash of everything that shapes the container (its configuration files too): a different one means recreate.</summary>
    public required string Recipe { get; init; }
}

/// <summary>A service container as the engine sees it.</summary>
public sealed record ServiceContainer(string Id, bool Running, string? IpAddress, string? Recipe);

/// <summary>Runs <see cref="ServiceSpec"/>s on the engine. Service containers carry their own label, never the projects'
/// one, so the reconciler and the clean-up jobs for projects never see them.</summary>
public sealed class ServiceContainers(IOptions<OrchestratorOptions> options) : IDisposable
{
    /// <summary>Its value is the platform instance that runs the service.</summary>
    public const string ServiceLabel = "jugendlab.service";
    private const string RecipeLabel = "jugendlab.service.recipe";

    private readonly DockerClient _docker = new DockerClientConfiguration(new Uri(options.Value.DockerEndpoint)).CreateClient();

    public async Task<ServiceContainer?> InspectAsync(string name, CancellationToken ct)
    {
        try
        {
            var c = await _docker.Containers.InspectContainerAsync(name, ct);
            return new ServiceContainer(c.ID, c.State.Running && !c.State.Restarting,
                c.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip)),
                (c.Config.Labels is { } labels && labels.TryGetValue(RecipeLabel, out var recipe) ? recipe : null));
        }
        catch (DockerContainerNotFoundException) { return null; }
    }

    /// <summary>The image's ID, or null when it was never built.</summary>
    public async Task<string?> ImageIdAsync(string image, CancellationToken ct)
    {
        try { return (await _docker.Images.InspectImageAsync(image, ct)).ID; }
        catch (DockerImageNotFoundException) { return null; }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    public async Task RunAsync(ServiceSpec spec, CancellationToken ct)
    {
        var created = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            User = spec.User,
            Labels = new Dictionary<string, string> { [ServiceLabel] = options.Value.Instance, [RecipeLabel] = spec.Recipe },
            Env = spec.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            HostConfig = new HostConfig
            {
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = $"rw,nosuid,nodev,size={spec.TmpSizeMb}m" },
                Mounts = [new Mount { Type = "bind", Source = spec.DataFolder, Target = "/data" }],
                Memory = spec.MemoryBytes,
                MemorySwap = spec.MemoryBytes,
                PidsLimit = spec.PidsLimit,
                // The engine restarts a crash at once, with its own growing delay; the platform's keeper starts what stays down.
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                LogConfig = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "3" } },
                NetworkMode = spec.Network,
                PortBindings = new Dictionary<string, IList<PortBinding>>(),
            },
        }, ct);
        await _docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
    }

    public async Task StartAsync(string name, CancellationToken ct) =>
        await _docker.Containers.StartContainerAsync(name, new ContainerStartParameters(), ct);

    public async Task RestartAsync(string name, TimeSpan grace, CancellationToken ct) =>
        await _docker.Containers.RestartContainerAsync(name, new ContainerRestartParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, ct);

    /// <summary>Stops (the image's stop signal, then SIGKILL after <paramref name="grace"/>) and removes; no error when it is gone.</summary>
    public async Task RemoveAsync(string name, TimeSpan grace, CancellationToken ct)
    {
        try
        {
            await _docker.Containers.StopContainerAsync(name, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, ct);
        }
        catch (DockerContainerNotFoundException) { return; }
        try
        {
            await _docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }, ct);
        }
        catch (DockerContainerNotFoundException) { }
    }

    /// <summary>The last lines a service wrote (for the admin's error message when it does not come up).</summary>
    public async Task<string> TailLogsAsync(string name, int lines, CancellationToken ct)
    {
        try
        {
            using var stream = await _docker.Containers.GetContainerLogsAsync(name, false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString() }, ct);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct);
            return (stdout + stderr).Trim();
        }
        catch (DockerContainerNotFoundException) { return ""; }
    }

    public void Dispose() => _docker.Dispose();
}
