using JugendLab.Orchestrator.Accounts;

namespace JugendLab.Orchestrator.Audit;

/// <summary>One staff action, kept for good: who did what to which team or project, when, and why. Never changed after it is written.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(Actor actor, AuditAction action, string? team, string target, string? reason, DateTimeOffset at)
    {
        ActorId = actor.UserId;
        ActorName = actor.Name;
        Action = action;
        Team = team;
        Target = target;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        At = at;
    }

    public int Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public AuditAction Action { get; private set; }

    /// <summary>The team the action concerns, if any (for filtering).</summary>
    public string? Team { get; private set; }

    /// <summary>What was acted on, in words: a project slug, a user name, "quota: 3 projects, 512 MB …", a token id.</summary>
    public string Target { get; private set; } = "";

    public string? Reason { get; private set; }
}

/// <summary>The kinds of staff action the audit log records.</summary>
public enum AuditAction
{
    ProjectStopped,
    ProjectResumed,
    QuotaChanged,
    MemberAdded,
    MemberRemoved,
    TeamCreated,
    UserCreated,
    TokenRevoked,
    ProjectDeleted,
    InviteCreated,
    InviteRevoked,
    JoinedWithInvite,
    QuotaRequestDecided,
    ProjectPausedByReports,
    ReportsHandled,
    UserSuspended,
    UserReinstated,
    WishShown,
    WishDeclined,
    WishWithdrawn,
    TeamRequested,
    TeamRequestDecided,
    NeighbourInviteCreated,
    NeighbourInviteRevoked,
    NeighbourDeactivated,
    ChatReportDismissed,
    MatrixUnlinked,
}
