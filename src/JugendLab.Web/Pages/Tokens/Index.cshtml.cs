using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Tokens;

/// <summary>
/// "Zugangs-Tokens": list, create, revoke. A new token is shown in the answer to the form itself, once, and never stored
/// in plain text — not even in TempData — which is why this one form skips post-redirect-get. That answer is not cached.
/// </summary>
public sealed class IndexModel(AccountService accounts, TeamService teams, ProjectService projects, PlatformUrls urls,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<AccessToken> Tokens { get; private set; } = [];
    public (AccessToken Token, string Plain)? Created { get; private set; }
    public IReadOnlyList<string> Remotes { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await accounts.ListTokensAsync(User.ToActor(), ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct)
    {
        var actor = User.ToActor();
        Created = await accounts.CreateTokenAsync(actor, name, ct);
        Remotes = await RemotesAsync(actor, Created.Value.Plain, ct);
        Tokens = await accounts.ListTokensAsync(actor, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var actor = User.ToActor();
        var token = (await accounts.ListTokensAsync(actor, ct)).FirstOrDefault(t => t.Id == id);
        await accounts.RevokeTokenAsync(actor, id, ct);
        StatusMessage = text["TokenWasRevoked", token?.Name ?? id.ToString()];
        return RedirectToPage();
    }

    /// <summary>The ready-made `git remote add` line for each project of the person's teams.</summary>
    private async Task<IReadOnlyList<string>> RemotesAsync(Actor actor, string token, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var team in await teams.ListAsync(actor, ct))
        {
            if (!actor.IsStaff || team.HasMember(actor.UserId))
                foreach (var project in await projects.ListAsync(actor, team.Name, ct))
                    lines.Add($"git remote add lab {WithCredentials(urls.GitRemote(team.Name, project.Slug), actor.Name, token)}");
        }
        return lines;
    }

    private static string WithCredentials(string url, string user, string token) =>
        new UriBuilder(url) { UserName = Uri.EscapeDataString(user), Password = token }.Uri.ToString();
}
