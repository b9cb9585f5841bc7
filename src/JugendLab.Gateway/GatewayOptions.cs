namespace JugendLab.Gateway;

/// <summary>How the gateway talks to project containers; bound from <c>JugendLab:Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "JugendLab:Gateway";

    /// <summary>How long to wait for a container to accept a connection before showing the "not answering" page.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a forwarded request may stay idle (no headers, no body bytes) before it is cancelled.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long one pooled connection to a container is reused. Containers are replaced on every deployment and their
    /// addresses get reused on the team network, so connections should not live forever.
    /// </summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    internal bool IsValid() =>
        ConnectTimeout > TimeSpan.Zero && ActivityTimeout > TimeSpan.Zero && PooledConnectionLifetime > TimeSpan.Zero;
}
