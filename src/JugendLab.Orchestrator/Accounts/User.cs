namespace JugendLab.Orchestrator.Accounts;

/// <summary>A person with an account. Minimal personal data: a name they choose, nothing else.</summary>
public sealed class User
{
    private User() { }

    public User(string name, Role role, string? passwordHash, DateTimeOffset createdAt)
    {
        Name = name;
        Role = role;
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public Role Role { get; private set; }

    /// <summary>PBKDF2 hash of the password; null when the person signs in with tokens only.</summary>
    public string? PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsStaff => Role is Role.Admin or Role.Mentor;

    /// <summary>The person's account in the neighbourhood's chat (<c>@mia:lab.example.org</c>), when they linked it in their
    /// profile: the platform invites it to their teams' rooms, and takes commands from it there.</summary>
    public string? MatrixUserId { get; private set; }

    /// <summary>Links (or with null/empty, unlinks) the person's Matrix account; the ID is checked and lower-cased.</summary>
    public void LinkMatrix(string? matrixUserId) => MatrixUserId = MatrixUserIds.Validate(matrixUserId);

    /// <summary>Set while staff have suspended the person: no sign-in, no session, no token works.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }
    public string? SuspendedBy { get; private set; }
    public string? SuspendReason { get; private set; }

    public bool IsSuspended => SuspendedAt is not null;

    public void Suspend(Actor actor, string? reason, DateTimeOffset at)
    {
        actor.EnsureStaff();
        if (actor.UserId == Id)
            throw Errors.DomainException.Invalid("Dich selbst kannst du nicht sperren.", "You cannot suspend yourself.");
        if (Role == Role.Admin || (Role == Role.Mentor && actor.Role != Role.Admin))
            throw Errors.DomainException.Forbidden("Eine Mentor:in kann nur ein Admin sperren, einen Admin niemand.",
                "Only an admin can suspend a mentor, and nobody an admin.");
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            throw Errors.DomainException.Invalid("Schreib einen Grund. Er steht im Protokoll.",
                "Write a reason. It goes into the audit log.");
        if (reason.Length > 500)
            throw Errors.DomainException.Invalid("Der Grund darf höchstens 500 Zeichen haben.", "The reason may have at most 500 characters.");
        SuspendedAt = at;
        SuspendedBy = actor.Name;
        SuspendReason = reason;
    }

    public void Lift(Actor actor)
    {
        actor.EnsureStaff();
        if (Role == Role.Mentor && actor.Role != Role.Admin)
            throw Errors.DomainException.Forbidden("Die Sperre einer Mentor:in kann nur ein Admin aufheben.", "Only an admin can lift a mentor's suspension.");
        SuspendedAt = null;
        SuspendedBy = null;
        SuspendReason = null;
    }
}
