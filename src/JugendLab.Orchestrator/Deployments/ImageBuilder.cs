using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Step 3 — build the image, within the build limits; a build over a limit fails with a message naming it. A team's own
/// Dockerfile is checked first (<see cref="DockerfilePolicy"/>): a refused one never reaches the engine.
/// </summary>
public sealed class ImageBuilder(IContainerRuntime runtime, ResourceNames names, BuildCgroups cgroups, IOptions<BuildOptions> options)
{
    public async Task BuildAsync(Project project, Deployment deployment, SourceSnapshot source, Template template, DeployLog log, CancellationToken ct)
    {
        if (template == Template.Dockerfile) DockerfilePolicy.Enforce(source);
        var limits = options.Value;
        var (context, dockerfile) = BuildContext.For(source, template);
        var buildArgs = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(limits.NpmRegistry) && template == Template.Node) buildArgs["NPM_CONFIG_REGISTRY"] = limits.NpmRegistry;
        if (!string.IsNullOrWhiteSpace(limits.PipIndexUrl) && template == Template.Python) buildArgs["PIP_INDEX_URL"] = limits.PipIndexUrl;

        await runtime.EnsureNetworkAsync(names.BuildNetwork, new Dictionary<string, string> { [ContainerLabels.Managed] = "build" }, ct);
        using var cgroup = cgroups.Create(names.BuildCgroupPrefix, names.BuildCgroup(deployment.Id), limits.PidsLimit,
            await runtime.CgroupDriverAsync(ct));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limits.Timeout);
        BuildResult result;
        try
        {
            await using (context)
                result = await runtime.BuildImageAsync(new ImageBuild(
                    context, dockerfile, deployment.Image!, names.BuildNetwork, buildArgs,
                    limits.MemoryMb * 1024L * 1024L, limits.Cpus, cgroup.Parent), log.Output, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Giving up on the engine's answer does not stop the RUN step in the engine: its processes are killed here.
            cgroup.KillAll();
            var (de, en) = limits.Timeout < TimeSpan.FromMinutes(2)
                ? ($"{limits.Timeout.TotalSeconds:0} Sekunden", $"{limits.Timeout.TotalSeconds:0} seconds")
                : ($"{limits.Timeout.TotalMinutes:0.#} Minuten", $"{limits.Timeout.TotalMinutes:0.#} minutes");
            throw DomainException.Invalid(
                $"Der Build hat länger als {de} gedauert und wurde abgebrochen (Zeitlimit für Builds: {de}).",
                $"The build took longer than {en} and was stopped (build time limit: {en}).");
        }
        catch (OperationCanceledException)
        {
            cgroup.KillAll(); // the pusher gave up (Ctrl-C): the build stops in the engine too
            throw;
        }
        if (!result.Succeeded) throw Explain(result.Error!, limits);
    }

    /// <summary>Turns the engine's error into one a youth can act on; an OOM-killed step (exit 137) names the memory limit.</summary>
    private static DomainException Explain(string error, BuildOptions limits)
    {
        if (error.Contains("code: 137") || error.Contains("exit code: 137") || error.Contains("OOM", StringComparison.OrdinalIgnoreCase))
            return DomainException.Invalid(
                $"Der Build hat mehr als {limits.MemoryMb} MB Arbeitsspeicher gebraucht und wurde beendet (Speicherlimit für Builds: {limits.MemoryMb} MB). Fehler: {error}",
                $"The build needed more than {limits.MemoryMb} MB of memory and was stopped (build memory limit: {limits.MemoryMb} MB). Error: {error}");
        return DomainException.Invalid($"Der Build ist fehlgeschlagen: {error}", $"The build failed: {error}");
    }
}
