using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using JugendLab.IntegrationTests.Infrastructure;
using JugendLab.IntegrationTests.WebApp;

namespace JugendLab.IntegrationTests;

/// <summary>
/// A static website is served by the platform itself from its deployment's files: no image, no container, live at once.
/// Real git, the real platform and the real engine (asked whether a container exists).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StaticSiteTests(PlatformFixture platform)
{
    [Fact]
    public async Task PushedSite_IsServedFromFiles_AndNoContainerNorImageExistsForIt()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Hallo ohne Container"));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(push.Succeeded, push.ToString());
        Assert.Matches("Dateien entpacken|unpacking files", push.Output);
        Assert.DoesNotMatch("Starte den Container|Starting the container", push.Output);
        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Hallo ohne Container", body);
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32().ToString();
        var ours = await platform.ContainersAsync(); // by the label jugendlab.managed=<this platform's instance>
        Assert.DoesNotContain(ours, c => c.Labels.TryGetValue("jugendlab.deployment", out var id) && id == live);
        Assert.DoesNotContain(ours, c => c.Names.Any(n => n.Contains($"-{project}-")));
        Assert.Empty(await platform.Docker.Images.ListImagesAsync(new ImagesListParameters { All = true }).ContinueWith(
            t => t.Result.Where(i => i.RepoTags?.Any(tag => tag.Contains($"/{project}:")) == true).ToList()));
        using var youth = platform.ApiAs(team);
        var deployment = (await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments")))[0];
        // How fast it goes live is measured in bench/run ("push to live"), not asserted here.
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("image").ValueKind);
    }

    [Fact]
    public async Task FolderAddress_ServesItsIndex_AndWithoutSlashRedirectsToIt()
    {
        var (_, project) = await PushSiteAsync(new() { ["index.html"] = "start", ["blog/index.html"] = "<p>Blog</p>" });

        var (status, body) = await platform.VisitAsync(project, "/blog/");
        using var redirect = await platform.Sites.GetAsync(platform.SiteUrl(project, "/blog"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("<p>Blog</p>", body);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/blog/", redirect.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task MissingPage_ShowsTheSitesOwn404Html_WithStatus404()
    {
        var (_, project) = await PushSiteAsync(new() { ["index.html"] = "start", ["404.html"] = "<h1>Hoppla, gibt es nicht</h1>" });

        var (status, body) = await platform.VisitAsync(project, "/verloren.html");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("<h1>Hoppla, gibt es nicht</h1>", body);
    }

    [Fact]
    public async Task SameETag_Is304()
    {
        var (_, project) = await PushSiteAsync(new() { ["index.html"] = "start" });
        using var first = await platform.Sites.GetAsync(platform.SiteUrl(project));
        var etag = first.Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, platform.SiteUrl(project));
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var again = await platform.Sites.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PrecompressedGz_IsServedWithContentEncodingGzip()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string> { ["index.html"] = "start", ["style.css"] = "body { color: teal; }" });
        await using (var file = File.Create(Path.Combine(repo.Path, "style.css.gz")))
        await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("body { color: teal; }"));
        repo.Commit(new Dictionary<string, string>(), "precompressed css");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        using var request = new HttpRequestMessage(HttpMethod.Get, platform.SiteUrl(project, "/style.css"));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await platform.Sites.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.StartsWith("text/css", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var unzipped = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        Assert.Equal("body { color: teal; }", await new StreamReader(unzipped).ReadToEndAsync());
    }

    [Fact]
    public async Task SymlinksInTheRepository_ToEtcPasswdOrOutOfTheProject_AreNeverServed()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string> { ["index.html"] = "start" });
        File.CreateSymbolicLink(Path.Combine(repo.Path, "passwd.html"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(repo.Path, "up"), "../../");
        repo.Commit(new Dictionary<string, string>(), "links");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        var passwd = await platform.VisitAsync(project, "/passwd.html");
        var up = await platform.VisitAsync(project, "/up/etc/passwd");

        Assert.True(push.Succeeded, push.ToString());
        Assert.Matches("passwd.html (ist eine Verknüpfung|is a link)", push.Output);
        Assert.Equal(HttpStatusCode.NotFound, passwd.Status);
        Assert.Equal(HttpStatusCode.NotFound, up.Status);
        Assert.DoesNotContain("root:", passwd.Body + up.Body);
    }

    [Theory]
    [InlineData("/..%2f..%2fetc/passwd")]
    [InlineData("/%2e%2e/")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    public async Task TraversalAttempts_AreRefused(string path)
    {
        var (_, project) = await PushSiteAsync(new() { ["index.html"] = "start" });
        var uri = new Uri($"http://{project}.lab.localhost:{platform.Platform.Port}{path}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        using var response = await platform.Sites.GetAsync(uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Redeploy_SwitchesTheFiles_AndRollbackServesTheEarlierFilesAgain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("erste Version"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Commit(SampleApps.StaticSite("zweite Version"), "zweite");
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        Assert.Contains("zweite Version", (await platform.VisitAsync(project)).Body);
        var versions = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments"));
        var first = versions[1].GetProperty("id").GetInt32();

        var back = await youth.PostAsync($"teams/{team.Name}/projects/{project}/deployments/{first}/rollback", null);

        Assert.Equal(HttpStatusCode.Accepted, back.StatusCode);
        await PlatformFixture.WaitUntilAsync(async () => (await platform.VisitAsync(project)).Body.Contains("erste Version"),
            TimeSpan.FromSeconds(10), "the first version's files serving again");
        Assert.Empty(await ProjectContainersAsync(team, project));
    }

    [Fact]
    public async Task NeuVeroeffentlichen_ServesTheNewestCommitsFiles()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("alt"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        var redeploy = await youth.PostAsync($"teams/{team.Name}/projects/{project}/deployments/redeploy", null);

        Assert.Equal(HttpStatusCode.Accepted, redeploy.StatusCode);
        var started = (await PlatformFixture.ReadJson(redeploy)).GetProperty("deploymentId").GetInt32();
        await PlatformFixture.WaitUntilAsync(async () =>
                (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32() == started,
            TimeSpan.FromSeconds(10), "the republished version going live");
        Assert.Contains("alt", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task OnlyTheLastKeptSiteFolders_StayOnDisk()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("v0"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        for (var i = 1; i <= 4; i++)
        {
            repo.Commit(SampleApps.StaticSite($"v{i}"), $"v{i}");
            (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        }

        var ids = (await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments")))
            .EnumerateArray().Select(d => d.GetProperty("id").GetInt32()).OrderBy(id => id).ToList();

        Assert.Equal(5, ids.Count);
        Assert.False(Directory.Exists(SiteFolder(ids[0])), "the oldest of five versions is pruned (four are kept)");
        Assert.All(ids.Skip(1), id => Assert.True(Directory.Exists(SiteFolder(id)), $"version {id} is kept"));
        Assert.Contains("v4", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task FailingDeploy_KeepsTheOldFilesServing_AndLeavesNoFolderBehind()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var youth = platform.ApiAs(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("gute Version"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        var photo = new byte[3 * 1024 * 1024]; // over the test platform's build context limit (2 MB)
        Random.Shared.NextBytes(photo);
        await File.WriteAllBytesAsync(Path.Combine(repo.Path, "photo.jpg"), photo);
        repo.Commit(SampleApps.StaticSite("zu grosse Version"), "big photo");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("gute Version", (await platform.VisitAsync(project)).Body);
        var failed = (await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/projects/{project}/deployments")))[0];
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.False(Directory.Exists(SiteFolder(failed.GetProperty("id").GetInt32())));
    }

    [Fact]
    public async Task StopAndStart_ShowThePausePage_ThenTheFilesAgain()
    {
        var (team, project) = await PushSiteAsync(new() { ["index.html"] = "Kiez-Kino" });

        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/stop", null));
        var stopped = await platform.VisitAsync(project);
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsync($"teams/{team.Name}/projects/{project}/start", null));
        var started = await platform.VisitAsync(project);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.Status);
        Assert.DoesNotContain("Kiez-Kino", stopped.Body);
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal("Kiez-Kino", started.Body);
        Assert.Equal("Live", (await platform.ProjectAsync(team, project)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AfterAPlatformRestart_TheSiteIsServedAgain_FromItsFolder()
    {
        var (team, project) = await PushSiteAsync(new() { ["index.html"] = "nach dem Neustart" });

        await platform.RestartPlatformAsync();

        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("nach dem Neustart", body);
        Assert.Equal("Live", (await platform.ProjectAsync(team, project)).GetProperty("status").GetString());
        Assert.Empty(await ProjectContainersAsync(team, project));
    }

    [Fact]
    public async Task SiteThatRanInAContainer_SwitchesToFiles_OnItsNextDeploy_AndTheContainerIsRetired()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        // A site served by nginx in a container, as every static site was before: a Dockerfile on the static image.
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM jugendlab/static:latest\nCOPY index.html /app/index.html\n",
            ["index.html"] = "aus dem Container",
        });
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        Assert.NotEmpty(await ProjectContainersAsync(team, project));
        repo.Remove("Dockerfile");
        repo.Commit(new Dictionary<string, string> { ["index.html"] = "aus den Dateien" }, "no Dockerfile any more");

        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        Assert.Equal("aus den Dateien", (await platform.VisitAsync(project)).Body);
        await PlatformFixture.WaitUntilAsync(async () => (await ProjectContainersAsync(team, project)).Count == 0,
            TimeSpan.FromSeconds(60), "the old container retired");
        Assert.Equal("aus den Dateien", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task TeamUsage_CountsNoMemoryOrCpu_ForAStaticSite_AndItsLogIsEmpty()
    {
        var (team, project) = await PushSiteAsync(new() { ["index.html"] = "sparsam" });
        using var youth = platform.ApiAs(team);

        var usage = await PlatformFixture.ReadJson(await youth.GetAsync($"teams/{team.Name}/usage"));
        var logs = await youth.GetAsync($"teams/{team.Name}/projects/{project}/logs");

        var site = usage.GetProperty("projectList").EnumerateArray().Single(p => p.GetProperty("name").GetString() == project);
        Assert.Equal(0, site.GetProperty("memoryMb").GetInt32());
        Assert.Equal(0, site.GetProperty("cpus").GetDouble());
        Assert.Equal(0, usage.GetProperty("memoryMb").GetProperty("used").GetInt32());
        Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
        Assert.Equal("", await logs.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeletedProject_LosesItsSiteFolders()
    {
        var (team, project) = await PushSiteAsync(new() { ["index.html"] = "bald weg" });
        using var youth = platform.ApiAs(team);
        var live = (await platform.ProjectAsync(team, project)).GetProperty("liveDeploymentId").GetInt32();
        Assert.True(Directory.Exists(SiteFolder(live)));

        var deleted = await youth.DeleteAsync($"teams/{team.Name}/projects/{project}?confirm={project}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(SiteFolder(live)));
        Assert.DoesNotContain("bald weg", (await platform.VisitAsync(project)).Body);
    }

    private string SiteFolder(int deploymentId) => Path.Combine(platform.DataDirectory, "sites", deploymentId.ToString());

    private async Task<(TestTeam Team, string Project)> PushSiteAsync(Dictionary<string, string> files)
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(files);
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        Assert.True(push.Succeeded, push.ToString());
        return (team, project);
    }

    private async Task<IList<ContainerListResponse>> ProjectContainersAsync(TestTeam team, string project) =>
        (await platform.ContainersAsync()).Where(c => c.Names.Any(n => n.Contains($"-{project}-"))).ToList();
}
