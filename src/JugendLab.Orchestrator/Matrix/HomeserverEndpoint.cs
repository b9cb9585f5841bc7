namespace JugendLab.Orchestrator.Matrix;

/// <summary>Where the homeserver answers right now, for the gateway and the platform's own calls: read on every request
/// to <c>matrix.&lt;base domain&gt;</c> without a lock; null while it is not up.</summary>
public sealed class HomeserverEndpoint
{
    private string? _address;

    /// <summary>E.g. <c>http://172.18.0.3:8008/</c>: the homeserver's container on its own network.</summary>
    public string? Address => Volatile.Read(ref _address);

    public void Set(string? address) => Volatile.Write(ref _address, address);
}
