using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Names of everything the platform makes in the engine. They carry the platform's instance name, so two platforms on
/// one engine (a test run beside the real one) never touch each other's containers, networks, volumes or images.
/// </summary>
public sealed class ResourceNames(IOptions<OrchestratorOptions> options)
{
    private string Instance => options.Value.Instance;

    /// <summary>The team's bridge network. Linux bridge names have at most 15 characters; the "jl-" prefix is what the host firewall matches.</summary>
    public string Network(int teamId) => $"jl-{Instance}-{teamId}";

    /// <summary>The network builds run on: a "jl-" bridge too, so a build's RUN steps cannot reach the host either.</summary>
    public string BuildNetwork => $"jl-{Instance}-build";

    /// <summary>The control group one build runs under (its PID limit; killed when the build runs out of time).</summary>
    public string BuildCgroup(int deploymentId) => $"{BuildCgroupPrefix}{deploymentId}";

    public string BuildCgroupPrefix => $"jugendlab-{Instance}-build-";

    /// <summary>The homeserver's own network (Synapse and its database): a "jl-" bridge, so it cannot open connections to the host either.</summary>
    public string MatrixNetwork => $"jl-{Instance}-mx";

    public string SynapseContainer => $"jl-{Instance}-synapse";

    public string MatrixDatabaseContainer => $"jl-{Instance}-matrix-db";

    /// <summary>The project's volume at /data; it outlives every deployment.</summary>
    public string Volume(int projectId) => $"jl-{Instance}-data-{projectId}";

    public string Container(string slug, int deploymentId) => $"jl-{Instance}-{slug}-{deploymentId}";

    public string ImageRepository => $"jugendlab-{Instance}";

    /// <summary>Project images are named <c>jugendlab-&lt;instance&gt;/&lt;slug&gt;:&lt;deployment&gt;</c>: the name carries what labels would,
    /// because the engine's classic builder turns every build label into an extra build step.</summary>
    public string Image(string slug, int deploymentId) => $"{ImageRepository}/{slug}:{deploymentId}";

    public (string Slug, int DeploymentId)? ParseImage(string tag)
    {
        var prefix = ImageRepository + "/";
        var colon = tag.LastIndexOf(':');
        if (!tag.StartsWith(prefix, StringComparison.Ordinal) || colon < prefix.Length) return null;
        return int.TryParse(tag[(colon + 1)..], out var id) ? (tag[prefix.Length..colon], id) : null;
    }

    public Dictionary<string, string> Labels(int teamId, int? projectId = null, int? deploymentId = null)
    {
        var labels = new Dictionary<string, string> { [ContainerLabels.Managed] = Instance, [ContainerLabels.Team] = teamId.ToString() };
        if (projectId is not null) labels[ContainerLabels.Project] = projectId.Value.ToString();
        if (deploymentId is not null) labels[ContainerLabels.Deployment] = deploymentId.Value.ToString();
        return labels;
    }

    /// <summary>The engine filter that finds this instance's containers.</summary>
    public string ManagedLabelFilter => $"{ContainerLabels.Managed}={Instance}";
}
