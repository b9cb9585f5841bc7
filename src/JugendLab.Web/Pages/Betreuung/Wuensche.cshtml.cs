using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Wishes;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// "Wünsche": what residents posted, before anyone else sees it. The mentor shows a wish to everyone or declines it with
/// a note for the other mentors; a shown wish can be taken down again.
/// </summary>
public sealed class WuenscheModel(WishService wishes, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<Wish> Pending { get; private set; } = [];
    public IReadOnlyList<PublicWish> Shown { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostShowAsync(int wish, string? note, CancellationToken ct) =>
        ActAsync(async () => text["WishesShownDone", (await wishes.DecideAsync(User.ToActor(), wish, true, note, ct)).Title], ct);

    public Task<IActionResult> OnPostDeclineAsync(int wish, string? note, CancellationToken ct) =>
        ActAsync(async () => text["WishesDeclinedDone", (await wishes.DecideAsync(User.ToActor(), wish, false, note, ct)).Title], ct);

    public Task<IActionResult> OnPostWithdrawAsync(int wish, string? note, CancellationToken ct) =>
        ActAsync(async () => text["WishesWithdrawnDone", (await wishes.WithdrawAsync(User.ToActor(), wish, note, ct)).Title], ct);

    private async Task<IActionResult> ActAsync(Func<Task<string>> act, CancellationToken ct)
    {
        try
        {
            StatusMessage = await act();
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.NotFound)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Pending = await wishes.PendingAsync(User.ToActor(), ct);
        Shown = await wishes.PublicAsync(ct);
    }
}
