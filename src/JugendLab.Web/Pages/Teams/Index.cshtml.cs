using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Teams;

/// <summary>A team: its members (names only), its quota with usage bars, and its projects. The same figures as GET /api/teams/{team}/usage.</summary>
public sealed class IndexModel(TeamUsageService usage) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Team { get; set; } = "";

    public TeamUsage Usage { get; private set; } = null!;

    /// <summary>Another team's page ends in the 404 page (the service says "not found", as for a team that does not exist).</summary>
    public async Task OnGetAsync(CancellationToken ct) => Usage = await usage.UsageAsync(User.ToActor(), Team, ct);

    public static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
