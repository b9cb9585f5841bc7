namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// One environment variable a team set for a project's app. A secret's value is stored encrypted (ASP.NET Core Data
/// Protection) and never shown again after saving; a plain variable is stored and shown as it is.
/// </summary>
public sealed class ProjectVariable
{
    private ProjectVariable() { }

    public ProjectVariable(int projectId, string name, string storedValue, bool isSecret, DateTimeOffset at)
    {
        ProjectId = projectId;
        Name = name;
        StoredValue = storedValue;
        IsSecret = isSecret;
        UpdatedAt = at;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The value as stored: the plain value, or for a secret its Data Protection ciphertext.</summary>
    public string StoredValue { get; private set; } = "";

    public bool IsSecret { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string storedValue, bool isSecret, DateTimeOffset at)
    {
        StoredValue = storedValue;
        IsSecret = isSecret;
        UpdatedAt = at;
    }
}
