using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Step 3 — build the image, within the build limits (time, memory, CPU, log size, image size); a build over a limit
/// fails with a message naming it. A team's own Dockerfile is checked first (<see cref="DockerfilePolicy"/>): a refused
/// one never reaches the engine.
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
        // The log's overflow stops the build too: a build that prints without end is a runaway, and its log is gone anyway.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, log.Overflowed);
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
            throw log.WasCut ? LogTooLong(log) : TookTooLong(limits);
        }
        catch (OperationCanceledException)
        {
            cgroup.KillAll(); // the pusher gave up (Ctrl-C): the build stops in the engine too
            throw;
        }
        if (log.WasCut)
        {
            // The build ended before the stop reached it; its output is lost all the same, so it fails the same way.
            await runtime.RemoveImageAsync(deployment.Image!, CancellationToken.None);
            throw LogTooLong(log);
        }
        if (!result.Succeeded) throw Explain(result.Error!, limits);
        await EnsureImageWithinLimitAsync(deployment.Image!, limits, ct);
    }

    private static DomainException TookTooLong(BuildOptions limits)
    {
        var (de, en) = limits.Timeout < TimeSpan.FromMinutes(2)
            ? ($"{limits.Timeout.TotalSeconds:0} Sekunden", $"{limits.Timeout.TotalSeconds:0} seconds")
            : ($"{limits.Timeout.TotalMinutes:0.#} Minuten", $"{limits.Timeout.TotalMinutes:0.#} minutes");
        return DomainException.Invalid(
            $"Der Build hat länger als {de} gedauert und wurde abgebrochen (Zeitlimit für Builds: {de}).",
            $"The build took longer than {en} and was stopped (build time limit: {en}).");
    }

    private static DomainException LogTooLong(DeployLog log) => DomainException.TooLarge(
        $"Der Build hat mehr als {log.LimitText} Log geschrieben und wurde abgebrochen (Limit für Build-Logs: {log.LimitText}). Meist läuft eine Schleife endlos oder ein Befehl ist zu gesprächig (z. B. ohne --quiet).",
        $"The build wrote more than {log.LimitText} of log and was stopped (build log limit: {log.LimitText}). Usually a loop runs forever or a command talks too much (try --quiet).");

    /// <summary>An image over the limit is removed at once (with its layers), so it never takes the disk for long.</summary>
    private async Task EnsureImageWithinLimitAsync(string image, BuildOptions limits, CancellationToken ct)
    {
        var bytes = await runtime.ImageSizeAsync(image, ct) ?? 0;
        var limitBytes = limits.MaxImageMb * 1024L * 1024L;
        if (bytes <= limitBytes) return;
        await runtime.RemoveImageAsync(image, CancellationToken.None);
        var megabytes = (bytes + 1024 * 1024 - 1) / (1024 * 1024);
        throw DomainException.TooLarge(
            $"Das fertige Image ist {megabytes} MB gross, mehr als das Limit von {limits.MaxImageMb} MB. Lasst grosse Dateien und Build-Werkzeuge aus dem Image (z. B. mit .dockerignore, einem mehrstufigen Build oder indem ihr Caches im selben RUN-Schritt löscht).",
            $"The finished image is {megabytes} MB, over the limit of {limits.MaxImageMb} MB. Keep big files and build tools out of the image (e.g. with .dockerignore, a multi-stage build, or by deleting caches in the same RUN step).");
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
