namespace JugendLab.Orchestrator.Configuration;

/// <summary>Limits for one build. A runaway build must never freeze the box the neighbourhood's chat runs on.</summary>
public sealed class BuildOptions
{
    public const string Section = "JugendLab:Build";

    public int MemoryMb { get; set; } = 1024;
    public double Cpus { get; set; } = 1.0;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest build context (the repository's files) accepted.</summary>
    public int MaxContextMb { get; set; } = 200;

    /// <summary>Largest push accepted by the git endpoint.</summary>
    public int MaxPushMb { get; set; } = 100;

    /// <summary>npm registry passed into node builds, so a box with a local mirror uses it. Empty: the image's default.</summary>
    public string NpmRegistry { get; set; } = "";
}
