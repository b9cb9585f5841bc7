using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Pages;

/// <summary>
/// "Meine Projekte": every team the person is in, each project as a card, and the way to ask for a new team. Reads through
/// the same services as the API.
/// </summary>
public sealed class IndexModel(TeamService teams, ProjectService projects, TeamRequestService teamRequests, IOptions<DomainOptions> domain) : PageModel
{
    public IReadOnlyList<TeamCards> Teams { get; private set; } = [];

    /// <summary>Youth may ask for a team of their own (staff make teams under Betreuung).</summary>
    public bool MayAskForTeam { get; private set; }

    /// <summary>The youth's request for a new team that waits for a mentor, if any.</summary>
    public TeamRequest? OpenTeamRequest { get; private set; }
    [Microsoft.AspNetCore.Mvc.TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var list = new List<TeamCards>();
        foreach (var team in await teams.ListAsync(actor, ct))
        {
            var latest = await projects.LatestDeploymentsAsync(actor, team.Name, ct);
            var usage = await projects.RecentSamplesAsync(actor, team.Name, ct);
            var cards = (await projects.ListAsync(actor, team.Name, ct))
                .Select(p => ProjectCard.From(p, domain.Value.ProjectUrl(p.Slug), latest.GetValueOrDefault(p.Id), usage.GetValueOrDefault(p.Id)))
                .ToList();
            list.Add(new TeamCards(team.Name, team.Quota.MaxProjects, cards));
        }
        Teams = list;
        MayAskForTeam = !actor.IsStaff;
        if (MayAskForTeam)
            OpenTeamRequest = (await teamRequests.MineAsync(actor, ct)).FirstOrDefault(r => r.Status == TeamRequestStatus.Pending);
    }

    public sealed record TeamCards(string Name, int MaxProjects, IReadOnlyList<ProjectCard> Projects);
}
