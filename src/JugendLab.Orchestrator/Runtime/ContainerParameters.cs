using Docker.DotNet.Models;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>Translates a <see cref="ContainerSpec"/> into the engine's create request. The hardening that never varies is here.</summary>
internal static class ContainerParameters
{
    public static CreateContainerParameters From(ContainerSpec spec) => new()
    {
        Name = spec.Name,
        Image = spec.Image,
        User = spec.User,
        Labels = spec.Labels.ToDictionary(),
        Env = spec.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
        ExposedPorts = new Dictionary<string, EmptyStruct> { [$"{spec.Port}/tcp"] = default },
        HostConfig = new HostConfig
        {
            // Untrusted code: no capabilities, no privilege gain, nothing writable but /tmp and /data.
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = $"rw,nosuid,nodev,size={spec.TmpSizeMb}m" },
            Mounts = spec.DataVolume is null ? [] : [new Mount { Type = "volume", Source = spec.DataVolume, Target = "/data" }],
            // Limits from the team's quota; no swap beyond the memory limit.
            Memory = spec.MemoryBytes,
            MemorySwap = spec.MemoryBytes,
            NanoCPUs = spec.NanoCpus,
            PidsLimit = spec.PidsLimit,
            // A tiny init (the engine's docker-init) is the first process: it passes docker stop's signal on to the app
            // and reaps its zombies. An app as the first process ignores SIGTERM unless it handles it itself (Linux
            // gives the first process no default actions), so every stop and rollback would wait out the grace period.
            Init = true,
            // The engine restarts a crashing app with growing back-off; after that the reconciler marks it crashed.
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = spec.MaxRestarts },
            LogConfig = new LogConfig
            {
                Type = "json-file",
                Config = new Dictionary<string, string> { ["max-size"] = spec.LogMaxSize, ["max-file"] = spec.LogMaxFiles.ToString() },
            },
            // The gateway reaches the container at its address on the team network: no published port at all,
            // so nothing is ever bound on the host's public interfaces (and no userland proxy costs throughput).
            NetworkMode = spec.Network,
            PortBindings = new Dictionary<string, IList<PortBinding>>(),
        },
    };
}
