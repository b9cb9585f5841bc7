using System.Globalization;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using JugendLab.Orchestrator.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Übersicht: the status, the address, the live version, and how to push.</summary>
public sealed class IndexModel(ProjectService projects, PlatformUrls urls) : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.Overview;
    public CardStatus Status { get; private set; }
    public Deployment? Live { get; private set; }
    public Deployment? Latest { get; private set; }
    public string SiteUrl { get; private set; } = "";
    public string GitRemote { get; private set; } = "";

    /// <summary>Why "Neu veröffentlichen" was refused, in the person's language.</summary>
    public string? RedeployError { get; private set; }

    /// <summary>The clone command with a new token in it, shown once in the answer to its form (like Pages/Tokens), never stored.</summary>
    public string? CloneCommand { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        var deployments = await Projects.DeploymentsAsync(User.ToActor(), Team, Slug, ct);
        Latest = deployments.FirstOrDefault();
        Live = deployments.FirstOrDefault(d => d.Id == Project.LiveDeploymentId);
        Status = ProjectCard.StatusOf(Project.Status, Latest?.Status);
        SiteUrl = urls.Site(Project);
        GitRemote = urls.GitRemote(Team, Slug);
    }

    /// <summary>"Neu veröffentlichen": starts the deploy and opens its live build log at once; a refusal shows here.</summary>
    public async Task<IActionResult> OnPostRedeployAsync([FromServices] BackgroundDeploys deploys, CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        try
        {
            var id = await deploys.RedeployAsync(Project, User.ToActor(), english ? Language.English : Language.German, ct);
            return Redirect(ProjectTabs.VersionUrl(Team, Slug, id));
        }
        catch (DomainException e)
        {
            // Also a staff stop (Forbidden): the person may see the project, so they get the reason, not the 404 page.
            RedeployError = e.In(english ? Language.English : Language.German);
        }
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>"Clone-Befehl mit neuem Token zeigen": makes a token for this person and shows `git clone` with it, once, uncached.</summary>
    public async Task<IActionResult> OnPostCloneCommandAsync([FromServices] AccountService accounts,
        [FromServices] IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        await OnGetAsync(ct);
        var actor = User.ToActor();
        var (_, token) = await accounts.CreateTokenAsync(actor, text["CloneTokenName", Slug], ct);
        var remote = new UriBuilder(GitRemote) { UserName = Uri.EscapeDataString(actor.Name), Password = token }.Uri.ToString();
        CloneCommand = $"git clone {remote}";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
