using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// "Anfragen": the queue of teams asking for more. For each: what the team has, what it uses, what it asks for and why;
/// the mentor gives all, part (by lowering the numbers) or nothing, with a note the team reads. Below, youth asking for a
/// new team: approved, the team exists with its first member; declined, the youth reads the note.
/// </summary>
public sealed class AnfragenModel(QuotaRequestService requests, TeamRequestService teamRequests, TeamUsageService usage,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public sealed record Waiting(QuotaRequest Request, TeamUsage Usage, QuotaInput Grant);

    public IReadOnlyList<Waiting> Pending { get; private set; } = [];
    public IReadOnlyList<QuotaRequest> Decided { get; private set; } = [];
    public IReadOnlyList<TeamRequest> NewTeams { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>The request a refused decision was about: its form shows what the mentor typed.</summary>
    public (int Id, QuotaInput Grant, string? Note)? Refused { get; private set; }

    /// <summary>The new-team request a refused decision was about, and the note the mentor typed.</summary>
    public (int Id, string? Note)? RefusedTeam { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(int id, QuotaInput grant, string? note, CancellationToken ct) =>
        await DecideAsync(id, grant, note, give: true, ct);

    public async Task<IActionResult> OnPostDeclineAsync(int id, QuotaInput grant, string? note, CancellationToken ct) =>
        await DecideAsync(id, grant, note, give: false, ct);

    public async Task<IActionResult> OnPostApproveTeamAsync(int id, string? note, CancellationToken ct) =>
        await DecideTeamAsync(id, note, approve: true, ct);

    public async Task<IActionResult> OnPostDeclineTeamAsync(int id, string? note, CancellationToken ct) =>
        await DecideTeamAsync(id, note, approve: false, ct);

    private async Task<IActionResult> DecideTeamAsync(int id, string? note, bool approve, CancellationToken ct)
    {
        try
        {
            var request = await teamRequests.DecideAsync(User.ToActor(), id, approve, note, ct);
            StatusMessage = text["TeamDecided" + request.Status, request.Name, request.RequestedBy].Value;
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            RefusedTeam = (id, note);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task<IActionResult> DecideAsync(int id, QuotaInput grant, string? note, bool give, CancellationToken ct)
    {
        try
        {
            var request = await requests.DecideAsync(User.ToActor(), id, give ? grant.ToQuota() : null, note, ct);
            StatusMessage = text["DecidedStatus" + request.Status, request.Team.Name].Value;
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            Refused = (id, grant, note);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var waiting = new List<Waiting>();
        foreach (var request in await requests.PendingAsync(actor, ct))
        {
            var grant = Refused is { } r && r.Id == request.Id ? r.Grant : QuotaInput.From(request.Asked);
            waiting.Add(new Waiting(request, await usage.UsageAsync(actor, request.Team.Name, ct), grant));
        }
        Pending = waiting;
        Decided = await requests.DecidedAsync(actor, 20, ct);
        NewTeams = await teamRequests.PendingAsync(actor, ct);
    }
}
