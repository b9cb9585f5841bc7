using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>Every team with its members and projects against its quota; a mentor makes a new team here.</summary>
public sealed class TeamsModel(TeamService teams, ProjectService projects, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public sealed record TeamLine(Team Team, int Projects);

    public IReadOnlyList<TeamLine> Teams { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }
    public string? NameError => ErrorFor(nameof(Name));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ActAsync(async c =>
        {
            var team = await teams.CreateAsync(User.ToActor(), Name?.Trim().ToLowerInvariant() ?? "", c);
            return text["TeamCreated", team.Name];
        }, ct, nameof(Name));

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        var lines = new List<TeamLine>();
        foreach (var team in await teams.ListAsync(actor, ct))
            lines.Add(new TeamLine(team, (await projects.ListAsync(actor, team.Name, ct)).Count));
        Teams = lines;
    }
}
