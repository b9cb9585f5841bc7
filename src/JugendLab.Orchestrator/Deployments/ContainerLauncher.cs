using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Step 4 — start the container: hardened, on the team's own network, with the project's /data volume.</summary>
public sealed class ContainerLauncher(IContainerRuntime runtime, Sandbox sandbox, IOptions<RuntimeOptions> options)
{
    public async Task<ManagedContainer> LaunchAsync(Project project, Deployment deployment, CancellationToken ct)
    {
        await runtime.EnsureNetworkAsync(project.Team.NetworkName, ContainerLabels.ForTeam(project.TeamId), ct);
        await runtime.EnsureVolumeAsync(project.VolumeName, ContainerLabels.ForProject(project.TeamId, project.Id), options.Value.User, ct);
        var spec = sandbox.For(project, deployment, deployment.Image!);
        await runtime.RemoveAsync(spec.Name, TimeSpan.Zero, ct); // a leftover of an interrupted attempt
        return await runtime.RunAsync(spec, ct);
    }
}
