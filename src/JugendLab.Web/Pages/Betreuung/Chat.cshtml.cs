using JugendLab.Orchestrator.Matrix;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// "Quartier-Chat": how the neighbourhood's homeserver is doing (running, accounts, rooms), and invites for neighbours:
/// a link and a QR code that lets a number of people make an account until a date. Open invites can be withdrawn.
/// </summary>
public sealed class ChatModel(HomeserverOverview overview, NeighbourInvites invites, ChatModeration moderation, PlatformUrls urls,
    IStringLocalizer<SharedResource> text, TimeProvider time) : StaffPageModel
{
    public HomeserverReport Report { get; private set; } = null!;
    public IReadOnlyList<NeighbourInvite> Open { get; private set; } = [];
    public IReadOnlyList<ChatReport> Reports { get; private set; } = [];
    public IReadOnlyList<NeighbourAccount> Accounts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public int Uses { get; set; } = 1;
    [BindProperty] public int Days { get; set; } = NeighbourInvite.DefaultValidDays;
    /// <summary>The invite just made, shown as a card with its QR code after the redirect.</summary>
    [TempData] public string? NewToken { get; set; }

    public string Link(NeighbourInvite invite) => urls.JoinLink(invite.Token);

    /// <summary>Why deactivating <paramref name="userId"/> was refused (no reason given), next to its form.</summary>
    public string? DeactivateError(string userId) => ErrorFor("reason-" + userId);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) =>
        ActAsync(async c =>
        {
            var invite = await invites.CreateAsync(User.ToActor(), Uses, time.GetUtcNow().AddDays(Days), c);
            NewToken = invite.Token;
            return Uses == 1 ? text["ChatInviteMadeOne"] : text["ChatInviteMade", Uses];
        }, ct, nameof(Uses));

    public Task<IActionResult> OnPostRevokeAsync(string token, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await invites.RevokeAsync(User.ToActor(), token, c);
            return text["ChatInviteRevoked"];
        }, ct);

    /// <summary>Deactivates an account (from the list, or from a report about its message, which is then done too).</summary>
    public Task<IActionResult> OnPostDeactivateAsync(string userId, string? reason, long? report, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await moderation.DeactivateAsync(User.ToActor(), userId, reason, c);
            if (report is { } id) await moderation.DismissReportAsync(User.ToActor(), id, reason, c);
            return text["ChatDeactivated", userId];
        }, ct, "reason-" + userId);

    public Task<IActionResult> OnPostDismissAsync(long report, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await moderation.DismissReportAsync(User.ToActor(), report, null, c);
            return text["ChatReportDismissed"];
        }, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Report = await overview.ReadAsync(User.ToActor(), ct);
        if (Report.State == HomeserverState.Ready)
        {
            Open = (await invites.ListAsync(User.ToActor(), ct)).Where(i => i.StateAt(Now) == NeighbourInviteState.Open).ToList();
            Reports = await moderation.ReportsAsync(User.ToActor(), ct);
            Accounts = await moderation.AccountsAsync(User.ToActor(), ct);
        }
    }
}
