using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Teams;

/// <summary>A team: its members (names only), its quota with usage bars and its requests for more, and its projects. The same figures as GET /api/teams/{team}/usage.</summary>
public sealed class IndexModel(TeamUsageService usage, QuotaRequestService requests) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Team { get; set; } = "";

    public TeamUsage Usage { get; private set; } = null!;
    public IReadOnlyList<QuotaRequest> Requests { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>Another team's page ends in the 404 page (the service says "not found", as for a team that does not exist).</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Usage = await usage.UsageAsync(User.ToActor(), Team, ct);
        Requests = await requests.ListForTeamAsync(User.ToActor(), Team, ct);
    }

    public static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
