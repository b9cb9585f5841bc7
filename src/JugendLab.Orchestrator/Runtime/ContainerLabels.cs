namespace JugendLab.Orchestrator.Runtime;

/// <summary>The labels every platform container, image, network and volume carries, so the reconciler finds them by label.</summary>
public static class ContainerLabels
{
    public const string Managed = "jugendlab.managed";
    public const string Team = "jugendlab.team";
    public const string Project = "jugendlab.project";
    public const string Deployment = "jugendlab.deployment";

    public static Dictionary<string, string> For(int teamId, int projectId, int deploymentId) => new()
    {
        [Managed] = "true",
        [Team] = teamId.ToString(),
        [Project] = projectId.ToString(),
        [Deployment] = deploymentId.ToString(),
    };

    public static Dictionary<string, string> ForTeam(int teamId) => new() { [Managed] = "true", [Team] = teamId.ToString() };

    public static Dictionary<string, string> ForProject(int teamId, int projectId) =>
        new() { [Managed] = "true", [Team] = teamId.ToString(), [Project] = projectId.ToString() };

    public static int? Read(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) && int.TryParse(value, out var id) ? id : null;
}
