using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>
/// What every tab of a project page shares: the team and project from the address, the project loaded through the same
/// service as the API (so a project of another team is "not found", never shown), and which tab is open.
/// </summary>
public abstract class ProjectPageModel(ProjectService projects) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Team { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "project")] public string Slug { get; set; } = "";

    public Project Project { get; private set; } = null!;

    /// <summary>The open tab, for the tab list's aria-current.</summary>
    public abstract ProjectTab Tab { get; }

    protected ProjectService Projects => projects;

    /// <summary>Loads the project; a missing one, or one of a team the person may not see, ends in the 404 page.</summary>
    protected async Task LoadProjectAsync(CancellationToken ct) =>
        Project = await projects.GetAsync(User.ToActor(), Team, Slug, ct);

    /// <summary>The language the page is shown in, for messages from the services.</summary>
    protected static Language UiLanguage => PageLanguage.Current;

    /// <summary>Shows a refused action next to the form, in the page's language; what was typed stays in the form.</summary>
    protected void Refused(DomainException refusal, string field = "") => ModelState.AddModelError(field, refusal.In(UiLanguage));

    /// <summary>The address of one of this project's tabs.</summary>
    public string TabUrl(ProjectTab tab) => ProjectTabs.Url(Team, Slug, tab);
}
