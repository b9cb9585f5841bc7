namespace JugendLab.Web.Pages.Projekte;

/// <summary>The tabs of a project page, in the order they are shown.</summary>
public enum ProjectTab { Overview, History, Logs, Resources, Showcase, Settings, Delete }

/// <summary>Each tab's address (under /projekte/{team}/{project}) and the text key of its name.</summary>
public static class ProjectTabs
{
    public static readonly IReadOnlyList<(ProjectTab Tab, string Path, string TextKey)> All =
    [
        (ProjectTab.Overview, "", "TabOverview"),
        (ProjectTab.History, "verlauf", "TabHistory"),
        (ProjectTab.Logs, "logs", "TabLogs"),
        (ProjectTab.Resources, "ressourcen", "TabResources"),
        (ProjectTab.Showcase, "schaufenster", "TabShowcase"),
        (ProjectTab.Settings, "einstellungen", "TabSettings"),
        (ProjectTab.Delete, "loeschen", "TabDelete"),
    ];

    /// <summary>The page of one version, with its build log (live while it runs).</summary>
    public static string VersionUrl(string team, string project, int deploymentId) =>
        $"/projekte/{Uri.EscapeDataString(team)}/{Uri.EscapeDataString(project)}/verlauf/{deploymentId}";

    public static string Url(string team, string project, ProjectTab tab)
    {
        var path = All.First(t => t.Tab == tab).Path;
        var root = $"/projekte/{Uri.EscapeDataString(team)}/{Uri.EscapeDataString(project)}";
        return path.Length == 0 ? root : $"{root}/{path}";
    }
}
