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
