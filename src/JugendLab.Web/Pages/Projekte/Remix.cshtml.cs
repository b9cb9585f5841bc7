using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Showcase;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>
/// "Remixen" from the Schaufenster: the youth picks one of their teams and a name (checked like "Neues Projekt"); the copy
/// is made and its first deploy starts, and the page goes on to its live build log. Lives beside "Neues Projekt" (not in
/// the public Schaufenster folder) because it needs a signed-in person. A project that cannot be remixed is a 404.
/// </summary>
public sealed class RemixModel(RemixService remixes, NewProjectService newProjects, TeamService teams, IOptions<DomainOptions> domain,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "project")] public string Slug { get; set; } = "";
    [BindProperty] public RemixInput Input { get; set; } = new();

    public ShowcaseEntry Original { get; private set; } = null!;

    /// <summary>The teams the copy can go into: the person's, except the original's.</summary>
    public IReadOnlyList<string> Teams { get; private set; } = [];

    public string? NameError { get; private set; }

    /// <inheritdoc cref="NeuModel.AddressExample"/>
    public string AddressExample => domain.Value.ProjectUrl("name");

    public static Language Language => PageLanguage.Current;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Team = Teams.FirstOrDefault();
        Input.Name = NewProjectService.Simplify(Slug + "-remix");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Teams.Count == 0) return Page();
        var actor = User.ToActor();
        var team = Input.Team ?? Teams[0];
        if (string.IsNullOrWhiteSpace(Input.Name)) NameError = text["ProjectNameRequired"];
        else if (await newProjects.CheckNameAsync(actor, team, Input.Name, ct) is { Available: false } check) NameError = check.Problem(Language);
        if (NameError is not null) return Refused(nameof(Input.Name), NameError);
        try
        {
            var (project, deploymentId) = await remixes.RemixAsync(actor, Slug, team, Input.Name!, Language, ct);
            return Redirect($"{ProjectTabs.Url(project.Team.Name, project.Slug, ProjectTab.Overview)}/verlauf/{deploymentId}");
        }
        catch (DomainException e) when (e.Kind is not (ErrorKind.NotFound or ErrorKind.Forbidden))
        {
            // The name passed its check above; what is left (the quota, files that are not on the platform) is about the
            // remix as a whole, so it goes at the top.
            return Refused("", e.In(Language));
        }
    }

    /// <summary>The original (a 404 unless it may be remixed) and the person's other teams.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        Original = await remixes.FindOriginalAsync(Slug, ct);
        Teams = (await teams.ListAsync(User.ToActor(), ct)).Where(t => t.Id != Original.Project.TeamId).Select(t => t.Name).ToList();
    }

    private PageResult Refused(string field, string message)
    {
        ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
        return Page();
    }

    /// <summary>What the form sends; shown again when the form is refused.</summary>
    public sealed class RemixInput
    {
        public string? Team { get; set; }
        public string? Name { get; set; }
    }
}
