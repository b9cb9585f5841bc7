using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>
/// Nobody fills the box's disk: a repository, an image and a build log each have a size limit (the test platform's are
/// 5 MB, 450 MB and 1 MB), and a Dockerfile's anonymous volumes go when their container goes.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StorageCapsTests(PlatformFixture platform)
{
    private const int MB = 1024 * 1024;

    [Fact]
    public async Task OversizedRepositoryPush_IsRejected_NamingTheLimit()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var remote = platform.RemoteUrl(team, project);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Kiez-Radio"));

        // 3 MB of photos on a side branch: under the 5 MB limit, so it lands (no build: not the deploy branch).
        repo.Git("checkout", "-q", "-b", "fotos");
        CommitNoise(repo, "fotos/fest.jpg", 3 * MB);
        var photos = await repo.PushAsync(remote, "fotos");
        Assert.True(photos.Succeeded, photos.ToString());

        // 3 MB more on another side branch: each push is under the push limit, but all branches together are over.
        repo.Git("checkout", "-q", "-b", "videos", "main");
        CommitNoise(repo, "videos/clip.mp4", 3 * MB);
        var videos = await repo.PushAsync(remote, "videos");

        Assert.False(videos.Succeeded, videos.ToString());
        Assert.Contains("remote: Push abgelehnt: Mit diesem Push wäre euer Repository", videos.Output);
        Assert.Contains("das Limit ist 5 MB pro Projekt", videos.Output);
        Assert.Contains("remote: Push refused: with this push your repository would be", videos.Output);
        Assert.Contains("pre-receive hook declined", videos.Output);

        // The same on the deploy branch, before any build starts.
        repo.Git("checkout", "-q", "main");
        CommitNoise(repo, "aula.mp4", 3 * MB);
        var deploy = await repo.PushAsync(remote, "main");

        Assert.False(deploy.Succeeded, deploy.ToString());
        Assert.Contains("over the limit of 5 MB", deploy.Output);
        Assert.DoesNotContain("Baue ", deploy.Output);
        // git dropped the refused objects: the repository kept only what was accepted.
        Assert.InRange(RepositoryBytes(team, project), 3 * MB, 4 * MB);
    }

    [Fact]
    public async Task EndlessBuildLog_IsCut_NamingTheLimit()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            // 50 MB of output; a fresh token each run, so the layer cache never skips the step.
            ["Dockerfile"] = $"FROM jugendlab/debian:bookworm\nRUN yes \"spam line {Guid.NewGuid():n}\" | head -c 50000000\n",
        });

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString()[..Math.Min(2000, push.Output.Length)]);
        var (deployment, log) = await LatestDeploymentAsync(team, project);
        Assert.Equal("Failed", deployment.GetProperty("status").GetString());
        Assert.InRange(log.Length, 1 * MB - 4096, 1 * MB + 16 * 1024);
        var lines = log.TrimEnd('\n').Split('\n');
        var cut = Array.FindIndex(lines, l => l.Contains("wurde hier abgeschnitten (Limit für Build-Logs: 1 MB)"));
        Assert.True(cut > 0, "the log never says it was cut");
        Assert.Single(lines, l => l.Contains("abgeschnitten"));
        Assert.DoesNotContain(lines[(cut + 1)..], l => l.Contains("spam line"));
        Assert.Contains(lines[(cut + 1)..], l => l.Contains("mehr als 1 MB Log geschrieben und wurde abgebrochen"));
        Assert.Contains("Limit für Build-Logs: 1 MB", push.Output); // the pusher read it live too
    }

    [Fact]
    public async Task ImageOverTheLimit_IsRefused_AndRemoved()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            // 122 MB of base image and 400 MB written by the build: over the test platform's 450 MB.
            ["Dockerfile"] = $"FROM jugendlab/debian:bookworm\nRUN head -c 400000000 /dev/zero > /ballast.bin && echo {Guid.NewGuid():n}\n",
        });

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("mehr als das Limit von 450 MB", push.Output);
        var images = await platform.Docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [$"jugendlab-{platform.Instance}/{project}"] = true },
            },
        });
        Assert.Empty(images);
    }

    [Fact]
    public async Task DockerfileVolume_LeavesNoAnonymousVolumeBehind_WhenItsContainerIsReplaced()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        var remote = platform.RemoteUrl(team, project);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM jugendlab/static:latest\nVOLUME /x\nCOPY index.html /app/index.html\n",
            ["index.html"] = "<h1>eins</h1>\n",
        });
        var first = await repo.PushAsync(remote);
        Assert.True(first.Succeeded, first.ToString());
        var firstContainer = Assert.Single(await ProjectContainersAsync(project));
        var mounts = (await platform.Docker.Containers.InspectContainerAsync(firstContainer.ID)).Mounts;
        var anonymous = Assert.Single(mounts, m => m.Destination == "/x").Name ?? "";
        Assert.Matches("^[0-9a-f]{64}$", anonymous);
        var data = mounts.Select(m => m.Name ?? "").Where(n => n.StartsWith($"jl-{platform.Instance}-")).ToList();

        repo.Commit(new Dictionary<string, string> { ["index.html"] = "<h1>zwei</h1>\n" }, "second version");
        var second = await repo.PushAsync(remote);
        Assert.True(second.Succeeded, second.ToString());
        await platform.WaitForPlatformAsync(async () => (await ProjectContainersAsync(project)).All(c => c.ID != firstContainer.ID),
            TimeSpan.FromSeconds(60), "the first container to be retired");

        Assert.False(await VolumeExistsAsync(anonymous), $"the anonymous volume {anonymous} of the retired container is still there");
        foreach (var named in data) Assert.True(await VolumeExistsAsync(named), $"the project's named volume {named} was removed");
        Assert.Contains("zwei", (await platform.VisitAsync(project)).Body);
    }

    private static void CommitNoise(GitRepo repo, string name, int bytes)
    {
        var path = Path.Combine(repo.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var noise = new byte[bytes];
        Random.Shared.NextBytes(noise); // incompressible: git's pack stays as big as the file
        File.WriteAllBytes(path, noise);
        repo.Commit(new Dictionary<string, string>(), "add " + name);
    }

    private long RepositoryBytes(TestTeam team, string project) =>
        new DirectoryInfo(Path.Combine(platform.DataDirectory, "repos", team.Name, project + ".git"))
            .EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private async Task<(JsonElement Deployment, string Log)> LatestDeploymentAsync(TestTeam team, string project)
    {
        var list = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments"));
        var id = list.EnumerateArray().Max(d => d.GetProperty("id").GetInt32());
        var detail = await PlatformFixture.ReadJson(await platform.Api.GetAsync($"teams/{team.Name}/projects/{project}/deployments/{id}"));
        return (detail.GetProperty("deployment"), detail.GetProperty("log").GetString()!);
    }

    private async Task<List<ContainerListResponse>> ProjectContainersAsync(string project) =>
        (await platform.ContainersAsync()).Where(c => c.Names.Any(n => n.StartsWith($"/jl-{platform.Instance}-{project}-"))).ToList();

    private async Task<bool> VolumeExistsAsync(string name)
    {
        try
        {
            await platform.Docker.Volumes.InspectAsync(name);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
