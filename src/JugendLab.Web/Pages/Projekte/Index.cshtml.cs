using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;

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
}
