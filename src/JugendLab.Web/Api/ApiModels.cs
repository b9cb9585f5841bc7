using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
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
/// <summary>A new quota for a team, set by staff; the reason goes into the audit log.</summary>
public sealed record SetQuotaRequest(int MaxProjects, int MemoryMb, double Cpus, int DiskMb, string? Reason)
{
    public Quota ToQuota() => new(MaxProjects, MemoryMb, Cpus, DiskMb);
}
public sealed record TeamModel(string Name, IReadOnlyList<string> Members, QuotaModel Quota, DateTimeOffset CreatedAt);

/// <param name="Starter">Optional: a starter's key (GET /api/starters) for a first version that is deployed at once, or "git" with
/// <paramref name="GitUrl"/> (and optionally <paramref name="Ref"/>) to deploy from a public git address.</param>
public sealed record CreateProjectRequest(string Name, Template? Template, string? DeployBranch, int? MemoryMb, double? Cpus,
    string? Starter = null, string? GitUrl = null, string? Ref = null);
/// <summary>Null keeps a setting; <c>detectTemplate: true</c> goes back to detecting the template from the files.</summary>
public sealed record UpdateProjectRequest(Template? Template, string? DeployBranch, int? MemoryMb, double? Cpus, bool DetectTemplate = false);
public sealed record ProjectModel(
    string Team, string Name, string Url, string GitRemote, Template? Template, string DeployBranch, int MemoryMb, double Cpus,
    ProjectStatus Status, string? StatusDetail, int? LiveDeploymentId, DateTimeOffset CreatedAt, string? StoppedBy, string? StopReason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    int? FirstDeploymentId = null);

/// <summary>Why a project is stopped or started; staff give it, and it lands in the audit log (and, for a stop, is shown to the team).</summary>
public sealed record StopRequest(string? Reason);
public sealed record AuditEntryModel(int Id, DateTimeOffset At, string Actor, AuditAction Action, string? Team, string Target, string? Reason)
{
    public static AuditEntryModel From(AuditEntry e) => new(e.Id, e.At, e.ActorName, e.Action, e.Team, e.Target, e.Reason);
}

public sealed record DeployFromUrlRequest(string GitUrl, string? Ref);
/// <summary>One version. <c>basedOn</c>: for a rollback or a restart with new settings, the version whose image runs again
/// (or whose files are served again). <c>image</c> is null for a static website: the platform serves its files itself.</summary>
public sealed record DeploymentModel(
    int Id, DeploymentStatus Status, string Source, string? Commit, string? CommitMessage, Template? Template, string? Image,
    string? RequestedBy, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int? BasedOn)
{
    public static DeploymentModel From(Deployment d) =>
        new(d.Id, d.Status, d.Source, d.Commit, d.CommitMessage, d.Template, d.Image, d.RequestedBy, d.Error, d.CreatedAt, d.FinishedAt, d.BasedOn);
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

/// <summary>An environment variable of a project; a secret's value is never sent back (null).</summary>
public sealed record VariableModel(string Name, string? Value, bool Secret, DateTimeOffset UpdatedAt)
{
    public static VariableModel From(VariableView v) => new(v.Name, v.Value, v.IsSecret, v.UpdatedAt);
}
/// <summary>Sets a variable. For a secret that exists, an empty or missing value keeps the stored one.</summary>
public sealed record SetVariableRequest(string? Value, bool Secret);
/// <summary>The variables after a change (always saved), and the deployment that restarts a live project with them: null
/// when it is not live, or when another deploy of it is running (<c>restartRefused</c> then says so; start it later).</summary>
public sealed record VariablesChangedModel(VariableModel[] Variables, int? RestartDeploymentId, string? RestartRefused = null);
/// <summary>A deploy that started in the background: its id, and where its build log streams.</summary>
public sealed record StartedDeploymentModel(int DeploymentId, string Deployment, string LogStream);

/// <summary>A team asks for more: <paramref name="Asked"/> is the whole new quota it would like.</summary>
public sealed record AskQuotaRequest(QuotaModel Asked, string Reason);
/// <summary>A mentor's decision: <paramref name="Grant"/> is the team's new quota, or null to decline (then a note is needed).</summary>
public sealed record QuotaDecisionRequest(QuotaModel? Grant, string? Note);
public sealed record QuotaRequestModel(int Id, string Team, QuotaRequestStatus Status, QuotaModel Before, QuotaModel Asked, string Reason,
    string AskedBy, DateTimeOffset AskedAt, QuotaModel? Granted, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note)
{
    public static QuotaRequestModel From(QuotaRequest r, string team) => new(r.Id, team, r.Status, QuotaModel.From(r.Before),
        QuotaModel.From(r.Asked), r.Reason, r.AskedBy, r.AskedAt, r.Granted is { } g ? QuotaModel.From(g) : null, r.DecidedBy, r.DecidedAt, r.Note);
}

/// <summary>A youth asks for a new team: its name (the rules of any team name) and, in their words, what they want to build.</summary>
public sealed record AskTeamRequest(string Name, string Purpose);
/// <summary>A mentor's decision on a new team: approve (the team is made, the youth is its member) or not (then a note is needed).</summary>
public sealed record TeamDecisionRequest(bool Approve, string? Note);
public sealed record TeamRequestModel(int Id, string Name, string Purpose, TeamRequestStatus Status, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Note)
{
    public static TeamRequestModel From(TeamRequest r) =>
        new(r.Id, r.Name, r.Purpose, r.Status, r.RequestedBy, r.RequestedAt, r.DecidedBy, r.DecidedAt, r.Note);
}

/// <summary>The person's Matrix account as linked in their profile (<c>@mia:lab.example.org</c>); null or empty: none.</summary>
public sealed record MatrixLinkModel(string? MatrixUserId);
