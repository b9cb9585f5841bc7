using JugendLab.Orchestrator.Wishes;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// "Wünsche": what residents posted, before anyone else sees it. The mentor shows a wish to everyone or declines it with
/// a note for the other mentors; a shown wish can be taken down again.
/// </summary>
public sealed class WuenscheModel(WishService wishes, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public IReadOnlyList<Wish> Pending { get; private set; } = [];
    public IReadOnlyList<PublicWish> Shown { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostShowAsync(int wish, string? note, CancellationToken ct) =>
        ActAsync(async c => text["WishesShownDone", (await wishes.DecideAsync(User.ToActor(), wish, true, note, c)).Title], ct);

    public Task<IActionResult> OnPostDeclineAsync(int wish, string? note, CancellationToken ct) =>
        ActAsync(async c => text["WishesDeclinedDone", (await wishes.DecideAsync(User.ToActor(), wish, false, note, c)).Title], ct);

    public Task<IActionResult> OnPostWithdrawAsync(int wish, string? note, CancellationToken ct) =>
        ActAsync(async c => text["WishesWithdrawnDone", (await wishes.WithdrawAsync(User.ToActor(), wish, note, c)).Title], ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Pending = await wishes.PendingAsync(User.ToActor(), ct);
        Shown = await wishes.PublicAsync(ct);
    }
}
