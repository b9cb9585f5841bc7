using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Tests.Deployments;

public sealed class DeploymentTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T12:00:00Z");

    [Fact]
    public void Deployment_MovesBuildingStartingLive()
    {
        var d = new Deployment(1, "push", "mia", Now);
        d.Describe("abc", "Erste Seite", Template.Static, "img");
        d.Starting("c");
        d.Live(Now);
        Assert.Equal(DeploymentStatus.Live, d.Status);
        Assert.Equal(Now, d.FinishedAt);
    }

    [Fact]
    public void Reuse_OfAVersionThatItselfWasARollback_PointsAtTheVersionThatBuiltTheImage()
    {
        var built = Live(new Deployment(1, "push", "mia", Now), "img:1");
        var rollback = new Deployment(1, "rollback", "mia", Now);
        rollback.Reuse(built);
        var restart = new Deployment(1, "settings", "mia", Now);
        restart.Reuse(rollback);

        Assert.Equal("img:1", restart.Image);
        Assert.Equal("Erste Seite", restart.CommitMessage);
        Assert.Equal(built.ImageOwner, restart.BasedOn);
    }

    [Fact]
    public void Reuse_OfAnotherProjectsVersion_IsRefused()
    {
        var foreign = Live(new Deployment(2, "push", "tom", Now), "img:2");
        Assert.Throws<InvalidOperationException>(() => new Deployment(1, "rollback", "mia", Now).Reuse(foreign));
    }

    [Fact]
    public void OnlyARetiredVersion_CanBeGoneBackTo()
    {
        var d = Live(new Deployment(1, "push", "mia", Now), "img");
        Assert.False(d.CanGoBackTo);
        d.Retire();
        Assert.True(d.CanGoBackTo);
        var failed = new Deployment(1, "push", "mia", Now);
        failed.Fail("boom", Now);
        Assert.False(failed.CanGoBackTo);
    }

    [Fact]
    public void StaticWebsite_Unpacked_GoesLiveWithoutAContainer_AndCanBeGoneBackToAgain()
    {
        var site = new Deployment(1, "push", "mia", Now);
        site.Describe("abc", "Erste Seite", Template.Static, image: null);
        site.Unpacked("7");
        site.Live(Now);
        site.Retire();
        var rollback = new Deployment(1, "rollback", "mia", Now);

        rollback.Reuse(site);

        Assert.True(site.CanGoBackTo);
        Assert.Equal("7", rollback.Site);
        Assert.Null(rollback.Image);
        Assert.Null(site.ContainerName);
        Assert.True(rollback.ServesFiles);
    }

    [Fact]
    public void Unpacked_OfAnAppWithAnImage_IsRefused()
    {
        var app = new Deployment(1, "push", "mia", Now);
        app.Describe("abc", null, Template.Node, "img");
        Assert.Throws<InvalidOperationException>(() => app.Unpacked("7"));
    }

    private static Deployment Live(Deployment d, string image)
    {
        d.Describe("abc", "Erste Seite", Template.Static, image);
        d.Starting("c");
        d.Live(Now);
        return d;
    }

    [Fact]
    public void Deployment_CannotGoLiveWithoutStarting()
    {
        var d = new Deployment(1, "push", "mia", Now);
        Assert.Throws<InvalidOperationException>(() => d.Live(Now));
    }

    [Fact]
    public void Deployment_OnceFinished_CannotFail()
    {
        var d = new Deployment(1, "push", "mia", Now);
        d.Fail("boom", Now);
        Assert.Throws<InvalidOperationException>(() => d.Fail("again", Now));
    }

    [Fact]
    public async Task DeployLog_KeepsLinesSaidBeforeTheFileExisted()
    {
        var seen = new List<string>();
        var path = Path.Combine(Path.GetTempPath(), $"jl-log-{Guid.NewGuid():n}.log");
        await using (var log = new DeployLog(JugendLab.Orchestrator.Errors.Language.English, seen.Add, 1024 * 1024))
        {
            log.Step("Baue", "Building");
            log.AttachFile(path);
            log.Error("it broke");
        }
        Assert.Equal(["-----> Building", " !     it broke"], seen);
        Assert.Equal(seen, File.ReadAllLines(path));
        File.Delete(path);
    }
}
