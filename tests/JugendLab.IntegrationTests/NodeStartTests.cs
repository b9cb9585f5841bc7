using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>
/// How a Node app starts: the template works out at build time what <c>npm start</c> would run and the container runs
/// that directly, under the engine's small init; anything it cannot be sure about still starts with npm.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NodeStartTests(PlatformFixture platform)
{
    [Fact]
    public async Task StartScript_RunsWithoutNpm_UnderInit_AndStopsOnSigterm()
    {
        var (team, project) = await DeployAsync(SampleApps.NodeApp("direct"));
        var container = await LiveContainerAsync(team, project);

        var processes = await CommandsAsync(container);
        Assert.Contains(processes, c => c.StartsWith("/sbin/docker-init", StringComparison.Ordinal));
        Assert.Contains(processes, c => c.StartsWith("node server.js", StringComparison.Ordinal));
        Assert.DoesNotContain(processes, c => c.Contains("npm", StringComparison.Ordinal));
        Assert.Equal("direct", (await platform.VisitAsync(project)).Body);

        // docker stop sends SIGTERM; the init passes it on and node ends (143). An app that ignored it would be killed
        // after the grace period (137).
        await platform.Docker.Containers.StopContainerAsync(container.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 30 });
        var stopped = await platform.Docker.Containers.InspectContainerAsync(container.ID);
        Assert.Equal(143, stopped.State!.ExitCode);
    }

    [Fact]
    public async Task StartScript_WithVariablesAndPackageCommands_GetsWhatNpmWouldGive()
    {
        var app = new Dictionary<string, string>
        {
            ["package.json"] = """{ "name": "kiez-env", "version": "2.0.0", "scripts": { "start": "GREETING=moin node server.js" } }""",
            ["server.js"] = """
                require('http').createServer((req, res) => res.end([process.env.GREETING, process.env.npm_lifecycle_event,
                    process.env.PATH.split(':')[0]].join(' '))).listen(process.env.PORT, '0.0.0.0');
                """,
        };

        var (_, project) = await DeployAsync(app);

        Assert.Equal("moin start /app/node_modules/.bin", (await platform.VisitAsync(project)).Body);
    }

    [Theory]
    [InlineData("""{ "prestart": "node -e \"require('fs').writeFileSync('/tmp/pre', 'prestart ran')\"", "start": "node server.js" }""")]
    [InlineData("""{ "start": "node -e \"require('fs').writeFileSync('/tmp/pre', 'shell ran')\" && node server.js" }""")]
    public async Task StartScript_NpmWouldRunMore_StartsWithNpm(string scripts)
    {
        var app = new Dictionary<string, string>
        {
            ["package.json"] = $$"""{ "name": "kiez-pre", "version": "1.0.0", "scripts": {{scripts}} }""",
            ["server.js"] = """
                require('http').createServer((req, res) => res.end(require('fs').readFileSync('/tmp/pre', 'utf8')))
                  .listen(process.env.PORT, '0.0.0.0');
                """,
        };

        var (team, project) = await DeployAsync(app);

        Assert.EndsWith(" ran", (await platform.VisitAsync(project)).Body);
        Assert.Contains(await CommandsAsync(await LiveContainerAsync(team, project)), c => c.StartsWith("npm", StringComparison.Ordinal));
    }

    private async Task<(TestTeam Team, string Project)> DeployAsync(Dictionary<string, string> app)
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(app);
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        return (team, project);
    }

    private async Task<ContainerListResponse> LiveContainerAsync(TestTeam team, string project)
    {
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();
        return (await platform.ContainersAsync()).Single(c => c.Labels!["jugendlab.deployment"] == live.ToString() && c.State == "running");
    }

    /// <summary>The command lines of the container's processes, as <c>docker top</c> shows them.</summary>
    private async Task<List<string>> CommandsAsync(ContainerListResponse container)
    {
        var top = await platform.Docker.Containers.ListProcessesAsync(container.ID, new ContainerListProcessesParameters());
        var column = top.Titles.IndexOf("CMD");
        Assert.True(column >= 0, "docker top shows no CMD column: " + string.Join(", ", top.Titles));
        return top.Processes.Select(p => p[column]).ToList();
    }
}
