using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>
/// A team's own Dockerfile builds only from the platform's images and its own stages (issue 9): it cannot read another
/// team's project image, and ADD cannot make the engine fetch from the host's network.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BuildPolicyTests(PlatformFixture platform)
{
    [Fact]
    public async Task Dockerfile_CopyingFromAnotherTeamsImage_IsRefused()
    {
        var (image, secret) = await DeployVictimAsync();

        var (push, attacker) = await PushDockerfileAsync($"FROM jugendlab/static:latest\nCOPY --from={image} /app /stolen\nRUN cat /stolen/index.html\n");

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("pre-receive hook declined", push.Output);
        Assert.Contains($"2: COPY --from={image} /app /stolen", push.Output);
        Assert.DoesNotContain(secret, push.Output);
        Assert.Empty(await ImagesAsync(attacker));   // the engine never built it
    }

    [Fact]
    public async Task Dockerfile_FromAnotherTeamsImage_IsRefused()
    {
        var (image, secret) = await DeployVictimAsync();

        var (push, attacker) = await PushDockerfileAsync($"# my site\nFROM {image}\nRUN cat /app/index.html\n");

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains($"2: FROM {image}", push.Output);
        Assert.Contains("jugendlab/static:latest", push.Output);   // says what is allowed instead
        Assert.DoesNotContain(secret, push.Output);
        Assert.Empty(await ImagesAsync(attacker));
    }

    [Fact]
    public async Task Dockerfile_AddOfAUrl_IsRefused_AndTheHostPortIsNeverFetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        });

        var (push, _) = await PushDockerfileAsync($"FROM jugendlab/static:latest\nADD http://127.0.0.1:{port}/secret /x\nCOPY index.html /app/index.html\n");

        Assert.False(push.Succeeded, push.ToString());
        Assert.Equal(0, Volatile.Read(ref connections));
        Assert.Contains($"2: ADD http://127.0.0.1:{port}/secret /x", push.Output);
        // The listener does count: a connection of our own shows up, so the zero above is not a deaf listener.
        using (var probe = new TcpClient()) await probe.ConnectAsync(IPAddress.Loopback, port);
        await PlatformFixture.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref connections) == 1), TimeSpan.FromSeconds(10), "the listener to count our own connection");
    }

    [Fact]
    public async Task Dockerfile_MultiStageWithOnlyPlatformImagesAndEarlierStages_StillDeploysAndServes()
    {
        var dockerfile = """
            # escape=\
            FROM jugendlab/debian:bookworm AS Builder
            COPY page.txt /src/page.txt
            RUN mkdir -p /out \
             && sed 's/^/built: /' /src/page.txt > /out/index.html
            FROM jugendlab/static:latest
            COPY --from=builder /out/ /app/public/
            COPY --from=0 /src/page.txt /app/public/page.txt
            ADD --chown=10001:10001 notes.txt /app/public/notes.txt
            USER 10001:10001
            """;

        var (push, project) = await PushDockerfileAsync(dockerfile, new() { ["page.txt"] = "hallo aus der Werkstatt\n", ["notes.txt"] = "notes\n" });

        Assert.True(push.Succeeded, push.ToString());
        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("built: hallo aus der Werkstatt", body);
        Assert.Equal("notes\n", (await platform.VisitAsync(project, "/notes.txt")).Body);
    }

    /// <summary>Another team's live site in a container, with a secret in its image; returns the image name as the engine knows it.</summary>
    private async Task<(string Image, string Secret)> DeployVictimAsync()
    {
        var secret = "kiez-secret-" + Guid.NewGuid().ToString("n");
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.ContainerSite(secret)); // an image holding the secret: what an attacker would copy from
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        return (Assert.Single(await ImagesAsync(project)), secret);
    }

    /// <summary>A new team pushes a repository with this Dockerfile (and an index.html unless other files are given).</summary>
    private async Task<(GitResult Push, string Project)> PushDockerfileAsync(string dockerfile, Dictionary<string, string>? files = null)
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        files ??= new() { ["index.html"] = "<h1>attacker</h1>\n" };
        files["Dockerfile"] = dockerfile;
        using var repo = GitRepo.Create(files);
        return (await repo.PushAsync(platform.RemoteUrl(team, project)), project);
    }

    private async Task<List<string>> ImagesAsync(string project)
    {
        var images = await platform.Docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["reference"] = new Dictionary<string, bool> { [$"jugendlab-{platform.Instance}/{project}"] = true },
            },
        });
        return images.SelectMany(i => i.RepoTags ?? []).ToList();
    }
}
