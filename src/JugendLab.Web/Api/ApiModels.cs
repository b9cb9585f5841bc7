using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Web.Api;

// What the JSON API takes and gives. Entities never leave the server as they are: no hashes, no internals.

public sealed record CreateTeamRequest(string Name);
public sealed record AddMemberRequest(string User);
public sealed record QuotaModel(int MaxProjects, int MemoryMb, double Cpus, int DiskMb)
{
    public static QuotaModel From(Quota q) => new(q.MaxProjects, q.MemoryMb, q.Cpus, q.DiskMb);
    public Quota ToQuota() => new(MaxProjects, MemoryMb, Cpus, DiskMb);
}
public sealed record TeamModel(string Name, IReadOnlyList<string> Members, QuotaModel Quota, DateTimeOffset CreatedAt);

public sealed record CreateProjectRequest(string Name, Template? Template, string? DeployBranch, int? MemoryMb, double? Cpus);
public sealed record UpdateProjectRequest(Template? Template, string? DeployBranch, int? MemoryMb, double? Cpus);
public sealed record ProjectModel(
    string Team, string Name, string Url, string GitRemote, Template? Template, string DeployBranch, int MemoryMb, double Cpus,
    ProjectStatus Status, string? StatusDetail, int? LiveDeploymentId, DateTimeOffset CreatedAt);

public sealed record DeployFromUrlRequest(string GitUrl, string? Ref);
public sealed record DeploymentModel(
    int Id, DeploymentStatus Status, string Source, string? Commit, Template? Template, string? Image, string? RequestedBy,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public static DeploymentModel From(Deployment d) =>
        new(d.Id, d.Status, d.Source, d.Commit, d.Template, d.Image, d.RequestedBy, d.Error, d.CreatedAt, d.FinishedAt);
}
public sealed record DeploymentWithLogModel(DeploymentModel Deployment, string Log);

public sealed record CreateUserRequest(string Name, Role? Role, string? Password);
public sealed record UserModel(string Name, Role Role);
public sealed record CreatedUserModel(string Name, Role Role, string Password);
public sealed record CreateTokenRequest(string? Name);
public sealed record TokenModel(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static TokenModel From(AccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.RevokedAt);
}
public sealed record CreatedTokenModel(int Id, string Name, string Token, string Hint);

public sealed record UsageSampleModel(DateTimeOffset At, double CpuPercent, long MemoryBytes, long MemoryLimitBytes);
