using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Keeps project code (running apps and build steps alike) off the server's local network: connections leaving a "jl-"
/// bridge for private, link-local or LAN addresses, or for mail ports, are refused; the internet stays open (see <see cref="EgressRules"/>).
/// The rules sit in Docker's DOCKER-USER chain, which the engine leaves alone and jumps to first for forwarded traffic.
/// </summary>
public sealed class EgressFirewall(IOptions<NetworkOptions> options, ILogger<EgressFirewall> logger)
{
    private const string DockerUser = "DOCKER-USER";

    public async Task ApplyAsync(CancellationToken ct)
    {
        var local = HostNetwork.OnLinkNetworks(await ReadAsync("/proc/net/route", ct));
        foreach (var lan in local.Where(l => l.Overlaps(options.Value.PoolSubnet)))
            logger.LogWarning("{Section}:Pool {Pool} overlaps the server's network {Lan}: teams' networks could hide machines on it. Choose another pool",
                NetworkOptions.Section, options.Value.Pool, lan);
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            logger.LogWarning("Not running as root on Linux: cannot add the egress rules; project containers and builds can reach the local network");
            return;
        }
        var resolvers = HostNetwork.Resolvers(await ReadAsync("/etc/resolv.conf", ct) + await ReadAsync("/run/systemd/resolve/resolv.conf", ct));
        var allowed = options.Value.AllowedDestinations.Select(d => AllowedDestination.TryParse(d, out var a) ? a : null).OfType<AllowedDestination>().ToList();
        var rules = EgressRules.Render(resolvers, allowed, local);

        if (await RunAsync(["iptables-restore", "--noflush"], rules, ct) is { } error)
        {
            logger.LogWarning("Could not load the egress rules (iptables-restore: {Error}); project containers and builds can reach the local network", error);
            return;
        }
        // The engine creates DOCKER-USER and its jump from FORWARD; should it not have yet, make them, as it would.
        await RunAsync(["iptables", "-N", DockerUser], null, ct);
        if (await RunAsync(["iptables", "-C", "FORWARD", "-j", DockerUser], null, ct) is not null)
            await RunAsync(["iptables", "-I", "FORWARD", "-j", DockerUser], null, ct);
        if (await RunAsync(["iptables", "-C", DockerUser, "-i", "jl-+", "-j", EgressRules.Chain], null, ct) is not null
            && await RunAsync(["iptables", "-I", DockerUser, "-i", "jl-+", "-j", EgressRules.Chain], null, ct) is { } jumpError)
        {
            logger.LogWarning("Could not hook the egress rules into {Chain}: {Error}", DockerUser, jumpError);
            return;
        }
        logger.LogInformation("Egress rules: project networks reach the internet, not the local network ({Local}) nor mail ports; DNS via {Resolvers}; also allowed: {Allowed}",
            string.Join(", ", local), string.Join(", ", resolvers), allowed.Count == 0 ? "nothing" : string.Join(", ", allowed));
    }

    private static async Task<string> ReadAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, ct) + "\n" : "";

    /// <summary>Runs a command; null when it succeeded, else what it said.</summary>
    private static async Task<string?> RunAsync(string[] command, string? stdin, CancellationToken ct)
    {
        try
        {
            var result = await HostCommand.RunAsync(new CommandLine(command[0], command[1..]), ct, stdin);
            return result.Succeeded ? null : result.Said;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{command[0]} is not installed";
        }
    }
}
