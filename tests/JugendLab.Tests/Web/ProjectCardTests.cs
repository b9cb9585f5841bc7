using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Pages;

namespace JugendLab.Tests.Web;

public sealed class ProjectCardTests
{
    [Theory]
    [InlineData(ProjectStatus.Live, DeploymentStatus.Building, CardStatus.Building)]
    [InlineData(ProjectStatus.NotDeployed, DeploymentStatus.Starting, CardStatus.Building)]
    [InlineData(ProjectStatus.Live, DeploymentStatus.Failed, CardStatus.Live)]        // a failed redeploy leaves the old version live
    [InlineData(ProjectStatus.NotDeployed, DeploymentStatus.Failed, CardStatus.Failed)]
    [InlineData(ProjectStatus.NotDeployed, null, CardStatus.Empty)]
    [InlineData(ProjectStatus.Stopped, DeploymentStatus.Live, CardStatus.Stopped)]
    [InlineData(ProjectStatus.Crashed, DeploymentStatus.Live, CardStatus.Crashed)]
    public void StatusOf_ShowsWhatTheYouthNeedsToKnowFirst(ProjectStatus project, DeploymentStatus? latest, CardStatus expected) =>
        Assert.Equal(expected, ProjectCard.StatusOf(project, latest));

    [Fact]
    public void EveryStatus_HasATextKeyAndACssClass()
    {
        foreach (var status in Enum.GetValues<CardStatus>())
        {
            Assert.StartsWith("Status", status.Key());
            Assert.StartsWith("status-", status.CssClass());
        }
    }
}

public sealed class VersionPageTests
{
    [Fact]
    public void ALongBuildLog_IsShownFromItsEnd_WithinTheBudget()
    {
        var lines = Enumerable.Range(1, 5000).Select(i => $"Step {i}: " + new string('x', 60)).ToList();

        var shown = JugendLab.Web.Pages.Projekte.VersionModel.LastLines(lines, 96 * 1024);

        Assert.Equal("Step 5000: " + new string('x', 60), shown[^1]);
        Assert.True(shown.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1) <= 96 * 1024);
        Assert.True(shown.Count > 1000);
    }

    [Fact]
    public void AShortBuildLog_IsShownWhole()
    {
        var lines = new[] { "-----> Baue", "fertig" };
        Assert.Same(lines, JugendLab.Web.Pages.Projekte.VersionModel.LastLines(lines, 96 * 1024));
    }
}
