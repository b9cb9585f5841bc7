using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Web.Pages;

/// <summary>What a project card shows: the status as a word and a colour (never colour alone), the address, the newest version.</summary>
/// <remarks><see cref="Usage"/>: the newest memory sample while the project is live, for the card's small usage bar.</remarks>
public sealed record ProjectCard(string Slug, string Url, CardStatus Status, Deployment? Latest, string? StoppedBy, string? StopReason,
    ResourceSample? Usage = null)
{
    public static ProjectCard From(Project project, string url, Deployment? latest, ResourceSample? usage = null) =>
        new(project.Slug, url, StatusOf(project.Status, latest?.Status), latest, project.StoppedBy, project.StopReason,
            project.Status == ProjectStatus.Live && usage is { MemoryLimitBytes: > 0 } ? usage : null);

    public long UsedMb => (Usage?.MemoryBytes ?? 0) / (1024 * 1024);
    public long LimitMb => (Usage?.MemoryLimitBytes ?? 0) / (1024 * 1024);

    /// <summary>A build under way shows first; otherwise the project's own state; a never-live project whose last try failed shows the error.</summary>
    public static CardStatus StatusOf(ProjectStatus project, DeploymentStatus? latest) => (project, latest) switch
    {
        (_, DeploymentStatus.Building or DeploymentStatus.Starting) => CardStatus.Building,
        (ProjectStatus.Live, _) => CardStatus.Live,
        (ProjectStatus.Stopped, _) => CardStatus.Stopped,
        (ProjectStatus.Crashed, _) => CardStatus.Crashed,
        (ProjectStatus.NotDeployed, DeploymentStatus.Failed) => CardStatus.Failed,
        _ => CardStatus.Empty,
    };
}

/// <summary>The five words a youth sees for a project (plus "empty" for a new one); each has its text key and CSS class.</summary>
public enum CardStatus { Live, Building, Failed, Stopped, Crashed, Empty }

public static class CardStatusText
{
    public static string Key(this CardStatus status) => "Status" + status;
    public static string CssClass(this CardStatus status) => "status-" + status.ToString().ToLowerInvariant();
}
