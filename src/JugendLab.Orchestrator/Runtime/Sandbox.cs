using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>The sandbox rules for project containers, in one place: who the app runs as, its limits and its network.</summary>
public sealed class Sandbox(IOptions<RuntimeOptions> options, ResourceNames names)
{
    private readonly RuntimeOptions _options = options.Value;

    /// <param name="variables">The team's environment variables and secrets; the platform's own names win over them.</param>
    public ContainerSpec For(Project project, Deployment deployment, string image, IReadOnlyDictionary<string, string>? variables = null) => new()
    {
        Name = names.Container(project.Slug, deployment.Id),
        Image = image,
        Network = names.Network(project.TeamId),
        Labels = names.Labels(project.TeamId, project.Id, deployment.Id),
        Environment = new Dictionary<string, string>(variables ?? new Dictionary<string, string>())
        {
            ["PORT"] = _options.AppPort.ToString(),
            ["HOME"] = "/tmp",
            ["JUGENDLAB_PROJECT"] = project.Slug,
            ["JUGENDLAB_DEPLOYMENT"] = deployment.Id.ToString(),
        },
        DataVolume = names.Volume(project.Id),
        User = _options.User,
        Port = _options.AppPort,
        MemoryBytes = project.MemoryMb * 1024L * 1024L,
        NanoCpus = (long)(project.Cpus * 1_000_000_000),
        PidsLimit = _options.PidsLimit,
        TmpSizeMb = _options.TmpSizeMb,
        MaxRestarts = _options.MaxRestarts,
        LogMaxSize = _options.LogMaxSize,
        LogMaxFiles = _options.LogMaxFiles,
    };

    public string Address(ManagedContainer container) => $"http://{container.IpAddress}:{_options.AppPort}/";
}
