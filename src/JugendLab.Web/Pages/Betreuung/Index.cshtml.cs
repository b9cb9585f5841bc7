using JugendLab.Orchestrator.Invites;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>The mentors' start page: what waits for them, what went wrong lately, and how the box itself is doing.</summary>
public sealed class IndexModel(InviteService invites, QuotaRequestService requests, TeamRequestService teamRequests,
    Orchestrator.Reports.ReportService reports, Orchestrator.Wishes.WishService wishes, Orchestrator.Health.BoxHealth health,
    TimeProvider time) : PageModel
{
    public int OpenInvites { get; private set; }

    /// <summary>Open requests of both kinds: for more quota and for a new team (both wait under Anfragen).</summary>
    public int PendingRequests { get; private set; }

    public int PendingTeamRequests { get; private set; }

    public int OpenReports { get; private set; }
    public int PendingWishes { get; private set; }
    public Orchestrator.Health.HealthReport Health { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        OpenReports = await reports.OpenCountAsync(User.ToActor(), ct);
        PendingWishes = await wishes.PendingCountAsync(User.ToActor(), ct);
        Health = await health.ReadAsync(User.ToActor(), ct);
        PendingTeamRequests = (await teamRequests.PendingAsync(User.ToActor(), ct)).Count;
        PendingRequests = (await requests.PendingAsync(User.ToActor(), ct)).Count + PendingTeamRequests;
        OpenInvites = (await invites.ListAsync(User.ToActor(), ct)).Count(i => i.StateAt(now) == InviteState.Open);
    }
}
