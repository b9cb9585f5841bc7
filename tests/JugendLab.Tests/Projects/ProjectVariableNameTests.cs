using JugendLab.Orchestrator.Projects;

namespace JugendLab.Tests.Projects;

public sealed class ProjectVariableNameTests
{
    [Theory]
    [InlineData("PORT")]
    [InlineData("HOME")]
    [InlineData("JUGENDLAB_PROJECT")]
    [InlineData("jugendlab_anything")]
    public void NamesThePlatformSets_AreReserved(string name) => Assert.True(ProjectVariables.IsReserved(name));

    [Theory]
    [InlineData("API_KEY")]
    [InlineData("PORTAL")]
    [InlineData("MY_HOME")]
    public void OtherNames_AreTheTeams(string name) => Assert.False(ProjectVariables.IsReserved(name));
}
