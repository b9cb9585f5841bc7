using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Invites;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>"Einladungen": make invite codes for a team, see which are open and who joined with which, withdraw open ones.</summary>
public sealed class EinladungenModel(InviteService invites, TeamService teams, IStringLocalizer<SharedResource> text, TimeProvider time)
    : PageModel
{
    public IReadOnlyList<string> TeamNames { get; private set; } = [];
    public IReadOnlyList<InviteCode> Open { get; private set; } = [];
    public IReadOnlyList<InviteCode> Closed { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty] public int Count { get; set; } = 1;
    [BindProperty] public int Days { get; set; } = InviteCode.DefaultValidDays;
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            var made = await invites.CreateAsync(User.ToActor(), Team ?? "", Count, Days, ct);
            StatusMessage = made.Count == 1 ? text["InvitesCreatedOne", Team!] : text["InvitesCreated", made.Count, Team!];
            return made.Count == 1 ? RedirectToPage("/Betreuung/Einladung", new { id = made[0].Id }) : RedirectToPage(new { team = Team });
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Invalid)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        try
        {
            var invite = await invites.RevokeAsync(User.ToActor(), id, ct);
            StatusMessage = text["InviteRevoked", invite.Display];
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Conflict)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Now = time.GetUtcNow();
        TeamNames = (await teams.ListAsync(actor, ct)).Select(t => t.Name).ToList();
        var all = await invites.ListAsync(actor, ct);
        Open = all.Where(i => i.StateAt(Now) == InviteState.Open).ToList();
        Closed = all.Where(i => i.StateAt(Now) != InviteState.Open).ToList();
    }
}
