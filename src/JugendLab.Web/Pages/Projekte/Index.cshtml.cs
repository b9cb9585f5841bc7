using System.Globalization;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Übersicht: the status, the address, the live version, and how to push.</summary>
public sealed class IndexModel(ProjectService projects, PlatformUrls urls) : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.Overview;
    public CardStatus Status { get; private set; }
    public Deployment? Live { get; private set; }
    public Deployment? Latest { get; private set; }
    public string Url { get; private set; } = "";
    public string GitRemote { get; private set; } = "";

    /// <summary>Why "Neu veröffentlichen" was refused, in the person's language.</summary>
    public string? RedeployError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        var deployments = await Projects.DeploymentsAsync(User.ToActor(), Team, Slug, ct);
        Latest = deployments.FirstOrDefault();
        Live = deployments.FirstOrDefault(d => d.Id == Project.LiveDeploymentId);
        Status = ProjectCard.StatusOf(Project.Status, Latest?.Status);
        Url = urls.Site(Project);
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
}
