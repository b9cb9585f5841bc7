namespace JugendLab.Orchestrator.Configuration;

/// <summary>Where the platform and its projects are reachable: the platform at its base domain, each project at a subdomain.</summary>
public sealed class DomainOptions
{
    public const string Section = "JugendLab:Domain";

    /// <summary>The platform's own host name; projects live at <c>&lt;slug&gt;.&lt;Base&gt;</c>.</summary>
    public string Base { get; set; } = "lab.localhost";

    /// <summary>The address people type to reach the platform; its scheme and port are reused for project URLs.</summary>
    public string PublicUrl { get; set; } = "http://lab.localhost:8080";

    /// <summary>
    /// The domain projects live under, when it is not <see cref="Base"/>: e.g. the platform at lab.example.org and projects at
    /// *.example-projekte.org. Recommended for a box on the internet: a project's JavaScript then runs on another site than
    /// the platform, so it cannot set cookies for the platform or send same-site requests to it. Empty: projects under Base.
    /// </summary>
    public string ProjectsBase { get; set; } = "";

    /// <summary>The domain project subdomains are under: <see cref="ProjectsBase"/> when set, else <see cref="Base"/>.</summary>
    public string ProjectsDomain => string.IsNullOrWhiteSpace(ProjectsBase) ? Base : ProjectsBase.Trim().TrimEnd('.');

    public string ProjectHost(string slug) => $"{slug}.{ProjectsDomain}";

    public string ProjectUrl(string slug)
    {
        var url = new UriBuilder(PublicUrl) { Host = ProjectHost(slug), Path = "/" };
        return url.Uri.ToString();
    }

    /// <summary>The project slug a host name points to, or null when the host is not a direct subdomain of <see cref="ProjectsDomain"/>.</summary>
    public string? SlugOf(string host)
    {
        // "<slug>." + ProjectsDomain, checked without building that string: this runs on every request.
        var domain = ProjectsDomain;
        var slugLength = host.Length - domain.Length - 1;
        if (slugLength < 0 || host[slugLength] != '.' || !host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)) return null;
        var slug = host[..slugLength];
        return slug.Length == 0 || slug.Contains('.') ? null : slug.ToLowerInvariant();
    }

    public bool IsPlatformHost(string host) => string.Equals(host, Base, StringComparison.OrdinalIgnoreCase);
}
