using System.Collections.Frozen;

namespace JugendLab.Orchestrator.Routing;

/// <summary>An immutable snapshot of all routes, keyed by project slug. Swapped whole, never changed in place.</summary>
public sealed class RouteTable
{
    public static readonly RouteTable Empty = new(FrozenDictionary<string, ProjectRoute>.Empty);

    private readonly FrozenDictionary<string, ProjectRoute> _routes;

    private RouteTable(FrozenDictionary<string, ProjectRoute> routes) => _routes = routes;

    public static RouteTable From(IEnumerable<ProjectRoute> routes) =>
        new(routes.ToFrozenDictionary(r => r.Slug, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyCollection<ProjectRoute> Routes => _routes.Values;

    public ProjectRoute? Find(string slug) => _routes.GetValueOrDefault(slug);

    public RouteTable With(ProjectRoute route) =>
        From(_routes.Values.Where(r => !string.Equals(r.Slug, route.Slug, StringComparison.OrdinalIgnoreCase)).Append(route));

    public RouteTable Without(string slug) =>
        From(_routes.Values.Where(r => !string.Equals(r.Slug, slug, StringComparison.OrdinalIgnoreCase)));
}
