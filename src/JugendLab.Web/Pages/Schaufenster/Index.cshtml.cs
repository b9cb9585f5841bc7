using JugendLab.Orchestrator.Showcase;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Schaufenster;

/// <summary>The public Schaufenster on the platform's own address: what the neighbourhood's youth built, for everyone.
/// A signed-in person also sees "Remixen" on the projects they may copy into one of their teams.</summary>
public sealed class IndexModel(ShowcaseService showcase, TeamService teams, PlatformUrls urls) : PageModel
{
    public IReadOnlyList<ShowcaseEntry> Entries { get; private set; } = [];
    public PlatformUrls Urls => urls;

    /// <summary>The teams of the signed-in person (none for a visitor without an account).</summary>
    private IReadOnlyList<Team> _teams = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entries = await showcase.PublicAsync(ct);
        if (User.Identity is { IsAuthenticated: true, AuthenticationType: WebApp.CookieScheme })
            _teams = await teams.ListAsync(User.ToActor(), ct);
    }

    /// <summary>A remix goes into another team than the original's (<see cref="RemixRules.EnsureCanRemixInto"/>).</summary>
    public bool CanRemix(ShowcaseEntry entry) => entry.AllowRemix && _teams.Any(t => t.Id != entry.Project.TeamId);
}
