using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Step 4 — start the container: hardened, on the team's own network, with the project's size-limited /data volume
/// and the team's environment variables and secrets (decrypted only here, into the container's environment).</summary>
public sealed class ContainerLauncher(IContainerRuntime runtime, Sandbox sandbox, ResourceNames names, DataVolumes data, SecretBox secrets)
{
    public async Task<ManagedContainer> LaunchAsync(Project project, Deployment deployment, CancellationToken ct)
    {
        await runtime.EnsureNetworkAsync(names.Network(project.TeamId), names.Labels(project.TeamId), ct);
        await data.EnsureAsync(project.TeamId, project.Id, project.Team.Quota.DiskMb, ct);
        var spec = sandbox.For(project, deployment, deployment.Image!, await secrets.EnvironmentAsync(project.Id, ct));
        await runtime.RemoveAsync(spec.Name, TimeSpan.Zero, ct); // a leftover of an interrupted attempt
        try
        {
            return await runtime.RunAsync(spec, ct);
        }
        catch (Docker.DotNet.DockerApiException e) when (e.Message.Contains("no available IPv4 addresses", StringComparison.Ordinal))
        {
            await runtime.RemoveAsync(spec.Name, TimeSpan.Zero, CancellationToken.None);
            throw DomainException.Conflict(
                "Das Netz deines Teams ist voll: Es laufen so viele Container, wie es Adressen hat. Halte ein Projekt an, das ihr nicht braucht, oder frag die Admins (JugendLab:Network:SubnetPrefix).",
                "Your team's network is full: as many containers run as it has addresses. Stop a project you don't need, or ask the admins (JugendLab:Network:SubnetPrefix).");
        }
    }
}
