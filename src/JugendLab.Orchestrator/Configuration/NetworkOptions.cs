using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Configuration;

/// <summary>Where team and build networks get their addresses, and where project code may connect to besides the internet.</summary>
public sealed class NetworkOptions
{
    public const string Section = "JugendLab:Network";

    /// <summary>The address range all of this platform's networks are cut from. The engine's own default pools hold only
    /// about 31 networks (FACTS.md); this one is ours, and must not overlap the server's LAN.</summary>
    public string Pool { get; set; } = "10.200.0.0/16";

    /// <summary>Size of one team network: /25 is 128 addresses, 125 of them for containers (a team's projects, twice
    /// during a deploy: room for 62 projects deploying at once), and 512 teams in the default pool.
    /// A /27 (29 containers) ran out at the 30th project of one team.</summary>
    public int SubnetPrefix { get; set; } = 25;

    /// <summary>Size of the one network all builds share: every running build step takes an address on it.</summary>
    public int BuildSubnetPrefix { get; set; } = 24;

    /// <summary>Destinations on the local network that project code and builds may reach although the egress rules
    /// block private ranges: "10.1.2.3:3128" (one port, TCP and UDP), "10.1.2.3" or "10.1.2.0/24" (every port).</summary>
    public List<string> AllowedDestinations { get; set; } = [];

    /// <summary>How often networks of teams with nothing running are removed (the next deploy creates them again).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    public Ipv4Subnet PoolSubnet => Ipv4Subnet.Parse(Pool);

    /// <summary>What is wrong with these settings, in words an admin can act on; empty when they are fine.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Ipv4Subnet.TryParse(Pool, out var pool))
        {
            yield return $"{Section}:Pool '{Pool}' is not an IPv4 network like 10.200.0.0/16 (host bits zero).";
            yield break;
        }
        foreach (var (name, prefix) in new[] { (nameof(SubnetPrefix), SubnetPrefix), (nameof(BuildSubnetPrefix), BuildSubnetPrefix) })
            if (prefix < pool.Prefix || prefix > 29)
                yield return $"{Section}:{name} must be between the pool's prefix /{pool.Prefix} and /29, not /{prefix}.";
        foreach (var entry in AllowedDestinations)
            if (!AllowedDestination.TryParse(entry, out _))
                yield return $"{Section}:AllowedDestinations entry '{entry}' is not like 10.1.2.3:3128, 10.1.2.3 or 10.1.2.0/24.";
        if (CleanupInterval <= TimeSpan.Zero) yield return $"{Section}:CleanupInterval must be positive.";
    }
}

/// <summary>Refuses to start with network settings that cannot work, naming each problem.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
