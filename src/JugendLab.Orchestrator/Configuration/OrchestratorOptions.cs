namespace JugendLab.Orchestrator.Configuration;

/// <summary>Where the platform keeps its state and how it talks to the container engine.</summary>
public sealed class OrchestratorOptions
{
    public const string Section = "JugendLab:Orchestrator";

    /// <summary>Everything the platform keeps: database, bare repositories, build logs. Back this up with the Docker volumes.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Name of this platform in the engine (1-6 lower-case letters or digits). Everything it creates carries it,
    /// so a second platform on the same engine (a test run) never touches this one's containers.</summary>
    public string Instance { get; set; } = "main";

    /// <summary>The Docker engine's API address.</summary>
    public string DockerEndpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>How often the reconciler compares database and engine.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often container CPU and memory use is sampled.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often unused images are pruned.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Images (and static websites' folders) kept per project for rollback (the live one and the three before it); older ones are pruned.</summary>
    public int ImagesKeptPerProject { get; set; } = 4;

    /// <summary>Engine-wide garbage older than this is pruned: dangling images (layers of failed builds) and dangling
    /// anonymous volumes. Young ones are spared, so a build that is running keeps its layers. Zero switches it off
    /// (for an engine shared with others, e.g. a test run beside other people's work).</summary>
    public TimeSpan PruneLeftoversAfter { get; set; } = TimeSpan.FromHours(1);

    public string DatabasePath => Path.Combine(DataDirectory, "jugendlab.db");
    public string RepositoriesDirectory => Path.Combine(DataDirectory, "repos");
    public string LogsDirectory => Path.Combine(DataDirectory, "logs");

    /// <summary>Each project's /data as an ext4 image file, <c>&lt;project id&gt;.ext4</c> (see Runtime/DataVolumes).</summary>
    public string VolumesDirectory => Path.Combine(DataDirectory, "volumes");

    /// <summary>Static websites' files, one folder per deployment that unpacked them (see Deployments/SiteFiles).</summary>
    public string SitesDirectory => Path.Combine(DataDirectory, "sites");

    /// <summary>The full build log of one deployment.</summary>
    public string DeploymentLogPath(int deploymentId) => Path.Combine(LogsDirectory, $"deployment-{deploymentId}.log");
}
