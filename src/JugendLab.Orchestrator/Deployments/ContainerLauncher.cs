using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Step 4 — start the container: hardened, on the team's own network, with the project's /data volume.</summary>
public sealed class ContainerLauncher(IContainerRuntime runtime, Sandbox sandbox, ResourceNames names, IOptions<RuntimeOptions> options)
{
    public async Task<ManagedContainer> LaunchAsync(Project project, Deployment deployment, CancellationToken ct)
    {
        await runtime.EnsureNetworkAsync(names.Network(project.TeamId), names.Labels(project.TeamId), ct);
        await runtime.EnsureVolumeAsync(names.Volume(project.Id), names.Labels(project.TeamId, project.Id), options.Value.User, ct);
        var spec = sandbox.For(project, deployment, deployment.Image!);
        await runtime.RemoveAsync(spec.Name, TimeSpan.Zero, ct); // a leftover of an interrupted attempt
        return await runtime.RunAsync(spec, ct);
    }
}
