using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Api;

/// <summary>The addresses people see: a project's site, its git remote, an invite's link.</summary>
public sealed class PlatformUrls(IOptions<DomainOptions> domain)
{
    public string Site(Project project) => domain.Value.ProjectUrl(project.Slug);

    public string GitRemote(string team, string slug) => $"{domain.Value.PublicUrl.TrimEnd('/')}/git/{team}/{slug}.git";

    /// <summary>Where an invite code's link and QR code lead: the join page with the code filled in.</summary>
    public string Join(string code) => $"{domain.Value.PublicUrl.TrimEnd('/')}/beitreten/{code}";

    /// <summary>Where a neighbourhood invite (a Matrix registration token) leads: the join page with the token filled in.</summary>
    public string JoinLink(string token) => $"{domain.Value.PublicUrl.TrimEnd('/')}/beitreten?token={Uri.EscapeDataString(token)}";

    public ProjectModel Describe(Project p) => new(
        p.Team.Name, p.Slug, Site(p), GitRemote(p.Team.Name, p.Slug), p.Template, p.DeployBranch, p.MemoryMb, p.Cpus,
        p.Status, p.StatusDetail, p.LiveDeploymentId, p.CreatedAt, p.StoppedBy, p.StopReason);
}
