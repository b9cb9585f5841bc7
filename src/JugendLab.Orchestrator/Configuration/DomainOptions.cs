namespace JugendLab.Orchestrator.Configuration;

/// <summary>Where the platform and its projects are reachable: the platform at its base domain, each project at a subdomain.</summary>
public sealed class DomainOptions
{
    public const string Section = "JugendLab:Domain";

    /// <summary>The platform's own host name; projects live at <c>&lt;slug&gt;.&lt;Base&gt;</c>.</summary>
    public string Base { get; set; } = "lab.localhost";

    /// <summary>The address people type to reach the platform; its scheme and port are reused for project URLs.</summary>
    public string PublicUrl { get; set; } = "http://lab.localhost:8080";

    public string ProjectHost(string slug) => $"{slug}.{Base}";

    public string ProjectUrl(string slug)
    {
        var url = new UriBuilder(PublicUrl) { Host = ProjectHost(slug), Path = "/" };
        return url.Uri.ToString();
    }

    /// <summary>The project slug a host name points to, or null when the host is not a direct subdomain of <see cref="Base"/>.</summary>
    public string? SlugOf(string host)
    {
        var suffix = "." + Base;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return null;
        var slug = host[..^suffix.Length];
        return slug.Length == 0 || slug.Contains('.') ? null : slug.ToLowerInvariant();
    }

    public bool IsPlatformHost(string host) => string.Equals(host, Base, StringComparison.OrdinalIgnoreCase);
}
