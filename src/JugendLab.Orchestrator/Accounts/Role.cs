namespace JugendLab.Orchestrator.Accounts;

/// <summary>What a person may do on the platform.</summary>
public enum Role
{
    /// <summary>A youth: deploys the projects of the teams they are a member of.</summary>
    Youth,
    /// <summary>An adult (or trusted youth) who approves teams and quotas and moderates.</summary>
    Mentor,
    /// <summary>Runs the box: may do everything.</summary>
    Admin,
}
