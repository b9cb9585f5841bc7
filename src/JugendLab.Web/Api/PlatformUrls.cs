using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Api;

/// <summary>The addresses people see: a project's site and its git remote.</summary>
public sealed class PlatformUrls(IOptions<DomainOptions> domain)
{
    public string Site(Project project) => domain.Value.ProjectUrl(project.Slug);

    public string GitRemote(string team, string slug) => $"{domain.Value.PublicUrl.TrimEnd('/')}/git/{team}/{slug}.git";

    public ProjectModel Describe(Project p) => new(
        p.Team.Name, p.Slug, Site(p), GitRemote(p.Team.Name, p.Slug), p.Template, p.DeployBranch, p.MemoryMb, p.Cpus,
        p.Status, p.StatusDetail, p.LiveDeploymentId, p.CreatedAt, p.StoppedBy, p.StopReason);
}
