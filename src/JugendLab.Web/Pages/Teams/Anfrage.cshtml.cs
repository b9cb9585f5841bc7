using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Teams;

/// <summary>"Mehr anfragen": the team asks its mentors for more projects, memory, CPU or disk, in its own words.</summary>
public sealed class AnfrageModel(TeamService teams, QuotaRequestService requests, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Team { get; set; } = "";
    [BindProperty] public QuotaInput Input { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    public Quota Current { get; private set; } = Quota.Default;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = (await teams.GetAsync(User.ToActor(), Team, ct)).Quota;
        Input = QuotaInput.From(Current);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Current = (await teams.GetAsync(actor, Team, ct)).Quota;
        try
        {
            await requests.AskAsync(actor, Team, Input.ToQuota(), Reason, ct);
            TempData["StatusMessage"] = text["QuotaRequestSent"].Value;
            return Redirect($"/teams/{Uri.EscapeDataString(Team)}");
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            return Page();
        }
    }
}
