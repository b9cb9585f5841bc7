using System.Net;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>
/// Every team gets its own network, each with a small subnet from the platform's pool (10.200.0.0/16 by default), so the
/// engine's ~31 default networks no longer cap the number of teams; a team with nothing running gives its subnet back.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NetworkTests(PlatformFixture platform)
{
    private const int Teams = 40;
    private const string Pool = "10.200.";

    [Fact]
    public async Task FortyTeams_EachDeployAProject()
    {
        var projects = new System.Collections.Concurrent.ConcurrentBag<(TestTeam Team, string Project)>();
        // Four at a time: the machine has two cores, and forty builds at once would only test its patience. Each project
        // runs in a container (a static website would run in none, and so take no network).
        await Parallel.ForEachAsync(Enumerable.Range(1, Teams), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var team = await platform.CreateTeamAsync();
            var project = await platform.CreateProjectAsync(team);
            using var repo = GitRepo.Create(SampleApps.ContainerSite($"team number {i}"));
            var push = await repo.PushAsync(platform.RemoteUrl(team, project));
            Assert.True(push.Succeeded, $"team {i}: {push}");
            projects.Add((team, project));
        });

        foreach (var (_, project) in projects)
        {
            var (status, body) = await platform.VisitAsync(project);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("team number", body);
        }
        var subnets = new List<string>();
        foreach (var network in await LiveNetworksAsync(projects))
        {
            var subnet = Assert.Single(network.IPAM.Config).Subnet;
            Assert.True(subnet.StartsWith(Pool, StringComparison.Ordinal) && subnet.EndsWith("/25", StringComparison.Ordinal),
                $"network {network.Name} has {subnet}, not a /25 from the pool");
            subnets.Add(subnet);
        }
        Assert.Equal(Teams, subnets.Distinct().Count());

        // Forty idle sites would only make every later test of the suite share the engine with them.
        await Parallel.ForEachAsync(projects, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (p, _) =>
            await PlatformFixture.EnsureSuccess(await platform.Api.DeleteAsync($"teams/{p.Team.Name}/projects/{p.Project}?confirm={p.Project}")));
    }

    [Fact]
    public async Task TeamWithNothingRunning_GivesItsSubnetBack_AndGetsANetworkAgainWhenItStarts()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ContainerSite("comes back"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var network = Assert.Single(await LiveNetworksAsync([(team, project)])).Name;

        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/stop", null));
        await platform.WaitForPlatformAsync(async () => !await NetworkExistsAsync(network), TimeSpan.FromSeconds(60),
            $"the network {network} of a team with nothing running to be removed");
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/start", null));
        await platform.WaitForPlatformAsync(async () => (await platform.VisitAsync(project)).Body.Contains("comes back"), TimeSpan.FromSeconds(60),
            "the started project to serve again");

        Assert.True(await NetworkExistsAsync(network), $"the network {network} should exist again");
    }

    [Fact]
    public async Task TeamNetwork_NeverOverlapsANetworkSomeoneElseMadeInThePool()
    {
        // Another platform on this engine (or an admin) holds the very block this platform would take next.
        var squatted = await FirstFreePoolBlockAsync();
        var squatter = await platform.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = platform.UniqueName("squatter-"),
            IPAM = new IPAM { Config = [new IPAMConfig { Subnet = squatted }] },
        });
        try
        {
            var team = await platform.CreateTeamAsync();
            var project = await platform.CreateProjectAsync(team);
            using var repo = GitRepo.Create(SampleApps.ContainerSite("beside the squatter"));

            var push = await repo.PushAsync(platform.RemoteUrl(team, project));

            Assert.True(push.Succeeded, push.ToString());
            var subnet = Assert.Single(Assert.Single(await LiveNetworksAsync([(team, project)])).IPAM.Config).Subnet;
            Assert.StartsWith(Pool, subnet);
            Assert.NotEqual(squatted, subnet);
        }
        finally
        {
            await platform.Docker.Networks.DeleteNetworkAsync(squatter.ID);
        }
    }

    /// <summary>The lowest /25 of the pool that no network on the engine overlaps (the pool's blocks are aligned /25s).</summary>
    private async Task<string> FirstFreePoolBlockAsync()
    {
        var taken = (await platform.Docker.Networks.ListNetworksAsync()).SelectMany(n => n.IPAM?.Config ?? [])
            .Select(c => c.Subnet).Where(s => s?.StartsWith(Pool, StringComparison.Ordinal) == true)
            .Select(s => (Start: Number(s.Split('/')[0]), Size: 1u << (32 - int.Parse(s.Split('/')[1])))).ToList();
        for (var block = Number(Pool + "0.0"); ; block += 128)
            if (!taken.Any(t => block < t.Start + t.Size && t.Start < block + 128))
                return $"{ToText(block)}/25";
    }

    private static uint Number(string address) =>
        IPAddress.Parse(address).GetAddressBytes().Aggregate(0u, (n, b) => n << 8 | b);

    private static string ToText(uint number) => $"{number >> 24}.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}";

    /// <summary>The network each project's live container is attached to.</summary>
    private async Task<List<NetworkResponse>> LiveNetworksAsync(IEnumerable<(TestTeam Team, string Project)> projects)
    {
        var containers = await platform.ContainersAsync();
        var result = new List<NetworkResponse>();
        foreach (var (team, project) in projects)
        {
            var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32().ToString();
            var container = containers.Single(c => c.Labels!["jugendlab.deployment"] == live && c.State == "running");
            result.Add(await platform.Docker.Networks.InspectNetworkAsync(Assert.Single(container.NetworkSettings!.Networks!).Value.NetworkID));
        }
        return result;
    }

    private async Task<bool> NetworkExistsAsync(string name) =>
        (await platform.Docker.Networks.ListNetworksAsync()).Any(n => n.Name == name);
}
