namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Project images are named <c>jugendlab-app/&lt;slug&gt;:&lt;deployment id&gt;</c>. The name carries what labels would,
/// because the engine's classic builder turns every build label into an extra build step.
/// </summary>
public static class ImageNames
{
    public const string Repository = "jugendlab-app";

    public static string For(string slug, int deploymentId) => $"{Repository}/{slug}:{deploymentId}";

    public static (string Slug, int DeploymentId)? Parse(string tag)
    {
        var prefix = Repository + "/";
        var colon = tag.LastIndexOf(':');
        if (!tag.StartsWith(prefix, StringComparison.Ordinal) || colon < prefix.Length) return null;
        return int.TryParse(tag[(colon + 1)..], out var id) ? (tag[prefix.Length..colon], id) : null;
    }
}
