using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;
using JugendLab.Orchestrator.Wishes;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Wuensche;

/// <summary>
/// "Wünsche aus dem Quartier" for everyone: what the neighbourhood wishes for, which team builds it, and the project
/// that answers it. Signed-in youth take a wish on for one of their teams, or give it back.
/// </summary>
public sealed class IndexModel(WishService wishes, TeamService teams, Api.PlatformUrls urls, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<PublicWish> Wishes { get; private set; } = [];

    /// <summary>The teams the signed-in youth is in (staff do not take wishes on for a team: they are not building).</summary>
    public IReadOnlyList<Team> MyTeams { get; private set; } = [];

    public Api.PlatformUrls Urls => urls;
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAdoptAsync(int wish, string team, CancellationToken ct) =>
        await ActAsync(async actor => (await wishes.AdoptAsync(actor, wish, team, ct)).Title, "WishAdopted", ct);

    public async Task<IActionResult> OnPostReleaseAsync(int wish, CancellationToken ct) =>
        await ActAsync(async actor => (await wishes.ReleaseAsync(actor, wish, ct)).Title, "WishReleased", ct);

    private async Task<IActionResult> ActAsync(Func<Orchestrator.Accounts.Actor, Task<string>> act, string done, CancellationToken ct)
    {
        if (!IsSignedIn) return Challenge();
        try
        {
            StatusMessage = text[done, await act(User.ToActor())];
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            await LoadAsync(ct);
            return Page();
        }
    }

    private bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    private async Task LoadAsync(CancellationToken ct)
    {
        Wishes = await wishes.PublicAsync(ct);
        if (IsSignedIn && User.ToActor() is { IsStaff: false } actor) MyTeams = await teams.ListAsync(actor, ct);
    }
}
