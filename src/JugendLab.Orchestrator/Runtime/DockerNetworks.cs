using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Team and build networks on the engine, each with an explicit subnet from <see cref="NetworkOptions.Pool"/>: the engine's
/// default pools run out after about 31 networks, shared by every platform (and test run) on the engine.
/// </summary>
internal sealed class DockerNetworks(DockerClient docker, NetworkOptions options, ResourceNames names)
{
    // A parallel creation elsewhere (another platform on this engine) can take the subnet we picked; then we pick again.
    private const int Attempts = 5;

    // Two deploys of one team must not both create its network: the engine would accept two networks of one name.
    private readonly SemaphoreSlim _creating = new(1, 1);

    public async Task EnsureAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        if (await ExistsAsync(name, ct)) return; // the usual case, answered without listing every network on the engine
        await _creating.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var all = await docker.Networks.ListNetworksAsync(new NetworksListParameters(), ct);
                if (all.Any(n => n.Name == name)) return;
                var subnet = PickSubnet(all, name == names.BuildNetwork ? options.BuildSubnetPrefix : options.SubnetPrefix);
                try
                {
                    await CreateAsync(name, labels, subnet, ct);
                    return;
                }
                catch (DockerApiException e) when (attempt < Attempts && e.ResponseBody.Contains("overlaps", StringComparison.OrdinalIgnoreCase)) { }
                catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict) { return; } // created meanwhile
            }
        }
        finally
        {
            _creating.Release();
        }
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken ct) =>
        (await docker.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
        }, ct)).Any(n => n.Name == name);

    private Ipv4Subnet PickSubnet(IEnumerable<NetworkResponse> all, int prefix)
    {
        // Every network on the engine counts, whoever made it: a test platform and the real one share one address space.
        var taken = all.SelectMany(n => n.IPAM?.Config ?? [])
            .Select(c => Ipv4Subnet.TryParse(c.Subnet, out var s) ? s : (Ipv4Subnet?)null)
            .OfType<Ipv4Subnet>().ToList();
        return SubnetAllocator.FirstFree(options.PoolSubnet, prefix, taken) ?? throw DomainException.Conflict(
            $"Auf dem Server sind alle Netzwerk-Adressen besetzt ({taken.Count} Netzwerke). Sag es der Person, die den Server betreut: " +
            $"Sie muss {NetworkOptions.Section}:Pool ({options.Pool}) vergrössern oder {NetworkOptions.Section}:SubnetPrefix erhöhen.",
            $"All network addresses on the server are taken ({taken.Count} networks). Tell the server's admin: " +
            $"they need to enlarge {NetworkOptions.Section}:Pool ({options.Pool}) or raise {NetworkOptions.Section}:SubnetPrefix.");
    }

    private Task CreateAsync(string name, IReadOnlyDictionary<string, string> labels, Ipv4Subnet subnet, CancellationToken ct) =>
        docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = name,
            CheckDuplicate = true,
            Driver = "bridge",
            Labels = labels.ToDictionary(),
            IPAM = new IPAM { Config = [new IPAMConfig { Subnet = subnet.ToString(), Gateway = subnet.Gateway.ToString() }] },
            // A fixed bridge name lets the host firewall and the egress rules recognise every network by its "jl-" prefix.
            Options = new Dictionary<string, string> { ["com.docker.network.bridge.name"] = name },
        }, ct);

    /// <summary>
    /// This instance's team networks (the shared build network is not one of them) that no container names. One listing
    /// of all containers instead of one per network: the clean-up runs often, and most teams have something running.
    /// </summary>
    public async Task<IReadOnlyList<ManagedNetwork>> ListIdleAsync(CancellationToken ct)
    {
        var list = await docker.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [names.ManagedLabelFilter] = true } },
        }, ct);
        var named = (await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct))
            .SelectMany(c => c.NetworkSettings?.Networks?.Keys ?? [])
            .ToHashSet();
        return list.Select(n => new ManagedNetwork(n.ID, n.Name, ContainerLabels.Read(n.Labels, ContainerLabels.Team),
                n.IPAM?.Config?.Select(c => c.Subnet).FirstOrDefault()))
            .Where(n => n.TeamId is { } team && n.Name == names.Network(team) && !named.Contains(n.Name)).ToList();
    }

    public async Task<bool> RemoveIfUnusedAsync(ManagedNetwork network, CancellationToken ct)
    {
        // Not the network's own endpoint list: a created or stopped container has no endpoint, the engine would let the
        // network go, and the container could never start again. Its configuration still names the network, which this finds.
        var attached = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["network"] = new Dictionary<string, bool> { [network.Name] = true } },
        }, ct);
        if (attached.Count > 0) return false;
        try
        {
            await docker.Networks.DeleteNetworkAsync(network.Id, ct);
            return true;
        }
        catch (DockerNetworkNotFoundException) { return true; }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { return true; }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict) { return false; } // in use after all
    }
}
