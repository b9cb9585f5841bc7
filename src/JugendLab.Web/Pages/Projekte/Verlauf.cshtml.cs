using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Verlauf: every version of the project, newest first, each with a link to its build log.</summary>
public sealed class VerlaufModel(ProjectService projects, BuildLogFeed feed) : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.History;
    public IReadOnlyList<Deployment> Deployments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        Deployments = await Projects.DeploymentsAsync(User.ToActor(), Team, Slug, ct);
    }

    public VersionState StateOf(Deployment deployment) => VersionStates.Of(deployment, feed.IsRunning(deployment.Id));

    public string VersionUrl(Deployment deployment) => ProjectTabs.VersionUrl(Team, Slug, deployment.Id);
}
