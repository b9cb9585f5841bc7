namespace JugendLab.Orchestrator.Projects;

/// <summary>The one set of project states, used by the database, the API, the gateway and (later) the UI.</summary>
public enum ProjectStatus
{
    /// <summary>Created, nothing deployed yet.</summary>
    NotDeployed,
    /// <summary>The live deployment runs and the route points to it.</summary>
    Live,
    /// <summary>Stopped by the team or a mentor; the gateway shows a friendly 503.</summary>
    Stopped,
    /// <summary>The live container crashed again and again; restarting stopped. Its last log lines are kept.</summary>
    Crashed,
}
