using JugendLab.Orchestrator.Deployments;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>What a youth sees for one version: its state as a word and a colour, and how long its deploy took.</summary>
public enum VersionState { Live, Retired, Failed, Building, Starting, Interrupted }

public static class VersionStates
{
    /// <summary>An unfinished deployment that no deploy is working on any more was cut off (e.g. by a restart).</summary>
    public static VersionState Of(Deployment deployment, bool running) => deployment.Status switch
    {
        DeploymentStatus.Live => VersionState.Live,
        DeploymentStatus.Retired => VersionState.Retired,
        DeploymentStatus.Failed => VersionState.Failed,
        _ when !running => VersionState.Interrupted,
        DeploymentStatus.Starting => VersionState.Starting,
        _ => VersionState.Building,
    };

    public static string Key(this VersionState state) => "VersionState" + state;

    public static string CssClass(this VersionState state) => state switch
    {
        VersionState.Live => "status-live",
        VersionState.Failed => "status-failed",
        VersionState.Building or VersionState.Starting => "status-building",
        _ => "status-stopped",
    };

    /// <summary>"1 min 5 s", or null while the deploy runs.</summary>
    public static string? Duration(Deployment deployment, IStringLocalizer text)
    {
        if (deployment.FinishedAt is not { } end) return null;
        var seconds = (int)Math.Max(0, Math.Round((end - deployment.CreatedAt).TotalSeconds));
        return seconds < 60 ? text["DurationSeconds", seconds] : text["DurationMinutes", seconds / 60, seconds % 60];
    }

    /// <summary>Where the code came from, in words.</summary>
    public static string Source(Deployment deployment, IStringLocalizer text) => deployment.Source switch
    {
        "push" => text["VersionSourcePush"],
        "web" => text["VersionSourceWeb"],
        "rollback" => text["VersionSourceRollback", deployment.BasedOn?.ToString() ?? "–"],
        "settings" => text["VersionSourceSettings"],
        var url => text["VersionSourceUrl", url],
    };

    public static string ShortCommit(string? commit) => commit is null ? "–" : commit.Length > 7 ? commit[..7] : commit;
}
