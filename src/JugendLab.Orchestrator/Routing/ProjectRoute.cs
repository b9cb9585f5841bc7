namespace JugendLab.Orchestrator.Routing;

/// <summary>What the gateway should do with requests for one project.</summary>
public enum RouteState
{
    /// <summary>The live container answers at <see cref="ProjectRoute.Destination"/>, or the gateway serves the files at <see cref="ProjectRoute.SiteRoot"/>.</summary>
    Live,
    /// <summary>The project exists but nothing was deployed yet.</summary>
    NotDeployed,
    /// <summary>A mentor or the team stopped the project.</summary>
    Stopped,
    /// <summary>The live container kept crashing; the platform gave up restarting it.</summary>
    Crashed,
    /// <summary>Residents reported it; it is paused until a mentor has looked (a neutral page, no blame).</summary>
    UnderReview,
}

/// <summary>One entry of the route table: a project's slug and where its requests go.</summary>
/// <param name="Destination">Base address of the live container on its team network, e.g. <c>http://172.18.0.2:8080/</c>.</param>
/// <param name="SiteRoot">For a static website: the full path of the folder whose files the gateway serves itself, ending
/// in a slash (e.g. <c>/srv/jugendlab/data/sites/42/</c>). A live route has either this or <paramref name="Destination"/>.</param>
public sealed record ProjectRoute(string Slug, RouteState State, string? Destination = null, string? SiteRoot = null);
