namespace JugendLab.Orchestrator.Accounts;

/// <summary>A personal access token for git and the API. Only its hash is stored; the token itself is shown once.</summary>
public sealed class AccessToken
{
    private AccessToken() { }

    public AccessToken(int userId, string name, string hash, string prefix, DateTimeOffset createdAt)
    {
        UserId = userId;
        Name = name;
        Hash = hash;
        Prefix = prefix;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int UserId { get; private set; }
    public User? User { get; private set; }

    /// <summary>What the owner called it ("laptop", "school pc").</summary>
    public string Name { get; private set; } = "";

    /// <summary>SHA-256 of the token, hex. Tokens are 256 random bits, so a fast hash is safe here.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The first characters, so the owner can tell tokens apart without the secret.</summary>
    public string Prefix { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
