using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Löschen: says what goes, and deletes the project once its name is typed again.</summary>
public sealed class LoeschenModel(ProjectService projects, ProjectDeletion deletion, IStringLocalizer<SharedResource> text)
    : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.Delete;
    [BindProperty] public string? TypedName { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadProjectAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await deletion.DeleteAsync(User.ToActor(), Team, Slug, TypedName, ct);
        }
        catch (DomainException e) when (e.Kind is not (ErrorKind.NotFound))
        {
            Refused(e, nameof(TypedName));
            await LoadProjectAsync(ct);
            return Page();
        }
        TempData["StatusMessage"] = text["ProjectDeleted", Slug].Value;
        return Redirect("/");
    }
}
