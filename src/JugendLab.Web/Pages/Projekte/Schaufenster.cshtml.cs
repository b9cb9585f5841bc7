using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Showcase;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Schaufenster tab: the team decides whether everyone sees the project in the showcase, with which title and words.
/// A remix shows its credit here too, read-only.</summary>
public sealed class SchaufensterModel(ProjectService projects, ShowcaseService showcase, Orchestrator.Wishes.WishService wishes,
    IStringLocalizer<SharedResource> text)
    : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.Showcase;
    [BindProperty] public bool Shown { get; set; }
    [BindProperty] public string? ShowTitle { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool AllowRemix { get; set; }
    [BindProperty] public int? WishId { get; set; }

    /// <summary>The wishes the team has taken on: the project can say it answers one of them.</summary>
    public IReadOnlyList<Orchestrator.Wishes.Wish> Wishes { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>The entry when the project is a remix, for its credit; otherwise null.</summary>
    public ShowcaseEntry? Remix { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        var entry = await showcase.GetAsync(User.ToActor(), Team, Slug, ct);
        Remix = entry.IsRemix ? entry : null;
        (Shown, ShowTitle, Description, AllowRemix, WishId) = (entry.Shown, entry.Title.Length == 0 ? Slug : entry.Title, entry.Description, entry.AllowRemix, entry.WishId);
        Wishes = await wishes.AdoptedByAsync(Project.TeamId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await showcase.SaveAsync(User.ToActor(), Team, Slug, Shown, ShowTitle, Description, AllowRemix, WishId, ct);
            StatusMessage = text[Shown ? "ShowcaseSavedShown" : "ShowcaseSavedHidden"];
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Invalid)
        {
            await LoadProjectAsync(ct);
            Wishes = await wishes.AdoptedByAsync(Project.TeamId, ct);
            var entry = await showcase.GetAsync(User.ToActor(), Team, Slug, ct);
            Remix = entry.IsRemix ? entry : null;
            Refused(e);
            return Page();
        }
    }
}
