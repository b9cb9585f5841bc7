using System.Net;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>git push → build → container → live subdomain, with the real git client and the real engine.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PushDeployTests(PlatformFixture platform)
{
    [Fact]
    public async Task StaticSite_PushedWithGit_IsServedAtItsSubdomain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("Hallo aus dem Kiez"));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(push.Succeeded, push.ToString());
        Assert.Contains("remote: -----> ", push.Output);
        Assert.Contains(platform.SiteUrl(project).ToString(), push.Output);
        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Hallo aus dem Kiez", body);
    }

    [Fact]
    public async Task NodeApp_PushedWithGit_IsServedAtItsSubdomain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("node says hi"));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(push.Succeeded, push.ToString());
        Assert.Contains("Node", push.Output);
        var (status, body) = await platform.VisitAsync(project, "/anything");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("node says hi", body);
    }

    [Fact]
    public async Task FlaskApp_WithRequirements_IsServedAtItsSubdomain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.FlaskApp("flask says hallo"));

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(push.Succeeded, push.ToString());
        Assert.Equal("flask says hallo", (await platform.VisitAsync(project)).Body);
    }

    [Fact]
    public async Task NodeApp_ChangedCodeOnly_KeepsInstalledPackages_ChangedPackageList_InstallsAgain()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.NodeApp("first"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        repo.Commit(SampleApps.NodeApp("second"), "only the code changes");
        var codeOnly = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(codeOnly.Succeeded, codeOnly.ToString());
        Assert.Equal("Using cache", AfterInstallStep(codeOnly));
        Assert.Equal("second", (await platform.VisitAsync(project)).Body);

        var app = SampleApps.NodeApp("third");
        // A package list the engine has never seen (its build cache outlives a test run that was cut short).
        app["package.json"] = $$"""{ "name": "kiez-app", "version": "1.0.1", "description": "{{Guid.NewGuid():n}}", "scripts": { "start": "node server.js" } }""";
        repo.Commit(app, "the package list changes");
        var newList = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.True(newList.Succeeded, newList.ToString());
        Assert.StartsWith("Running in", AfterInstallStep(newList));
        Assert.Equal("third", (await platform.VisitAsync(project)).Body);
    }

    /// <summary>What the engine said right after the template's install step: "Using cache" or "Running in &lt;id&gt;".</summary>
    private static string AfterInstallStep(GitResult push)
    {
        var lines = push.Output.Split('\n').Select(l => l.Replace("remote:", "").Trim()).ToList();
        var step = lines.FindIndex(l => l.StartsWith("Step ") && l.Contains("npm ci"));
        Assert.True(step >= 0 && step + 1 < lines.Count, push.ToString());
        return lines[step + 1].TrimStart('-', '>', ' ');
    }

    [Fact]
    public async Task FailingBuild_RejectsPush_AndPreviousVersionKeepsServing()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("version one"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();
        repo.Commit(SampleApps.FailingDockerfile(), "broken build");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("pre-receive hook declined", push.Output);
        Assert.Contains("compiling the kiez app", push.Output);   // the build's own output reached the pusher
        Assert.Contains("remote:  !", push.Output);
        var (status, body) = await platform.VisitAsync(project);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("version one", body);
        var remoteHead = (await GitRepo.RunAsync(repo.Path, TimeSpan.FromMinutes(1), "ls-remote", platform.RemoteUrl(team, project), "main")).Output;
        Assert.DoesNotContain(repo.Git("rev-parse", "HEAD").Trim(), remoteHead);
    }

    [Fact]
    public async Task RepositoryWithoutApp_IsRejectedSayingWhatWasExpected()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string> { ["notes.txt"] = "just notes" });

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("package.json", push.Output);
        Assert.Contains("index.html", push.Output);
    }

    [Fact]
    public async Task OversizedPush_IsRefusedWithTheLimitNamed()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("big"));
        var noise = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(noise);
        await File.WriteAllBytesAsync(Path.Combine(repo.Path, "video.bin"), noise);
        repo.Commit(new Dictionary<string, string>(), "add a video");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("5 MB", push.Output);
    }

    [Fact]
    public async Task BuildContextOverItsLimit_IsRefusedWithTheLimitNamed()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("photos"));
        var photo = new byte[3 * 1024 * 1024]; // under the push limit (5 MB), over the build context limit (2 MB)
        Random.Shared.NextBytes(photo);
        await File.WriteAllBytesAsync(Path.Combine(repo.Path, "photo.jpg"), photo);
        repo.Commit(new Dictionary<string, string>(), "add a photo");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.Contains("2 MB", push.Output);
    }

    [Fact]
    public async Task PushToOtherBranch_IsAcceptedWithoutDeploying()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(SampleApps.StaticSite("draft"));
        repo.Git("checkout", "-q", "-b", "draft");

        var push = await repo.PushAsync(platform.RemoteUrl(team, project), "draft");

        Assert.True(push.Succeeded, push.ToString());
        Assert.DoesNotContain("-----> ", push.Output);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await platform.VisitAsync(project)).Status);
    }
}
