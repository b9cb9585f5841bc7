namespace JugendLab.Orchestrator.Routing;

/// <summary>Read side of the route table: the gateway reads <see cref="Current"/> on every request without a lock.</summary>
public interface IRouteTableSource
{
    RouteTable Current { get; }
}

/// <summary>Holds the current route table; every change swaps in a new snapshot, so readers never see half an update.</summary>
public sealed class RoutePublisher : IRouteTableSource
{
    private readonly Lock _writeLock = new();
    private RouteTable _current = RouteTable.Empty;

    public RouteTable Current => Volatile.Read(ref _current);

    /// <summary>Sets one project's route. An unchanged route swaps nothing: the reconciler sets every route on every pass,
    /// and a new snapshot costs a copy of the whole table (with a thousand websites, a thousand copies a pass).</summary>
    public void Set(ProjectRoute route)
    {
        lock (_writeLock)
        {
            if (_current.Find(route.Slug) == route) return;
            Volatile.Write(ref _current, _current.With(route));
        }
    }

    public void Remove(string slug) { lock (_writeLock) Volatile.Write(ref _current, _current.Without(slug)); }
}
