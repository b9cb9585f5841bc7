using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>A project's /data is a filesystem of its quota's size: a running app cannot fill the disk everyone shares.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DataQuotaTests(PlatformFixture platform)
{
    private const string DataApp = """
        const http = require('http');
        const fs = require('fs');
        http.createServer((req, res) => {
          const url = new URL(req.url, 'http://app');
          const name = '/data/' + (url.searchParams.get('name') || 'blob.bin');
          try {
            if (url.pathname === '/write') {
              let written = 0;
              const fd = fs.openSync(name, 'w');
              try {
                const chunk = Buffer.alloc(1024 * 1024, 7);
                for (let i = 0; i < Number(url.searchParams.get('mb')); i++) { fs.writeSync(fd, chunk); written++; }
                fs.fsyncSync(fd);
              } catch (e) { return res.end('error ' + e.code + ': ' + e.message + ' after ' + written + ' MB'); }
              finally { fs.closeSync(fd); }
              return res.end('ok ' + written + ' MB');
            }
            if (url.pathname === '/delete') { fs.rmSync(name, { force: true }); return res.end('deleted'); }
            if (url.pathname === '/save') { fs.writeFileSync('/data/note.txt', url.searchParams.get('text')); return res.end('saved'); }
            if (url.pathname === '/note') return res.end('note: ' + fs.readFileSync('/data/note.txt', 'utf8'));
            res.end('data app');
          } catch (e) { res.end('error ' + e.code + ': ' + e.message); }
        }).listen(process.env.PORT || 8080, '0.0.0.0');
        """;

    [Fact]
    public async Task WritePastTheDataQuota_FailsWithNoSpace_WhileTheNeighbourKeepsServing()
    {
        var (team, project) = await DeployDataAppAsync(diskMb: 20);
        var neighbourTeam = await platform.CreateTeamAsync();
        var neighbour = await platform.CreateProjectAsync(neighbourTeam);
        using var site = GitRepo.Create(SampleApps.StaticSite("the neighbour's page"));
        (await site.PushAsync(platform.RemoteUrl(neighbourTeam, neighbour))).AssertSucceeded();
        Assert.StartsWith("ok 5 MB", await CallAsync(project, "/write?mb=5&name=small.bin"));

        var filling = CallAsync(project, "/write?mb=40&name=big.bin");
        var visits = new List<(HttpStatusCode, string)>();
        while (!filling.IsCompleted || visits.Count < 3) visits.Add(await platform.VisitAsync(neighbour));
        var answer = await filling;

        Assert.Contains("ENOSPC", answer);
        Assert.Contains("no space left on device", answer);
        Assert.All(visits, v => Assert.Equal((HttpStatusCode.OK, "<h1>the neighbour's page</h1>\n"), v));
        Assert.Equal((HttpStatusCode.OK, "<h1>the neighbour's page</h1>\n"), await platform.VisitAsync(neighbour));
        Assert.Equal("data app", await CallAsync(project, "/"));
        Assert.Equal(20L * 1024 * 1024, new FileInfo(await ImagePathAsync(team, project)).Length);
    }

    [Fact]
    public async Task RaisingTheQuota_LetsABiggerWriteSucceed_WithoutARedeploy_AndKeepsTheData()
    {
        var (team, project) = await DeployDataAppAsync(diskMb: 16);
        Assert.Equal("saved", await CallAsync(project, "/save?text=before-the-raise"));
        Assert.Contains("ENOSPC", await CallAsync(project, "/write?mb=30"));
        Assert.Equal("deleted", await CallAsync(project, "/delete"));
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();

        await PlatformFixture.EnsureSuccess(await platform.Api.PutAsJsonAsync($"teams/{team.Name}/quota",
            new { maxProjects = 3, memoryMb = 256, cpus = 0.5, diskMb = 64 }));

        // Where the kernel cannot grow a mounted filesystem (our VMs) the app restarts once for it: wait until it answers.
        var answer = "";
        await platform.WaitForPlatformAsync(async () => (answer = await TryCallAsync(project, "/write?mb=30")).StartsWith("ok"),
            TimeSpan.FromSeconds(60), "a 30 MB write to succeed after the raise");
        Assert.Equal("ok 30 MB", answer);
        Assert.Equal("note: before-the-raise", await CallAsync(project, "/note"));
        Assert.Equal(live, (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32());
    }

    [Fact]
    public async Task AfterAReboot_TheLoopDeviceIsAttachedAgain_AndDataIsStillThere()
    {
        var (team, project) = await DeployDataAppAsync(diskMb: 16);
        Assert.Equal("saved", await CallAsync(project, "/save?text=kept-across-reboots"));
        var image = await ImagePathAsync(team, project);
        var volume = await platform.Docker.Volumes.InspectAsync(await VolumeNameAsync(team, project));
        var oldDevice = volume.Options["device"];
        var containers = await ProjectContainersAsync(team, project);
        var decoyDirectory = Directory.CreateTempSubdirectory("jl-it-decoy-").FullName;
        try
        {
            // A reboot as the machine sees it: the platform is gone, containers are stopped, loop devices are detached
            // and the old loop number may now serve another file.
            await platform.Platform.KillAsync();
            foreach (var c in containers)
                await platform.Docker.Containers.StopContainerAsync(c.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 2 });
            Run(true, "losetup", "--detach", oldDevice);
            var decoy = Path.Combine(decoyDirectory, "decoy.img");
            await using (var file = File.Create(decoy)) file.SetLength(8 * 1024 * 1024);
            Run(false, "losetup", oldDevice, decoy); // taken meanwhile by someone else: just as good

            await platform.Platform.StartAsync();

            var answer = "";
            await platform.WaitForPlatformAsync(async () => (answer = await TryCallAsync(project, "/note")).StartsWith("note"),
                TimeSpan.FromSeconds(60), "the app to read its note again");
            Assert.Equal("note: kept-across-reboots", answer);
            var device = (await platform.Docker.Volumes.InspectAsync(volume.Name)).Options["device"];
            Assert.Equal(image, File.ReadAllText($"/sys/block/{Path.GetFileName(device)}/loop/backing_file").TrimEnd('\n'));
        }
        finally
        {
            PlatformFixture.DetachLoopDevicesUnder(decoyDirectory);
            Directory.Delete(decoyDirectory, recursive: true);
        }
    }

    private async Task<(TestTeam Team, string Project)> DeployDataAppAsync(int diskMb)
    {
        var team = await platform.CreateTeamAsync();
        await PlatformFixture.EnsureSuccess(await platform.Api.PutAsJsonAsync($"teams/{team.Name}/quota",
            new { maxProjects = 3, memoryMb = 256, cpus = 0.5, diskMb }));
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            ["package.json"] = """{ "name": "data-app", "version": "1.0.0", "scripts": { "start": "node server.js" } }""",
            ["server.js"] = DataApp,
        });
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        return (team, project);
    }

    private async Task<string> CallAsync(string project, string path)
    {
        var (status, body) = await platform.VisitAsync(project, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        return body;
    }

    private async Task<string> TryCallAsync(string project, string path)
    {
        try { return (await platform.VisitAsync(project, path)).Body; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return e.Message; }
    }

    private async Task<IList<ContainerListResponse>> ProjectContainersAsync(TestTeam team, string project)
    {
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32().ToString();
        var projectId = (await platform.ContainersAsync()).First(c => c.Labels["jugendlab.deployment"] == live).Labels["jugendlab.project"];
        return (await platform.ContainersAsync()).Where(c => c.Labels["jugendlab.project"] == projectId).ToList();
    }

    private async Task<string> VolumeNameAsync(TestTeam team, string project) =>
        $"jl-{platform.Instance}-data-{(await ProjectContainersAsync(team, project))[0].Labels["jugendlab.project"]}";

    private async Task<string> ImagePathAsync(TestTeam team, string project) =>
        Path.Combine(platform.DataDirectory, "volumes", $"{(await ProjectContainersAsync(team, project))[0].Labels["jugendlab.project"]}.ext4");

    private static void Run(bool mustSucceed, string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (mustSucceed && process.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {error}");
    }
}
