using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>
/// One version and its full build log, rendered on the server (works without JavaScript); while its deploy runs, the
/// script follows the log live from <see cref="BuildLogStream"/> and one status line says the phase in words.
/// </summary>
public sealed class VersionModel(ProjectService projects, BuildLogFeed feed, PlatformUrls urls) : ProjectPageModel(projects)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public override ProjectTab Tab => ProjectTab.History;
    public Deployment Deployment { get; private set; } = null!;
    public VersionState State { get; private set; }
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>A long log is shown from its end, so the page stays light on a phone; the whole log is one link away.</summary>
    public const int ShownBytes = 96 * 1024;

    /// <summary>The lines the page shows: all, or the last ones up to <see cref="ShownBytes"/>.</summary>
    public IReadOnlyList<string> ShownLines { get; private set; } = [];
    public int OmittedLines => Lines.Count - ShownLines.Count;
    public BuildProgress Progress { get; private set; } = new();
    public string SiteUrl { get; private set; } = "";

    public bool Running => State is VersionState.Building or VersionState.Starting;
    public string StreamUrl => BuildLogStream.PageUrl(Team, Slug, Id);
    public string HistoryUrl => TabUrl(ProjectTab.History);
    public string SelfUrl => ProjectTabs.VersionUrl(Team, Slug, Id);

    /// <summary>The first line of the error, for the short status line (the log has all of it).</summary>
    public string ErrorLine => Deployment.Error?.Split('\n', 2)[0] ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Asked before the deployment is read: a deploy that ends in between then reads as finished, never as cut off.
        var running = feed.IsRunning(Id);
        var (project, deployment) = await Projects.FindDeploymentAsync(User.ToActor(), Team, Slug, Id, ct);
        await LoadProjectAsync(ct);
        Deployment = deployment;
        State = VersionStates.Of(deployment, running);
        Lines = await feed.LinesAsync(Id, ct);
        ShownLines = LastLines(Lines, ShownBytes);
        Progress = BuildProgress.Of(Lines);
        SiteUrl = urls.Site(project);
        if (Running) Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The whole build log as plain text, for a log too long to show on the page.</summary>
    public async Task<IActionResult> OnGetRawAsync(CancellationToken ct)
    {
        await Projects.FindDeploymentAsync(User.ToActor(), Team, Slug, Id, ct);
        var lines = await feed.LinesAsync(Id, ct);
        return Content(string.Join("\n", lines) + "\n", "text/plain; charset=utf-8");
    }

    internal static IReadOnlyList<string> LastLines(IReadOnlyList<string> lines, int maxBytes)
    {
        var bytes = 0;
        var first = lines.Count;
        while (first > 0 && bytes + System.Text.Encoding.UTF8.GetByteCount(lines[first - 1]) + 1 <= maxBytes)
            bytes += System.Text.Encoding.UTF8.GetByteCount(lines[--first]) + 1;
        return first == 0 ? lines : lines.Skip(first).ToList();
    }
}
