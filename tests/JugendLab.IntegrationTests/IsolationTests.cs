using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>Youth code is untrusted: containers are hardened, and a team's network reaches neither other teams nor the host.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IsolationTests(PlatformFixture platform)
{
    [Fact]
    public async Task TeamAContainer_CannotOpenAConnectionTo_TeamBContainer()
    {
        var a = await DeployAppAsync("team a");
        var b = await DeployAppAsync("team b");
        var networkA = a.NetworkSettings!.Networks!.Single();
        var ipB = b.NetworkSettings!.Networks!.Single().Value.IPAddress;
        await using var probe = await StartProbeAsync(networkA.Key);

        var toOwnTeam = await CanConnectAsync(probe, networkA.Value.IPAddress, 8080);
        var toOtherTeam = await CanConnectAsync(probe, ipB, 8080);

        Assert.True(toOwnTeam, "the probe must reach its own team's container, or the test proves nothing");
        Assert.False(toOtherTeam, $"team A's network reached team B's container at {ipB}:8080");
    }

    [Fact]
    public async Task ProjectContainer_CannotReachTheHostsPorts()
    {
        var a = await DeployAppAsync("host probe");
        var network = a.NetworkSettings!.Networks!.Single();
        var inspect = await platform.Docker.Networks.InspectNetworkAsync(network.Value.NetworkID);
        var hostAddress = inspect.IPAM!.Config!.Single().Gateway;
        using var hostService = new TcpListener(IPAddress.Any, 0); // stands for the platform's port on all interfaces
        hostService.Start();
        var port = ((IPEndPoint)hostService.LocalEndpoint).Port;
        await using var probe = await StartProbeAsync(network.Key);

        Assert.False(await CanConnectAsync(probe, hostAddress, port), $"a project container reached the host at {hostAddress}:{port}");
    }

    [Fact]
    public async Task ProjectContainer_RunsHardenedWithItsQuota()
    {
        var container = await DeployAppAsync("hardened");
        var inspect = await platform.Docker.Containers.InspectContainerAsync(container.ID);
        var host = inspect.HostConfig!;

        Assert.Equal("10001:10001", inspect.Config!.User);
        Assert.True(host.ReadonlyRootfs);
        Assert.Contains("ALL", host.CapDrop);
        Assert.Contains("no-new-privileges", host.SecurityOpt);
        Assert.Equal(256L * 1024 * 1024, host.Memory);
        Assert.Equal(500_000_000L, host.NanoCPUs);
        Assert.True(host.PidsLimit > 0);
        Assert.Equal("json-file", host.LogConfig.Type);
        Assert.True(host.LogConfig!.Config!.ContainsKey("max-size"));
        Assert.Contains("/tmp", host.Tmpfs!.Keys);
        Assert.Contains(inspect.Mounts, m => m.Destination == "/data" && m.Type == "volume");
        Assert.DoesNotContain(inspect.Mounts, m => m.Source?.Contains("docker.sock") == true);
        Assert.DoesNotContain(inspect.NetworkSettings!.Ports!, p => p.Value is { Count: > 0 });
        Assert.Equal(platform.Instance, inspect.Config.Labels!["jugendlab.managed"]);
        Assert.True(inspect.Config.Labels.ContainsKey("jugendlab.deployment"));
    }

    /// <summary>A Node app: static websites run in no container (the platform serves their files), so container rules are shown on an app.</summary>
    private async Task<ContainerListResponse> DeployAppAsync(string text)
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp(text));
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();
        return (await platform.ContainersAsync()).Single(c => c.Labels!["jugendlab.deployment"] == live.ToString() && c.State == "running");
    }

    /// <summary>A throwaway container from the local Debian image on a team's network, as unprivileged as project code.</summary>
    private static async Task<IContainer> StartProbeAsync(string network)
    {
        var probe = new ContainerBuilder("jugendlab/debian:bookworm")
            .WithNetwork(network)
            .WithCommand("sleep", "300")
            .WithCreateParameterModifier(p =>
            {
                p.User = "10001:10001";
                p.HostConfig!.CapDrop = ["ALL"];
            })
            .Build();
        await probe.StartAsync();
        return probe;
    }

    private static async Task<bool> CanConnectAsync(IContainer probe, string ip, int port) =>
        (await probe.ExecAsync(["bash", "-c", $"timeout 3 bash -c '</dev/tcp/{ip}/{port}' && echo open || echo closed"])).Stdout.Trim() == "open";
}
