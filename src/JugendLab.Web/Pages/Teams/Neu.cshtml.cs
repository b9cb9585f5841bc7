using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Teams;

/// <summary>"Neues Team anfragen": a youth asks for a team of their own, and reads the answers with the mentor's note.</summary>
public sealed class NeuModel(TeamRequestService requests, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public string? TeamName { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    public IReadOnlyList<TeamRequest> Mine { get; private set; } = [];
    public TeamRequest? Open => Mine.FirstOrDefault(r => r.Status == TeamRequestStatus.Pending);
    public bool IsStaff => User.ToActor().IsStaff;
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Mine = await requests.MineAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await requests.AskAsync(User.ToActor(), TeamName, Purpose, ct);
            StatusMessage = text["NewTeamSent"].Value;
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            Mine = await requests.MineAsync(User.ToActor(), ct);
            return Page();
        }
    }
}
