using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>"Protokoll": every staff action — who, what, when, why — newest first, filtered by team, person and kind.</summary>
public sealed class ProtokollModel(AuditLog audit, TeamService teams) : PageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Kind { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> TeamNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Entries = await audit.ListAsync(actor, new AuditFilter(Team, Person?.Trim(), Kind, Shown), ct);
        TeamNames = (await teams.ListAsync(actor, ct)).Select(t => t.Name).ToList();
    }
}
