using System.Globalization;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>
/// "Neues Projekt": a name (checked as you type through <see cref="OnGetNameCheckAsync"/>, which the cookie session may call,
/// unlike the API) and a starter; the first deploy starts at once and the page goes on to its live build log.
/// </summary>
public sealed class NeuModel(NewProjectService newProjects, TeamService teams, IOptions<DomainOptions> domain,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Team { get; set; } = "";
    [BindProperty] public NewProjectInput Input { get; set; } = new();

    public string? NameError { get; private set; }
    public string? StarterError { get; private set; }
    public string? GitUrlError { get; private set; }

    public IReadOnlyList<Starter> Starters => Starter.All;

    /// <summary>The address a project gets, with "name" where its name goes: shown with the rules.</summary>
    public string AddressExample => domain.Value.ProjectUrl("name");

    public static Language Language => PageLanguage.Current;

    public async Task OnGetAsync(CancellationToken ct) => await teams.GetAsync(User.ToActor(), Team, ct);

    /// <summary>The live name check; a team the person is not in answers 404 (through the same check as the API).</summary>
    public async Task<IActionResult> OnGetNameCheckAsync(string? name, CancellationToken ct)
    {
        var check = await newProjects.CheckNameAsync(User.ToActor(), Team, name, ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            name = check.Name,
            available = check.Available,
            message = check.Available ? text["ProjectNameFree", check.Name].Value : check.Problem(Language),
        });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        if (string.IsNullOrWhiteSpace(Input.Name)) NameError = text["ProjectNameRequired"];
        else if (await newProjects.CheckNameAsync(actor, Team, Input.Name, ct) is { Available: false } check) NameError = check.Problem(Language);
        if (NameError is not null) return Refused(nameof(Input.Name), NameError);
        try
        {
            var settings = new ProjectSettings(Input.Name, null, null, null, null);
            var (project, deploymentId) = await newProjects.CreateAsync(actor, Team,
                new NewProject(settings, Input.Starter, Input.GitUrl), Language, ct);
            return deploymentId is { } id
                ? Redirect($"{ProjectTabs.Url(Team, project.Slug, ProjectTab.Overview)}/verlauf/{id}")
                : Redirect(ProjectTabs.Url(Team, project.Slug, ProjectTab.Overview));
        }
        catch (DomainException e) when (e.Kind is not (ErrorKind.NotFound or ErrorKind.Forbidden))
        {
            // The name passed its check above, so what is left is the choice of start, the git address, or the quota.
            var message = e.In(Language);
            if (e.Kind == ErrorKind.Conflict) return Refused(nameof(Input.Name), NameError = message);
            if (e.Kind == ErrorKind.Invalid && Input.Starter == Starter.GitKey) return Refused(nameof(Input.GitUrl), GitUrlError = message);
            if (e.Kind == ErrorKind.Invalid) return Refused(nameof(Input.Starter), StarterError = message);
            return Refused("", message);
        }
    }

    private PageResult Refused(string field, string message)
    {
        ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
        return Page();
    }

    /// <summary>What the form sends; all of it is shown again when the form is refused.</summary>
    public sealed class NewProjectInput
    {
        public string? Name { get; set; }
        public string? Starter { get; set; } = Orchestrator.Projects.Starter.All[0].Key;
        public string? GitUrl { get; set; }
    }
}
