using JugendLab.Orchestrator.Invites;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>The mentors' start page: what waits for them, and the way to each section.</summary>
public sealed class IndexModel(InviteService invites, QuotaRequestService requests, Orchestrator.Reports.ReportService reports, TimeProvider time) : PageModel
{
    public int OpenInvites { get; private set; }
    public int PendingRequests { get; private set; }
    public int OpenReports { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        OpenReports = await reports.OpenCountAsync(User.ToActor(), ct);
        PendingRequests = (await requests.PendingAsync(User.ToActor(), ct)).Count;
        OpenInvites = (await invites.ListAsync(User.ToActor(), ct)).Count(i => i.StateAt(now) == InviteState.Open);
    }
}
