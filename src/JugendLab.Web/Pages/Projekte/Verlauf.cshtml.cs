using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Errors;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Verlauf: every version of the project, newest first, each with a link to its build log.</summary>
public sealed class VerlaufModel(ProjectService projects, BuildLogFeed feed, KeptVersions versions) : ProjectPageModel(projects)
{
    /// <summary>Versions per page: a project with hundreds of pushes still loads fast on a phone.</summary>
    public const int PageSize = 30;

    public override ProjectTab Tab => ProjectTab.History;
    public IReadOnlyList<Deployment> Deployments { get; private set; } = [];

    /// <summary>The versions with a "Zu dieser Version zurück" button: the last ones that were online, with a kept image.</summary>
    public IReadOnlySet<int> CanGoBackTo { get; private set; } = new HashSet<int>();

    /// <summary>Show versions older than this one (the next page); null for the newest.</summary>
    [BindProperty(SupportsGet = true, Name = "vor")] public int? Before { get; set; }
    public int? OlderFrom { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>"Zu dieser Version zurück": starts the kept image again and opens its live build log.</summary>
    public async Task<IActionResult> OnPostRollbackAsync(int id, CancellationToken ct)
    {
        try
        {
            var started = await versions.GoBackAsync(User.ToActor(), Team, Slug, id, UiLanguage, ct);
            return Redirect(ProjectTabs.VersionUrl(Team, Slug, started));
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.Invalid)
        {
            Refused(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        var all = await Projects.DeploymentsAsync(User.ToActor(), Team, Slug, ct);
        CanGoBackTo = await versions.ChoicesAsync(Project, all, ct);
        var page = all.Where(d => Before is null || d.Id < Before).Take(PageSize + 1).ToList();
        OlderFrom = page.Count > PageSize ? page[PageSize - 1].Id : null;
        Deployments = page.Take(PageSize).ToList();
    }

    public VersionState StateOf(Deployment deployment) => VersionStates.Of(deployment, feed.IsRunning(deployment.Id));

    public string VersionUrl(Deployment deployment) => ProjectTabs.VersionUrl(Team, Slug, deployment.Id);
}
