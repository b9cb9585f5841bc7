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
}
