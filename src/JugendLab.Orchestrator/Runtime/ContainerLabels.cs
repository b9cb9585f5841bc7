namespace JugendLab.Orchestrator.Runtime;

/// <summary>The labels every platform container, network and volume carries, so the reconciler finds them by label.</summary>
public static class ContainerLabels
{
    /// <summary>Its value is the platform instance that owns the object.</summary>
    public const string Managed = "jugendlab.managed";
    public const string Team = "jugendlab.team";
    public const string Project = "jugendlab.project";
    public const string Deployment = "jugendlab.deployment";

    public static int? Read(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) && int.TryParse(value, out var id) ? id : null;
}
