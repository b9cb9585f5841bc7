using System.Diagnostics;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>
/// Youth code must not reach the neighbourhood's local network or send mail, neither from a running app nor from a build
/// step; the internet (package registries) stays open. The "LAN" is a network namespace the test makes itself (<see cref="LanTarget"/>).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EgressTests(PlatformFixture platform)
{
    [Fact]
    public async Task ProjectContainer_CannotConnectToAnAddressOnTheLan()
    {
        await using var lan = await LanTarget.StartAsync();
        var container = await DeployAppAsync();

        var result = await ExecAsync(container.ID, Probe(lan.Address, LanTarget.WebPort));

        Assert.True(await lan.HostCanConnectAsync(LanTarget.WebPort), "the host must reach the target, or the refusal proves nothing");
        Assert.Contains($"{LanTarget.WebPort}: refused", result);
    }

    [Fact]
    public async Task ProjectContainer_CannotSendMail_ToAnSmtpPort()
    {
        await using var lan = await LanTarget.StartAsync();
        var container = await DeployAppAsync();

        var result = await ExecAsync(container.ID, Probe(lan.Address, LanTarget.SmtpPort));

        Assert.True(await lan.HostCanConnectAsync(LanTarget.SmtpPort), "the host must reach the target's port 25, or the refusal proves nothing");
        Assert.Contains($"{LanTarget.SmtpPort}: refused", result);
    }

    [Fact]
    public async Task ProjectContainer_StillResolvesNames_AndReachesTheInternet()
    {
        var container = await DeployAppAsync();

        var result = await ExecAsync(container.ID, "getent hosts deb.debian.org | cut -d' ' -f1; " + Probe("deb.debian.org", 80));

        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+", result);
        Assert.Contains("80: open", result);
    }

    [Fact]
    public async Task BuildStep_CannotReachTheLan_NorSendMail_ButResolvesNames()
    {
        await using var lan = await LanTarget.StartAsync();
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            // A fresh token per run: the layer cache must never answer for the build step.
            ["Dockerfile"] = $"FROM jugendlab/static:latest\nRUN echo 'probe {Guid.NewGuid():n}'; " +
                             $"{Probe(lan.Address, LanTarget.WebPort)}; {Probe(lan.Address, LanTarget.SmtpPort)}; " +
                             "getent hosts deb.debian.org >/dev/null && echo 'dns: ok' || echo 'dns: failed'\n" +
                             "COPY index.html /app/index.html\n",
            ["index.html"] = "<h1>probe</h1>\n",
        });

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(await lan.HostCanConnectAsync(LanTarget.WebPort) && await lan.HostCanConnectAsync(LanTarget.SmtpPort), "the host must reach the target");
        Assert.True(push.Succeeded, push.ToString());
        Assert.Contains($"{LanTarget.WebPort}: refused", push.Output);
        Assert.Contains($"{LanTarget.SmtpPort}: refused", push.Output);
        Assert.Contains("dns: ok", push.Output);
    }

    /// <summary>A shell line that tries one TCP connection and says "open", "refused" (a reject) or "no answer" (dropped or timed out).</summary>
    private static string Probe(string host, int port) =>
        $"if timeout 5 bash -c '</dev/tcp/{host}/{port}' 2>/tmp/probe; then echo '{port}: open'; " +
        $"elif grep -q refused /tmp/probe; then echo '{port}: refused'; else echo \"{port}: no answer $(cat /tmp/probe)\"; fi";

    /// <summary>A Node app: static websites run in no container (the platform serves their files), so container rules are shown on an app.</summary>
    private async Task<ContainerListResponse> DeployAppAsync()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("egress"));
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();
        return (await platform.ContainersAsync()).Single(c => c.Labels!["jugendlab.deployment"] == live.ToString() && c.State == "running");
    }

    /// <summary>Runs a shell line inside the project's container, as the app's own user: what the app's code could do.</summary>
    private static async Task<string> ExecAsync(string containerId, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", ["exec", containerId, "bash", "-c", script])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (await stdout + stderr).Trim();
    }
}
